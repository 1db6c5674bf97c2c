import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Locale } from '@civitas/common';
import { queryOne, queryRows, rowsOf, runPrepared } from '@civitas/database';
import { JOB_QUEUE } from '@civitas/queue';
import type { StoredChoice } from './ballot-spec';
import { AWAITING_PROOF } from './ballot-status';
import type { BallotReceipt, BallotStatus, Channel } from './ballots.service';

type BallotRowStatus = 'pending' | 'valid' | 'void';

/** A ballot of a voter key as far as duplicates go: live (pending, valid) or already voided as a duplicate. */
export interface KeyBallot {
  status: BallotRowStatus;
  voidReason: string | null;
}

/** A ballot to write in one statement with its identity, its choices and the job that follows it (values as stored). */
export interface NewBallot {
  editionId: string;
  voterKey: string;
  channel: Channel;
  status: BallotRowStatus;
  reference: string;
  areaId: string;
  voidReason: string | null;
  firstName: string;
  lastName: string;
  address: string | null;
  email: string | null;
  birthYear: number | null;
  guardian: { name: string; declaration: true } | null;
  userId: string | null;
  wantsResults: boolean;
  locale: Locale;
  choices: StoredChoice[];
  job: 'send-ballot-code' | 'send-ballot-receipt' | null;
}

/** An invalid paper sheet to record as a void paper ballot, without identity or choices. */
export interface NewInvalidPaper {
  editionId: string;
  voterKey: string;
  reference: string;
  areaId: string | null;
  reason: 'invalid_content' | 'unsigned' | 'illegible';
}

/** An idempotency key already claimed: the request it was claimed for and the response stored for it. */
export interface ClaimedIdempotencyKey {
  requestHash: string;
  status: number | null;
  response: BallotReceipt | { code: string } | null;
}

/** A ballot locked for a new code: its state, its code's sends and timing, and the address given with it. */
export interface ResendState {
  id: string;
  status: string;
  voidReason: string | null;
  /** Cast less than the resend interval ago. */
  fresh: boolean;
  /** Codes mailed so far; null when none was. */
  sends: number | null;
  /** The last code mailed less than the resend interval ago; null when none was. */
  recent: boolean | null;
  /** Seconds until a new code may be asked for. */
  wait: number;
  email: string | null;
}

/** A ballot's stored code: its hash, the wrong attempts and whether it has expired. */
export interface BallotCode {
  codeHash: string;
  attempts: number;
  expired: boolean;
}

/** Ballots counted by status (awaiting proof counted as pending) and channel. */
export interface TurnoutCount {
  status: string;
  channel: Channel;
  n: number;
}

interface KeyBallotRow {
  status: BallotRowStatus;
  void_reason: string | null;
}

interface IdempotencyRow {
  request_hash: string;
  status: number | null;
  response: BallotReceipt | { code: string } | null;
}

interface ResendRow {
  id: string;
  status: string;
  void_reason: string | null;
  fresh: boolean;
  sends: number | null;
  recent: boolean | null;
  wait: number;
  email: string | null;
}

interface StatusRow {
  reference: string;
  status: BallotStatus['status'];
  channel: Channel;
  void_reason: string | null;
  created_at: Date;
  confirmed_at: Date | null;
}

const keyBallotOf = (r: KeyBallotRow): KeyBallot => ({ status: r.status, voidReason: r.void_reason });

const resendOf = (r: ResendRow): ResendState => ({
  id: r.id,
  status: r.status,
  voidReason: r.void_reason,
  fresh: r.fresh,
  sends: r.sends,
  recent: r.recent,
  wait: r.wait,
  email: r.email,
});

const statusOf = (r: StatusRow): BallotStatus => ({
  reference: r.reference,
  status: r.status,
  channel: r.channel,
  voidReason: r.void_reason,
  createdAt: r.created_at,
  confirmedAt: r.confirmed_at,
});

