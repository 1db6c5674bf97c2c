import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne, queryRows, rowsOf } from '@civitas/database';
import type { SheetStatus } from './ballot-status';
import type { SheetSummary } from './paper-ballots.service';

/** One operator's keying of a sheet: its content hash and the canonical content stored for the officials (no PESEL). */
export interface NewPaperEntry {
  editionId: string;
  sheet: string;
  operatorId: string;
  contentHash: string;
  content: Record<string, unknown>;
}

/** A keying of a sheet as an official reads it: who keyed it, when, and what they read. */
export interface PaperEntry {
  operatorId: string;
  operatorName: string | null;
  at: Date;
  content: Record<string, unknown> | null;
}

/** The ballot a settled sheet became, as the keying operator is told. */
export interface SheetBallot {
  reference: string;
  status: string;
}

/** Per edition, how many sheets wait for a second keying and how many mismatches wait for a third. */
export interface WaitingSheets {
  editionId: string;
  keyedOnce: number;
  mismatch: number;
}

/** A booth draft as stored: its edition and its state sealed with the visitor's key (AES-256-GCM). */
export interface SealedDraft {
  editionId: string;
  iv: Buffer;
  tag: Buffer;
  state: Buffer;
}

/** A booth draft's sealed state, as written. */
export interface SealedState {
  iv: Buffer;
  tag: Buffer;
  data: Buffer;
}

interface SheetSummaryRow {
  sheet: string;
  status: SheetStatus;
  updated_at: Date;
  keyings: number;
}

interface SheetRow {
  sheet: string;
  status: SheetStatus;
  updated_at: Date;
}

interface EntryRow {
  operator_id: string;
  display_name: string | null;
  created_at: Date;
  content: Record<string, unknown> | null;
}

interface WaitingRow {
  edition_id: string;
  keyed_once: number;
  mismatch: number;
}

interface DraftRow {
  edition_id: string;
  iv: Buffer;
  tag: Buffer;
  state: Buffer;
}

const summaryOf = (r: SheetSummaryRow): SheetSummary => ({ sheet: r.sheet, status: r.status, keyings: r.keyings, updatedAt: r.updated_at });

const entryOf = (e: EntryRow): PaperEntry => ({ operatorId: e.operator_id, operatorName: e.display_name, at: e.created_at, content: e.content });

/**
 * The SQL of the ballots being filled in: paper sheets and their keyings (`paper_sheets`, `paper_entries`), and the
 * booth's drafts (`booth_drafts`), as named methods with typed rows. Methods used in a transaction take its
 * EntityManager first; the others read and write through the DataSource.
 */
@Injectable()
export class PaperSheetRepository {
  constructor(private readonly ds: DataSource) {}

  /** Records the sheet as keyed once, unless the edition already has it. */
  async insertSheetIfAbsent(m: EntityManager, editionId: string, sheet: string): Promise<void> {
    await m.query(`INSERT INTO paper_sheets (edition_id, sheet, status) VALUES ($1, $2, 'keyed_once') ON CONFLICT DO NOTHING`, [editionId, sheet]);
  }

  /** The sheet's status, its row locked for the rest of the transaction (the sheet must exist). */
  async lockSheet(m: EntityManager, editionId: string, sheet: string): Promise<SheetStatus> {
    const [s] = await queryRows<{ status: SheetStatus }>(m, `SELECT status FROM paper_sheets WHERE edition_id = $1 AND sheet = $2 FOR UPDATE`, [
      editionId,
      sheet,
    ]);
    return s.status;
  }

  /** Records one operator's keying of a sheet; a second keying by the same operator fails with a unique violation. */
  async insertEntry(m: EntityManager, e: NewPaperEntry): Promise<void> {
    await m.query(`INSERT INTO paper_entries (edition_id, sheet, operator_id, content_hash, content) VALUES ($1, $2, $3, $4, $5::jsonb)`, [
      e.editionId,
      e.sheet,
      e.operatorId,
      e.contentHash,
      JSON.stringify(e.content),
    ]);
  }

