import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log (DESIGN §3): append-only and hash-chained, one chain for the whole platform, for every official act
 * on a vote, ballot or result. Entries name the actor, the act and its subject; never a voter or a choice.
 * Also: how many times, and when last, a ballot's confirmation code was mailed (a voter may ask for it again).
 */
export class VotingAudit1795700000000 implements MigrationInterface {
  name = 'VotingAudit1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ballot_codes ADD COLUMN sends integer NOT NULL DEFAULT 1, ADD COLUMN sent_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`
      CREATE TABLE audit_log (
        seq bigint PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid REFERENCES users(id),
        action text NOT NULL CHECK (action ~ '^[a-z_]+(\\.[a-z_]+)+$'),
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        prev_hash text,
        hash text NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id, seq)`);
    // The hash of an entry: SHA-256 over the previous hash and the entry's fields; anyone with the rows can recompute
    // the chain (SELECT seq FROM audit_log WHERE hash <> audit_entry_hash(prev_hash, audit_log) finds a tampered one).
    // Entries are numbered and chained in one order under a transaction-scoped lock.
    await q.query(`
      CREATE FUNCTION audit_entry_hash(prev text, h audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT encode(sha256(convert_to(concat_ws('|', coalesce(prev, ''), h.seq::text, extract(epoch FROM h.at)::text,
               coalesce(h.actor_id::text, ''), h.action, h.subject_type, h.subject_id, h.details::text), 'UTF8')), 'hex')
      $$`);
    await q.query(`
      CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE last audit_log;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('audit_log', 0));
        SELECT * INTO last FROM audit_log ORDER BY seq DESC LIMIT 1;
        NEW.seq := coalesce(last.seq, 0) + 1;
        NEW.prev_hash := last.hash;
        NEW.hash := audit_entry_hash(last.hash, NEW);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain()`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
    await q.query(`DROP FUNCTION audit_log_chain()`);
    await q.query(`DROP FUNCTION audit_entry_hash(text, audit_log)`);
    await q.query(`ALTER TABLE ballot_codes DROP COLUMN sends, DROP COLUMN sent_at`);
  }
}