/** One statement: the ballot, the identity (apart, joined only by the voter key), the choices and the job. */
const CAST_BALLOT = `WITH b AS (
    INSERT INTO ballots (edition_id, voter_key, channel, status, reference, area_id, void_reason, confirmed_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $4 = 'valid' THEN now() END) RETURNING id
  ), i AS (
    INSERT INTO voter_identities (edition_id, voter_key, first_name, last_name, area_id, address, email, birth_year, guardian, user_id, wants_results, locale)
    SELECT $1, $2, $8, $9, $6, $10, $11, $12, $13::jsonb, $14, $15, $16 FROM b
  ), c AS (
    INSERT INTO ballot_choices (ballot_id, pool_id, project_id, position, points)
    SELECT b.id, t.pool_id, t.project_id, t.position, t.points
      FROM b, unnest($17::uuid[], $18::uuid[], $19::int[], $20::int[]) AS t(pool_id, project_id, position, points)
  ), o AS (
    INSERT INTO outbox (queue, job_name, payload)
    SELECT $21, $22, jsonb_build_object('ballotId', b.id) FROM b WHERE $22::text IS NOT NULL
  )
  SELECT id FROM b`;

/**
 * The SQL of ballots, their choices and codes, voter identities, the ballots' idempotency keys and code mails, with
 * the read of the areas a ballot is checked against (the edition's pools and projects are the budget's, read through
 * its repositories). Methods used in a transaction take its EntityManager first; the others read through the
 * DataSource.
 */
@Injectable()
export class VoteRepository {
  constructor(private readonly ds: DataSource) {}

