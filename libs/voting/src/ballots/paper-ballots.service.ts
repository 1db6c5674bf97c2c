import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { appendAudit, isUniqueViolation } from '@civitas/database';
import { sheetClosed, type SheetStatus } from './ballot-status';
import { BallotsError, BallotsErrorCode } from './ballots.errors';
import { BallotInput, BallotsService, canonicalJson, PreparedBallot } from './ballots.service';
import { normaliseText } from './voter-key';
import { VotingConfigService } from './voting-config.service';
import { PaperSheetRepository } from './paper-sheet.repository';

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
    private readonly sheets: PaperSheetRepository,
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
      await this.sheets.insertSheetIfAbsent(m, editionId, sheet);
      if (sheetClosed(await this.sheets.lockSheet(m, editionId, sheet))) throw BallotsError.sheetClosed();
      await this.sheets.insertEntry(m, { editionId, sheet, operatorId, contentHash: hash, content: stored });
      const entries = await this.sheets.listEntryHashes(m, editionId, sheet);
      const counts = new Map<string, number>();
      for (const h of entries) counts.set(h, (counts.get(h) ?? 0) + 1);
      const agreed = [...counts.entries()].find(([, n]) => n >= 2)?.[0];
      const base = { sheet, keyings: entries.length, ballot: null, reason: null };
      if (entries.length === 1) return { ...base, status: 'keyed_once' as const };
      if (!agreed) {
        await this.sheets.markMismatch(m, editionId, sheet);
        return { ...base, status: 'mismatch' as const };
      }
      // Agreement first appears with the keying that completes it, so the agreed content is this keying's.
      const settled = entries.length > 2 ? ('resolved' as const) : ('matched' as const);
      if (!prepared) {
        const reason = invalid === 'content' ? ('invalid_content' as const) : invalid!;
        // Nothing on an unsigned or illegible sheet is checked: its area counts only if it names one.
        const areaId = typeof input.identity?.areaId === 'string' && UUID.test(input.identity.areaId) ? input.identity.areaId : null;
        const ballotId = await this.ballots.storeInvalidPaper(m, editionId, sheet, reason, areaId);
        await this.sheets.settle(m, editionId, sheet, settled, ballotId);
        const b = await this.sheets.findBallot(m, ballotId);
        return { ...base, status: settled, ballot: b ?? null, reason };
      }
      const out = await this.ballots.store(m, prepared);
      const status: SheetStatus = out.kind !== 'stored' ? 'rejected' : settled;
      const ballotId = out.kind === 'refused' ? null : out.ballotId;
      await this.sheets.settle(m, editionId, sheet, status, ballotId);
      const b = ballotId ? await this.sheets.findBallot(m, ballotId) : undefined;
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
    const total = await this.sheets.countSheets(editionId, status ?? null);
    const rows = await this.sheets.pageSheets(editionId, status ?? null, pageSize, (page - 1) * pageSize);
    return { total, rows };
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
    const s = await this.sheets.findSheet(editionId, sheet);
    if (!s) throw BallotsError.sheetNotFound();
    const entries = await this.sheets.listEntries(editionId, sheet);
    return { sheet: s.sheet, status: s.status, keyings: entries.length, updatedAt: s.updatedAt, entries };
  }

  /** Per edition, the sheets waiting for a second keying and the mismatches waiting for a third (editions with any). */
  async waiting(): Promise<Array<{ editionId: string; keyedOnce: number; mismatch: number }>> {
    return this.sheets.countWaiting();
  }

  async list(editionId: string, status?: SheetStatus): Promise<SheetSummary[]> {
    return this.sheets.listSheets(editionId, status ?? null);
  }
}
