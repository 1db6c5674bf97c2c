import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { appendAudit, isUniqueViolation } from '@civitas/database';
import { sheetClosed, type SheetStatus } from './ballot-status';
import { BallotsError, BallotsErrorCode } from './ballots.errors';
import { BallotInput, BallotsService, canonicalJson, PreparedBallot } from './ballots.service';
import { normaliseText } from './voter-key';
import { VotingConfigService } from './voting-config.service';

/** Why a sheet is an invalid vote (see PaperBallotDto.invalid). */
export type InvalidSheet = 'content' | 'unsigned' | 'illegible';

export type { SheetStatus };

export interface PaperKeying {
  sheet: string;
  status: SheetStatus;
  /** How many operators have keyed the sheet. */
  keyings: number;
  /** The ballot made from the matching keyings (matched / resolved). */
  ballot: { reference: string; status: string } | null;
  /**
   * Why a sheet was rejected: already_voted (first ballot counts) or duplicate_voided (all of that person's ballots
   * void); for an invalid vote, why it is void: invalid_content, unsigned, illegible.
   */
  reason: string | null;
}

export interface SheetSummary {
  sheet: string;
  status: SheetStatus;
  keyings: number;
  updatedAt: Date;
}

/**
 * The canonical content of a keyed sheet: identity normalised, choices by pool; projects sorted except in ordinal
 * pools, where the rank order is the content. Two operators who read the same sheet produce the same hash.
 */