  /** Those of the areas that have no parent (a pool there is city-wide). */
  async listRootAreaIds(areaIds: string[], m: EntityManager = this.ds.manager): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(m, `SELECT id FROM areas WHERE parent_id IS NULL AND id = ANY($1::uuid[])`, [areaIds]);
    return rows.map((r) => r.id);
  }

  /** The id of the ballot with this reference; undefined when there is none. */
  async findBallotIdByReference(reference: string, m: EntityManager = this.ds.manager): Promise<string | undefined> {
    return (await queryOne<{ id: string }>(m, `SELECT id FROM ballots WHERE reference = $1`, [reference]))?.id;
  }

  /** Takes the voter key's transaction-scoped advisory lock: ballots and confirmations of one person queue up. */
  async lockVoterKey(m: EntityManager, editionId: string, voterKey: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${editionId}:${voterKey}`]);
  }

  /**
   * Writes the ballot, its identity, choices and job in one statement; returns the ballot's id. On the DataSource's
   * manager (autocommit) it runs as the prepared statement `cast-ballot`. A second live ballot of the key fails with
   * a unique violation.
   */
  async insertBallot(m: EntityManager, b: NewBallot): Promise<string> {
    const values = [
      b.editionId,
      b.voterKey,
      b.channel,
      b.status,
      b.reference,
      b.areaId,
      b.voidReason,
      b.firstName,
      b.lastName,
      b.address,
      b.email,
      b.birthYear,
      b.guardian ? JSON.stringify(b.guardian) : null,
      b.userId,
      b.wantsResults,
      b.locale,
      b.choices.map((c) => c.poolId),
      b.choices.map((c) => c.projectId),
      b.choices.map((c) => c.position),
      b.choices.map((c) => c.points),
      b.job ? JOB_QUEUE[b.job] : null,
      b.job,
    ];
    const [row] =
      m === this.ds.manager
        ? await runPrepared<{ id: string }>(this.ds, 'cast-ballot', CAST_BALLOT, values)
        : await queryRows<{ id: string }>(m, CAST_BALLOT, values);
    return row.id;
  }

  /** Records an invalid paper sheet as a void paper ballot (an unknown area is stored as none); returns its id. */
  async insertInvalidPaper(m: EntityManager, p: NewInvalidPaper): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      m,
      `INSERT INTO ballots (edition_id, voter_key, channel, status, reference, area_id, void_reason)
       VALUES ($1, $2, 'paper', 'void', $3, (SELECT id FROM areas WHERE id = $4::uuid), $5) RETURNING id`,
      [p.editionId, p.voterKey, p.reference, p.areaId, p.reason],
    );
    return row.id;
  }

  /** Sets a savepoint before writing a ballot, so that a duplicate does not end the transaction. */
  async savepointBallot(m: EntityManager): Promise<void> {
    await m.query('SAVEPOINT ballot_insert');
  }

  /** Releases the savepoint of a ballot written. */
  async releaseBallotSavepoint(m: EntityManager): Promise<void> {
    await m.query('RELEASE SAVEPOINT ballot_insert');
  }

  /** Rolls back to the savepoint of a ballot refused. */
  async rollbackBallotSavepoint(m: EntityManager): Promise<void> {
    await m.query('ROLLBACK TO SAVEPOINT ballot_insert');
  }

  /** The key's live ballots and those already voided as duplicates (never those released or awaiting proof), but `except`. */
  async listProvenOrLive(m: EntityManager, editionId: string, voterKey: string, except: string | null = null): Promise<KeyBallot[]> {
    const rows = await queryRows<KeyBallotRow>(
      m,
      `SELECT status, void_reason FROM ballots
        WHERE edition_id = $1 AND voter_key = $2 AND (status IN ('pending', 'valid') OR void_reason = 'duplicate') AND id IS DISTINCT FROM $3::uuid`,
      [editionId, voterKey, except],
    );
    return rows.map(keyBallotOf);
  }

  /** Voids every live ballot of the key as a duplicate. */
  async voidLiveAsDuplicates(m: EntityManager, editionId: string, voterKey: string): Promise<void> {
    await m.query(`UPDATE ballots SET status = 'void', void_reason = 'duplicate' WHERE edition_id = $1 AND voter_key = $2 AND status IN ('pending', 'valid')`, [
      editionId,
      voterKey,
    ]);
  }

  /** Moves the key's pending ballot out of the live set, to await proof with its code. */
  async stepAsidePending(m: EntityManager, editionId: string, voterKey: string): Promise<void> {
    await m.query(`UPDATE ballots SET status = 'void', void_reason = $3 WHERE edition_id = $1 AND voter_key = $2 AND status = 'pending'`, [
      editionId,
      voterKey,
      AWAITING_PROOF,
    ]);
  }

  /** Voids (`unconfirmed`) the key's pending ballot older than `codeTtlSecs` without a live code; true when one was. */
  async voidStaleUnconfirmed(m: EntityManager, editionId: string, voterKey: string, codeTtlSecs: number): Promise<boolean> {
    const released = rowsOf(
      await m.query(
        `UPDATE ballots b SET status = 'void', void_reason = 'unconfirmed'
          WHERE b.edition_id = $1 AND b.voter_key = $2 AND b.status = 'pending' AND b.created_at < now() - make_interval(secs => $3)
            AND NOT EXISTS (SELECT 1 FROM ballot_codes c WHERE c.ballot_id = b.id AND c.expires_at > now())
          RETURNING b.id`,
        [editionId, voterKey, codeTtlSecs],
      ),
    );
    return released.length > 0;
  }

  /** Takes the mailbox's transaction-scoped advisory lock: its code mails are counted one after another. */
  async lockMailbox(m: EntityManager, mailboxKey: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`ballot-code-mails:${mailboxKey}`]);
  }

  /** Forgets the mailbox's code mails older than an hour. */
  async deleteOldCodeMails(m: EntityManager, mailboxKey: string): Promise<void> {
    await m.query(`DELETE FROM ballot_code_mails WHERE mailbox_key = $1 AND sent_at <= now() - interval '1 hour'`, [mailboxKey]);
  }

  /** Seconds until the limit-th most recent code mail of the hour leaves it; undefined when the mailbox had fewer. */
  async codeMailWait(m: EntityManager, mailboxKey: string, limit: number): Promise<number | undefined> {
    const r = await queryOne<{ wait: number }>(
      m,
      `SELECT ceil(extract(epoch FROM sent_at + interval '1 hour' - now()))::int AS wait FROM ballot_code_mails
        WHERE mailbox_key = $1 AND sent_at > now() - interval '1 hour' ORDER BY sent_at DESC OFFSET $2 LIMIT 1`,
      [mailboxKey, limit - 1],
    );
    return r?.wait;
  }

  /** Counts one code mail to the mailbox, now. */
  async insertCodeMail(m: EntityManager, mailboxKey: string): Promise<void> {
    await m.query(`INSERT INTO ballot_code_mails (mailbox_key) VALUES ($1)`, [mailboxKey]);
  }

  /** Claims the idempotency key for the request; false when it was already claimed. */
  async claimIdempotencyKey(m: EntityManager, scope: string, key: string, requestHash: string): Promise<boolean> {
    const claimed = await queryRows<{ key: string }>(
      m,
      `INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
      [scope, key, requestHash],
    );
    return claimed.length > 0;
  }

  /** The claimed idempotency key's request hash and stored response. */
  async findIdempotencyKey(m: EntityManager, scope: string, key: string): Promise<ClaimedIdempotencyKey> {
    const [r] = await queryRows<IdempotencyRow>(m, `SELECT request_hash, status, response FROM idempotency_keys WHERE scope = $1 AND key = $2`, [scope, key]);
    return { requestHash: r.request_hash, status: r.status, response: r.response };
  }

  /** Stores the response (HTTP status and body) answered under the idempotency key. */
  async saveIdempotentResponse(m: EntityManager, scope: string, key: string, status: number, response: BallotReceipt | { code: string }): Promise<void> {
    await m.query(`UPDATE idempotency_keys SET status = $3, response = $4::jsonb WHERE scope = $1 AND key = $2`, [
      scope,
      key,
      status,
      JSON.stringify(response),
    ]);
  }

  /** The ballot of the reference, locked, with its code's sends and the address given with it; undefined when there is none. */
  async lockForResend(m: EntityManager, reference: string, resendAfterSecs: number): Promise<ResendState | undefined> {
    const r = await queryOne<ResendRow>(
      m,
      `SELECT b.id, b.status, b.void_reason, b.created_at > now() - make_interval(secs => $2) AS fresh, c.sends,
                c.sent_at > now() - make_interval(secs => $2) AS recent,
                ceil(extract(epoch FROM COALESCE(c.sent_at, b.created_at) + make_interval(secs => $2) - now()))::int AS wait,
                (SELECT v.email FROM voter_identities v WHERE v.edition_id = b.edition_id AND v.voter_key = b.voter_key AND v.erased_at IS NULL
                    AND v.created_at <= b.created_at
                  ORDER BY v.created_at DESC LIMIT 1) AS email
           FROM ballots b LEFT JOIN ballot_codes c ON c.ballot_id = b.id WHERE b.reference = $1 FOR UPDATE OF b`,
      [reference, resendAfterSecs],
    );
    return r && resendOf(r);
  }

  /** The edition and voter key of the ballot of the reference; undefined when there is none. */
  async findVoterKey(m: EntityManager, reference: string): Promise<{ editionId: string; voterKey: string } | undefined> {
    const r = await queryOne<{ edition_id: string; voter_key: string }>(m, `SELECT edition_id, voter_key FROM ballots WHERE reference = $1`, [reference]);
    return r && { editionId: r.edition_id, voterKey: r.voter_key };
  }

  /** The ballot of the reference, its row locked; undefined when there is none. */
  async lockByReference(m: EntityManager, reference: string): Promise<{ id: string; status: string; voidReason: string | null } | undefined> {
    const r = await queryOne<{ id: string; status: string; void_reason: string | null }>(
      m,
      `SELECT id, status, void_reason FROM ballots WHERE reference = $1 FOR UPDATE`,
      [reference],
    );
    return r && { id: r.id, status: r.status, voidReason: r.void_reason };
  }

  /** The ballot's code; undefined when none was mailed. */
  async findCode(m: EntityManager, ballotId: string): Promise<BallotCode | undefined> {
    const r = await queryOne<{ code_hash: string; attempts: number; expired: boolean }>(
      m,
      `SELECT code_hash, attempts, expires_at < now() AS expired FROM ballot_codes WHERE ballot_id = $1`,
      [ballotId],
    );
    return r && { codeHash: r.code_hash, attempts: r.attempts, expired: r.expired };
  }

  /** Counts one wrong attempt at the ballot's code. */
  async countCodeAttempt(m: EntityManager, ballotId: string): Promise<void> {
    await m.query(`UPDATE ballot_codes SET attempts = attempts + 1 WHERE ballot_id = $1`, [ballotId]);
  }

  /** Deletes the ballot's code (used). */
  async deleteCode(m: EntityManager, ballotId: string): Promise<void> {
    await m.query(`DELETE FROM ballot_codes WHERE ballot_id = $1`, [ballotId]);
  }

  /** Stores the ballot's new code hash, valid for `ttlSecs`, attempts reset, one more send counted. */
  async upsertCode(m: EntityManager, ballotId: string, codeHash: string, ttlSecs: number): Promise<void> {
    await m.query(
      `INSERT INTO ballot_codes (ballot_id, code_hash, attempts, expires_at) VALUES ($1, $2, 0, now() + make_interval(secs => $3))
       ON CONFLICT (ballot_id) DO UPDATE SET code_hash = EXCLUDED.code_hash, attempts = 0, expires_at = EXCLUDED.expires_at,
         sends = ballot_codes.sends + 1, sent_at = now()`,
      [ballotId, codeHash, ttlSecs],
    );
  }

  /** Marks the (void) ballot a confirmed duplicate. */
  async markConfirmedDuplicate(m: EntityManager, ballotId: string): Promise<void> {
    await m.query(`UPDATE ballots SET void_reason = 'duplicate', confirmed_at = now() WHERE id = $1`, [ballotId]);
  }

  /** Marks the ballot valid, confirmed now. */
  async markValid(m: EntityManager, ballotId: string): Promise<void> {
    await m.query(`UPDATE ballots SET status = 'valid', void_reason = NULL, confirmed_at = now() WHERE id = $1`, [ballotId]);
  }

  /** The ballot of the reference as stored (status, channel, dates); undefined when there is none. */
  async findStatus(reference: string, m: EntityManager = this.ds.manager): Promise<BallotStatus | undefined> {
    const r = await queryOne<StatusRow>(m, `SELECT reference, status, channel, void_reason, created_at, confirmed_at FROM ballots WHERE reference = $1`, [
      reference,
    ]);
    return r && statusOf(r);
  }

  /** The edition's ballots counted by status and channel: valid, pending (awaiting proof too) and invalid paper sheets. */
  countByStatus(editionId: string, m: EntityManager = this.ds.manager): Promise<TurnoutCount[]> {
    return queryRows<TurnoutCount>(
      m,
      `SELECT CASE WHEN void_reason = $2 THEN 'pending' ELSE status END AS status, channel, count(*)::int AS n FROM ballots
        WHERE edition_id = $1 AND (status IN ('valid', 'pending') OR void_reason IN ('invalid_content', 'unsigned', 'illegible', $2))
        GROUP BY 1, channel`,
      [editionId, AWAITING_PROOF],
    );
  }

  /** The edition's valid ballots counted per area, in area order. */
  async countValidByArea(editionId: string, m: EntityManager = this.ds.manager): Promise<Array<{ areaId: string | null; ballots: number }>> {
    const rows = await queryRows<{ area_id: string | null; n: number }>(
      m,
      `SELECT area_id, count(*)::int AS n FROM ballots WHERE edition_id = $1 AND status = 'valid' GROUP BY area_id ORDER BY area_id`,
      [editionId],
    );
    return rows.map((r) => ({ areaId: r.area_id, ballots: r.n }));
  }

  /** The edition's valid ballots counted per pool they choose in, in pool order. */
  async countValidByPool(editionId: string, m: EntityManager = this.ds.manager): Promise<Array<{ poolId: string; ballots: number }>> {
    const rows = await queryRows<{ pool_id: string; n: number }>(
      m,
      `SELECT c.pool_id, count(DISTINCT c.ballot_id)::int AS n FROM ballot_choices c JOIN ballots b ON b.id = c.ballot_id
        WHERE b.edition_id = $1 AND b.status = 'valid' GROUP BY c.pool_id ORDER BY c.pool_id`,
      [editionId],
    );
    return rows.map((r) => ({ poolId: r.pool_id, ballots: r.n }));
  }
}