  /** The content hashes of the sheet's keyings, oldest first. */
  async listEntryHashes(m: EntityManager, editionId: string, sheet: string): Promise<string[]> {
    const rows = await queryRows<{ content_hash: string }>(
      m,
      `SELECT content_hash FROM paper_entries WHERE edition_id = $1 AND sheet = $2 ORDER BY created_at`,
      [editionId, sheet],
    );
    return rows.map((r) => r.content_hash);
  }

  /** Marks the sheet as a mismatch (its keyings disagree; a third one settles it). */
  async markMismatch(m: EntityManager, editionId: string, sheet: string): Promise<void> {
    await m.query(`UPDATE paper_sheets SET status = 'mismatch', updated_at = now() WHERE edition_id = $1 AND sheet = $2`, [editionId, sheet]);
  }

  /** Records what the sheet became: its final status and the ballot made from it (null: none). */
  async settle(m: EntityManager, editionId: string, sheet: string, status: SheetStatus, ballotId: string | null): Promise<void> {
    await m.query(`UPDATE paper_sheets SET status = $3, ballot_id = $4, updated_at = now() WHERE edition_id = $1 AND sheet = $2`, [
      editionId,
      sheet,
      status,
      ballotId,
    ]);
  }

  /** The reference and status of the ballot a sheet became; undefined when there is none. */
  findBallot(m: EntityManager, ballotId: string): Promise<SheetBallot | undefined> {
    return queryOne<SheetBallot>(m, `SELECT reference, status FROM ballots WHERE id = $1`, [ballotId]);
  }

  /** How many of the edition's sheets there are (only those in `status`, when given). */
  async countSheets(editionId: string, status: SheetStatus | null): Promise<number> {
    const [{ total }] = await queryRows<{ total: number }>(
      this.ds.manager,
      `SELECT count(*)::int AS total FROM paper_sheets WHERE edition_id = $1 AND ($2::text IS NULL OR status = $2)`,
      [editionId, status],
    );
    return total;
  }

  /** One page of the edition's sheets (only those in `status`, when given), oldest change first, each with its number of keyings. */
  async pageSheets(editionId: string, status: SheetStatus | null, limit: number, offset: number): Promise<SheetSummary[]> {
    const rows = await queryRows<SheetSummaryRow>(
      this.ds.manager,
      `SELECT s.sheet, s.status, s.updated_at, (SELECT count(*)::int FROM paper_entries e WHERE e.edition_id = s.edition_id AND e.sheet = s.sheet) AS keyings
         FROM paper_sheets s WHERE s.edition_id = $1 AND ($2::text IS NULL OR s.status = $2) ORDER BY s.updated_at, s.sheet LIMIT $3 OFFSET $4`,
      [editionId, status, limit, offset],
    );
    return rows.map(summaryOf);
  }

  /** All the edition's sheets (only those in `status`, when given), oldest change first, each with its number of keyings. */
  async listSheets(editionId: string, status: SheetStatus | null): Promise<SheetSummary[]> {
    const rows = await queryRows<SheetSummaryRow>(
      this.ds.manager,
      `SELECT s.sheet, s.status, s.updated_at, (SELECT count(*)::int FROM paper_entries e WHERE e.edition_id = s.edition_id AND e.sheet = s.sheet) AS keyings
         FROM paper_sheets s WHERE s.edition_id = $1 AND ($2::text IS NULL OR s.status = $2) ORDER BY s.updated_at, s.sheet`,
      [editionId, status],
    );
    return rows.map(summaryOf);
  }