export function paperContent(b: PreparedBallot): Record<string, unknown> {
  const id = b.identity;
  const pools = [...new Set(b.choices.map((c) => c.poolId))].sort();
  return {
    identity: {
      firstName: normaliseText(id.firstName),
      lastName: normaliseText(id.lastName),
      areaId: id.areaId,
      address: id.address ? normaliseText(id.address) : null,
      email: id.email ? normaliseText(id.email) : null,
      pesel: id.pesel ?? null,
      birthYear: id.birthYear ?? null,
      guardian: id.guardian ? normaliseText(id.guardian.name) : null,
    },
    choices: pools.map((poolId) => {
      const cs = b.choices.filter((c) => c.poolId === poolId);
      const items = cs.map((c) => `${c.projectId}:${c.points}`);
      return { poolId, projects: b.ordinalPools.has(poolId) ? items : items.sort() };
    }),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What an operator read on a sheet that breaks the rules: names normalised, projects in a fixed order. */
function rawContent(input: BallotInput): Record<string, unknown> {
  const id = input.identity;
  return {
    identity: {
      firstName: normaliseText(id.firstName ?? ''),
      lastName: normaliseText(id.lastName ?? ''),
      areaId: id.areaId,
      pesel: id.pesel ?? null,
      birthYear: id.birthYear ?? null,
    },
    choices: [...input.choices]
      .map((c) => ({ poolId: c.poolId, projects: [...(c.projectIds ?? []), ...(c.points ?? []).map((p) => `${p.projectId}:${p.points}`)].sort() }))
      .sort((a, b) => a.poolId.localeCompare(b.poolId)),
  };
}

/** Paper ballots keyed twice by different operators (DESIGN §4.4); a mismatch waits for a third. */
@Injectable()
export class PaperBallotsService {
  constructor(
    private readonly ds: DataSource,
    private readonly ballots: BallotsService,
    private readonly voting: VotingConfigService,
  ) {}

  /**
   * One operator's keying of a sheet. `invalid` marks an invalid vote: `content` (keyed as read; the server must find
   * the fault, or the sheet is valid and keyed as such), `unsigned` or `illegible` (nothing on it is read). Operators
   * must agree on that as on the content.
   */
  async key(editionId: string, operatorId: string, sheet: string, input: Partial<BallotInput>, invalid?: InvalidSheet): Promise<PaperKeying> {
    let prepared: PreparedBallot | null = null;
    let content: Record<string, unknown>;
    if (!invalid) {
      prepared = await this.ballots.prepare(editionId, input as BallotInput, 'paper', null);
      content = paperContent(prepared);
    } else {
      await this.ballots.assertPaperOpen(editionId);
      if (invalid === 'content') {
        const faulty = await this.ballots.prepare(editionId, input as BallotInput, 'paper', null).then(
          () => false,
          (err: unknown) => {
            if (err instanceof BallotsError && (err.code === BallotsErrorCode.InvalidBallot || err.code === BallotsErrorCode.InvalidIdentity)) return true;
            throw err;
          },
        );
        if (!faulty) throw BallotsError.sheetIsValid();
      }
      content = { invalid, ...(invalid === 'content' ? rawContent(input as BallotInput) : {}) };
    }
    const hash = createHash('sha256').update(canonicalJson(content)).digest('hex');
    // Stored for the officials who settle a mismatch: the canonical content, without the PESEL (which lives only in the voter key).
    const stored = content.identity ? { ...content, identity: { ...(content.identity as Record<string, unknown>), pesel: undefined } } : content;
    const keyIn = async (m: EntityManager): Promise<PaperKeying> => {
      await m.query(`INSERT INTO paper_sheets (edition_id, sheet, status) VALUES ($1, $2, 'keyed_once') ON CONFLICT DO NOTHING`, [editionId, sheet]);
      const [s] = (await m.query(`SELECT status FROM paper_sheets WHERE edition_id = $1 AND sheet = $2 FOR UPDATE`, [editionId, sheet])) as Array<{
        status: SheetStatus;
      }>;
      if (sheetClosed(s.status)) throw BallotsError.sheetClosed();
      await m.query(`INSERT INTO paper_entries (edition_id, sheet, operator_id, content_hash, content) VALUES ($1, $2, $3, $4, $5::jsonb)`, [
        editionId,
        sheet,
        operatorId,
        hash,
        JSON.stringify(stored),
      ]);
      const entries = (await m.query(`SELECT content_hash FROM paper_entries WHERE edition_id = $1 AND sheet = $2 ORDER BY created_at`, [
        editionId,
        sheet,
      ])) as Array<{ content_hash: string }>;
      const counts = new Map<string, number>();
      for (const e of entries) counts.set(e.content_hash, (counts.get(e.content_hash) ?? 0) + 1);
      const agreed = [...counts.entries()].find(([, n]) => n >= 2)?.[0];
      const base = { sheet, keyings: entries.length, ballot: null, reason: null };
      if (entries.length === 1) return { ...base, status: 'keyed_once' as const };
      if (!agreed) {
        await m.query(`UPDATE paper_sheets SET status = 'mismatch', updated_at = now() WHERE edition_id = $1 AND sheet = $2`, [editionId, sheet]);
        return { ...base, status: 'mismatch' as const };
      }
      // Agreement first appears with the keying that completes it, so the agreed content is this keying's.
      const settled = entries.length > 2 ? ('resolved' as const) : ('matched' as const);
      if (!prepared) {
        const reason = invalid === 'content' ? ('invalid_content' as const) : invalid!;
        // Nothing on an unsigned or illegible sheet is checked: its area counts only if it names one.
        const areaId = typeof input.identity?.areaId === 'string' && UUID.test(input.identity.areaId) ? input.identity.areaId : null;
        const ballotId = await this.ballots.storeInvalidPaper(m, editionId, sheet, reason, areaId);
        await m.query(`UPDATE paper_sheets SET status = $3, ballot_id = $4, updated_at = now() WHERE edition_id = $1 AND sheet = $2`, [
          editionId,
          sheet,
          settled,
          ballotId,
        ]);
        const [b] = (await m.query(`SELECT reference, status FROM ballots WHERE id = $1`, [ballotId])) as Array<{ reference: string; status: string }>;
        return { ...base, status: settled, ballot: b, reason };
      }
      const out = await this.ballots.store(m, prepared);
      const status: SheetStatus = out.kind !== 'stored' ? 'rejected' : settled;
      const ballotId = out.kind === 'refused' ? null : out.ballotId;
      await m.query(`UPDATE paper_sheets SET status = $3, ballot_id = $4, updated_at = now() WHERE edition_id = $1 AND sheet = $2`, [
        editionId,
        sheet,
        status,
        ballotId,
      ]);
      const [b] = ballotId
        ? ((await m.query(`SELECT reference, status FROM ballots WHERE id = $1`, [ballotId])) as Array<{ reference: string; status: string }>)
        : [];
      return {
        ...base,
        status,
        ballot: b ?? null,
        reason: out.kind === 'refused' ? 'already_voted' : out.kind === 'voided' ? 'duplicate_voided' : null,
      };
    };
    try {
      return await this.ds.transaction(async (m) => {
        const keyed = await keyIn(m);
        // The official act, never the content: who keyed which sheet and what it became.
        await appendAudit(m, {
          actorId: operatorId,
          action: 'voting.paper_keyed',
          subjectType: 'edition',
          subjectId: editionId,
          details: {
            sheet,
            keyings: keyed.keyings,
            status: keyed.status,
            ...(invalid ? { invalid } : {}),
            ...(keyed.ballot ? { ballot: keyed.ballot.reference } : {}),
          },
        });
        return keyed;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw BallotsError.alreadyKeyed();
      throw err;
    }
  }

  /** One page of an edition's sheets (oldest change first), for the desk's queues: the rows and how many there are. */
  async page(editionId: string, status: SheetStatus | undefined, page: number, pageSize: number): Promise<{ rows: SheetSummary[]; total: number }> {
    await this.voting.editionExists(this.ds.manager, editionId, false);
    const [{ total }] = (await this.ds.query(`SELECT count(*)::int AS total FROM paper_sheets WHERE edition_id = $1 AND ($2::text IS NULL OR status = $2)`, [
      editionId,
      status ?? null,
    ])) as Array<{ total: number }>;
    const rows = (await this.ds.query(
      `SELECT s.sheet, s.status, s.updated_at, (SELECT count(*)::int FROM paper_entries e WHERE e.edition_id = s.edition_id AND e.sheet = s.sheet) AS keyings
         FROM paper_sheets s WHERE s.edition_id = $1 AND ($2::text IS NULL OR s.status = $2) ORDER BY s.updated_at, s.sheet LIMIT $3 OFFSET $4`,
      [editionId, status ?? null, pageSize, (page - 1) * pageSize],
    )) as Array<{ sheet: string; status: SheetStatus; updated_at: Date; keyings: number }>;
    return { total, rows: rows.map((r) => ({ sheet: r.sheet, status: r.status, keyings: r.keyings, updatedAt: r.updated_at })) };
  }

  /**
   * A sheet and its keyings as stored (the canonical content: names normalised, never the PESEL), for the official who
   * settles a mismatch: who keyed it, when, and what each read. Not found for a sheet never keyed.
   */
  async sheet(
    editionId: string,
    sheet: string,
  ): Promise<SheetSummary & { entries: Array<{ operatorId: string; operatorName: string | null; at: Date; content: Record<string, unknown> | null }> }> {
    await this.voting.editionExists(this.ds.manager, editionId, false);
    const [s] = (await this.ds.query(`SELECT sheet, status, updated_at FROM paper_sheets WHERE edition_id = $1 AND sheet = $2`, [editionId, sheet])) as Array<{
      sheet: string;
      status: SheetStatus;
      updated_at: Date;
    }>;
    if (!s) throw BallotsError.sheetNotFound();
    const entries = (await this.ds.query(
      `SELECT e.operator_id, u.display_name, e.created_at, e.content FROM paper_entries e LEFT JOIN users u ON u.id = e.operator_id
        WHERE e.edition_id = $1 AND e.sheet = $2 ORDER BY e.created_at`,
      [editionId, sheet],
    )) as Array<{ operator_id: string; display_name: string | null; created_at: Date; content: Record<string, unknown> | null }>;
    return {
      sheet: s.sheet,
      status: s.status,
      keyings: entries.length,
      updatedAt: s.updated_at,
      entries: entries.map((e) => ({ operatorId: e.operator_id, operatorName: e.display_name, at: e.created_at, content: e.content })),
    };
  }

  /** Per edition, the sheets waiting for a second keying and the mismatches waiting for a third (editions with any). */
  async waiting(): Promise<Array<{ editionId: string; keyedOnce: number; mismatch: number }>> {
    const rows = (await this.ds.query(
      `SELECT edition_id, count(*) FILTER (WHERE status = 'keyed_once')::int AS keyed_once, count(*) FILTER (WHERE status = 'mismatch')::int AS mismatch
         FROM paper_sheets WHERE status IN ('keyed_once', 'mismatch') GROUP BY edition_id`,
    )) as Array<{ edition_id: string; keyed_once: number; mismatch: number }>;
    return rows.map((r) => ({ editionId: r.edition_id, keyedOnce: r.keyed_once, mismatch: r.mismatch }));
  }

  async list(editionId: string, status?: SheetStatus): Promise<SheetSummary[]> {
    const rows = (await this.ds.query(
      `SELECT s.sheet, s.status, s.updated_at, (SELECT count(*)::int FROM paper_entries e WHERE e.edition_id = s.edition_id AND e.sheet = s.sheet) AS keyings
         FROM paper_sheets s WHERE s.edition_id = $1 AND ($2::text IS NULL OR s.status = $2) ORDER BY s.updated_at, s.sheet`,
      [editionId, status ?? null],
    )) as Array<{ sheet: string; status: SheetStatus; updated_at: Date; keyings: number }>;
    return rows.map((r) => ({ sheet: r.sheet, status: r.status, keyings: r.keyings, updatedAt: r.updated_at }));
  }
}