  /** The sheet's status and last change; undefined when it was never keyed. */
  async findSheet(editionId: string, sheet: string): Promise<Omit<SheetSummary, 'keyings'> | undefined> {
    const s = await queryOne<SheetRow>(this.ds.manager, `SELECT sheet, status, updated_at FROM paper_sheets WHERE edition_id = $1 AND sheet = $2`, [
      editionId,
      sheet,
    ]);
    return s && { sheet: s.sheet, status: s.status, updatedAt: s.updated_at };
  }

  /** The sheet's keyings, oldest first, each with its operator's name. */
  async listEntries(editionId: string, sheet: string): Promise<PaperEntry[]> {
    const rows = await queryRows<EntryRow>(
      this.ds.manager,
      `SELECT e.operator_id, u.display_name, e.created_at, e.content FROM paper_entries e LEFT JOIN users u ON u.id = e.operator_id
        WHERE e.edition_id = $1 AND e.sheet = $2 ORDER BY e.created_at`,
      [editionId, sheet],
    );
    return rows.map(entryOf);
  }

  /** Per edition with any, the sheets waiting for a second keying and the mismatches waiting for a third. */
  async countWaiting(): Promise<WaitingSheets[]> {
    const rows = await queryRows<WaitingRow>(
      this.ds.manager,
      `SELECT edition_id, count(*) FILTER (WHERE status = 'keyed_once')::int AS keyed_once, count(*) FILTER (WHERE status = 'mismatch')::int AS mismatch
         FROM paper_sheets WHERE status IN ('keyed_once', 'mismatch') GROUP BY edition_id`,
    );
    return rows.map((r) => ({ editionId: r.edition_id, keyedOnce: r.keyed_once, mismatch: r.mismatch }));
  }

  /** Replaces the keyed identity of the edition's entries with null (the content hash stays); returns how many entries. */
  async eraseEntryIdentities(m: EntityManager, editionId: string): Promise<number> {
    return rowsOf(
      await m.query(
        `UPDATE paper_entries SET content = jsonb_set(content, '{identity}', 'null'::jsonb)
            WHERE edition_id = $1 AND jsonb_typeof(content -> 'identity') = 'object' RETURNING id`,
        [editionId],
      ),
    ).length;
  }

  /** Inserts a booth draft of the edition that expires `ttlSeconds` from now; returns its id. */
  async insertDraft(editionId: string, sealed: SealedState, ttlSeconds: number): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      this.ds.manager,
      `INSERT INTO booth_drafts (edition_id, iv, tag, state, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5)) RETURNING id`,
      [editionId, sealed.iv, sealed.tag, sealed.data, ttlSeconds],
    );
    return row.id;
  }

  /** The booth draft, still sealed; undefined when there is none or it has expired. */
  async findDraft(id: string): Promise<SealedDraft | undefined> {
    const row = await queryOne<DraftRow>(this.ds.manager, `SELECT edition_id, iv, tag, state FROM booth_drafts WHERE id = $1 AND expires_at > now()`, [id]);
    return row && { editionId: row.edition_id, iv: row.iv, tag: row.tag, state: row.state };
  }

  /** Writes the draft's newly sealed state and makes it expire `ttlSeconds` from now. */
  async updateDraft(id: string, sealed: SealedState, ttlSeconds: number): Promise<void> {
    await this.ds.manager.query(`UPDATE booth_drafts SET iv = $2, tag = $3, state = $4, expires_at = now() + make_interval(secs => $5) WHERE id = $1`, [
      id,
      sealed.iv,
      sealed.tag,
      sealed.data,
      ttlSeconds,
    ]);
  }

  /** Deletes the booth draft. */
  async deleteDraft(id: string): Promise<void> {
    await this.ds.manager.query(`DELETE FROM booth_drafts WHERE id = $1`, [id]);
  }

  /** Deletes the booth drafts expired at `now`. */
  async deleteExpiredDrafts(m: EntityManager, now: Date): Promise<void> {
    await m.query(`DELETE FROM booth_drafts WHERE expires_at <= $1::timestamptz`, [now]);
  }
}
