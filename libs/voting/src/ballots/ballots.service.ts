import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FieldText, Locale } from '@civitas/common';
import { AppConfig, Clock } from '@civitas/config';
import { isUniqueViolation } from '@civitas/database';
import { OutboxService } from '@civitas/queue';
import { AccessService } from '@civitas/auth';
import { phaseAt, PhaseWindow, ProjectRepository } from '@civitas/budget';
import { checkChoice, PoolChoice, StoredChoice } from './ballot-spec';
import { AWAITING_PROOF, awaitsCode, ballotState, isProven, mayMoveBallot } from './ballot-status';
import { BallotsError, BallotsErrorCode, field } from './ballots.errors';
import { ageAt, peselBirthDate } from './pesel';
import { PoolOnBallot, VotingConfigService, VotingPolicy } from './voting-config.service';
import { mailboxKey, voterKey } from './voter-key';
import { type KeyBallot, VoteRepository } from './vote.repository';

export interface IdentityInput {
  firstName: string;
  lastName: string;
  areaId: string;
  address?: string | null;
  email?: string | null;
  pesel?: string | null;
  birthYear?: number | null;
  guardian?: { name: string; declaration: boolean } | null;
}

export interface BallotInput {
  identity: IdentityInput;
  choices: PoolChoice[];
  wantsResults?: boolean;
  locale?: Locale;
}

export type Channel = 'online' | 'paper';

/** A ballot checked against the edition's policy and specs, ready to store. */
export interface PreparedBallot {
  editionId: string;
  channel: Channel;
  voterKey: string;
  policy: VotingPolicy;
  identity: IdentityInput & { userId: string | null; wantsResults: boolean; locale: Locale };
  choices: StoredChoice[];
  /** Pool id → ordinal (projects keep their rank order in the canonical content). */
  ordinalPools: Set<string>;
}

export interface BallotReceipt {
  reference: string;
  status: 'pending' | 'valid' | 'void';
  channel: Channel;
  /** How the ballot is confirmed: a code mailed to the voter (email_code), or nothing to do (null). */
  confirmation: 'email_code' | null;
}

export interface BallotStatus {
  reference: string;
  status: 'pending' | 'valid' | 'void';
  channel: Channel;
  voidReason: string | null;
  createdAt: Date;
  confirmedAt: Date | null;
}

export interface Turnout {
  editionId: string;
  /** Valid (counted) ballots. */
  total: number;
  /** Online ballots still waiting for their e-mail code (awaiting proof included: see BallotsService.store). */
  pending: number;
  /** Paper sheets keyed as invalid votes (against the rules, unsigned, illegible): cast, never counted. */
  invalid: number;
  byChannel: { online: number; paper: number };
  byPool: Array<{ poolId: string; ballots: number }>;
  byArea: Array<{ areaId: string | null; ballots: number }>;
}

export type StoreOutcome = { kind: 'stored'; ballotId: string; receipt: BallotReceipt } | { kind: 'refused' } | { kind: 'voided'; ballotId: string };

const CODE_TTL_MS = 15 * 60_000;
export const CODE_ATTEMPTS = 5;
/** How many codes one ballot may be mailed, and how long after the last a new one may be asked for. */
export const CODE_SENDS = 5;
const RESEND_AFTER_MS = 60_000;

export { AWAITING_PROOF };

const proven = (b: KeyBallot): boolean => isProven(ballotState(b.status, b.voidReason));

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** JSON with object keys sorted: the same content always gives the same text (and hash). */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** Random bytes drawn from the CSPRNG 4 KiB at a time: one call per reference costs more than the rest of it. */
const entropy = { buf: Buffer.alloc(0), at: 0 };
function randomChunk(n: number): Buffer {
  if (entropy.at + n > entropy.buf.length) {
    entropy.buf = randomBytes(4096);
    entropy.at = 0;
  }
  const out = entropy.buf.subarray(entropy.at, entropy.at + n);
  entropy.at += n;
  return out;
}

/** A ballot reference for the receipt: 12 characters of Crockford base32 in groups of four (60 random bits). */
export function newReference(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomChunk(12);
  let s = '';
  for (let i = 0; i < 12; i++) s += alphabet[bytes[i] & 31];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

export const hashCode = (code: string): string => sha256(`ballot-code:${code}`);

/** What checking a ballot needs from the edition; frozen once voting opens (policy and specs refuse changes then). */
interface BallotContext {
  policy: VotingPolicy | null;
  phases: PhaseWindow[];
  pools: PoolOnBallot[];
  /** Pool id → (project on its ballot → cost). */
  onBallot: Map<string, Map<string, number>>;
  /** Areas without a parent: a pool there is city-wide. */
  roots: Set<string>;
}

/** How long a ballot context and an area's lineage are reused while voting is open (a busy vote checks thousands per second). */
const CONTEXT_TTL_MS = 2_000;

/**
 * Ballots (DESIGN §4.4): checked against the edition's policy and each pool's spec, one live ballot per voter key (a
 * partial unique index), identities stored apart from ballot content, online ballots pending until the e-mail code
 * is confirmed. No log line or job payload carries identity data, codes or choices.
 */
@Injectable()
export class BallotsService {
  private readonly contexts = new Map<string, { at: number; value: Promise<BallotContext> }>();
  private readonly lineages = new Map<string, { at: number; value: Promise<string[]> }>();

  constructor(
    private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly access: AccessService,
    private readonly voting: VotingConfigService,
    private readonly clock: Clock,
    private readonly votes: VoteRepository,
    private readonly projects: ProjectRepository,
  ) {}

  private async context(editionId: string, now: Date): Promise<BallotContext> {
    const hit = this.contexts.get(editionId);
    if (hit && now.getTime() - hit.at < CONTEXT_TTL_MS) return hit.value;
    const load = async (): Promise<BallotContext> => {
      const m = this.ds.manager;
      await this.voting.editionExists(m, editionId, false);
      const pools = await this.voting.pools(m, editionId);
      const projects = await this.projects.listOnBallot(editionId, m);
      const onBallot = new Map<string, Map<string, number>>(pools.map((p) => [p.id, new Map()]));
      for (const p of projects) onBallot.get(p.poolId)?.set(p.id, p.totalCost);
      const areaIds = pools.map((p) => p.areaId).filter((a): a is string => a !== null);
      const roots = new Set(await this.votes.listRootAreaIds(areaIds, m));
      return { policy: await this.voting.policy(m, editionId), phases: await this.voting.phases(m, editionId), pools, onBallot, roots };
    };
    const value = load();
    const ctx = await value.catch((err) => {
      this.contexts.delete(editionId);
      throw err;
    });
    // Reused only while voting is open: before, the policy and specs may still change.
    if (phaseAt(ctx.phases, now) === 'voting') {
      if (this.contexts.size > 100) this.contexts.clear();
      this.contexts.set(editionId, { at: now.getTime(), value });
    } else this.contexts.delete(editionId);
    return ctx;
  }

  private async lineage(areaId: string, now: Date): Promise<string[]> {
    const hit = this.lineages.get(areaId);
    if (hit && now.getTime() - hit.at < CONTEXT_TTL_MS) return hit.value;
    const value = this.access.lineage(areaId, this.ds.manager);
    if (this.lineages.size > 10_000) this.lineages.clear();
    this.lineages.set(areaId, { at: now.getTime(), value });
    return value.catch((err) => {
      this.lineages.delete(areaId);
      throw err;
    });
  }

  private assertOpen(ctx: BallotContext, channel: Channel, now: Date): void {
    if (!ctx.policy) throw BallotsError.votingNotConfigured();
    const phase = phaseAt(ctx.phases, now);
    if (channel === 'online' && phase !== 'voting') throw BallotsError.notVotingPhase({ pl: 'Głosować', en: 'Voting' });
    if (channel === 'paper' && phase !== 'voting' && phase !== 'vote_verification')
      throw BallotsError.notVotingPhase({ pl: 'Wprowadzać głosy papierowe', en: 'Keying paper ballots' });
  }

  /** Refuses keying paper ballots outside voting and its verification (for sheets whose content is not read). */
  async assertPaperOpen(editionId: string, now = this.clock.now()): Promise<void> {
    this.assertOpen(await this.context(editionId, now), 'paper', now);
  }

  /**
   * An invalid paper sheet (DESIGN §4.4: a paper ballot is never refused, it is counted as invalid): a void paper
   * ballot with the reason, without identity or choices. Its voter key is derived from the sheet, so it never
   * collides with a person's key.
   */
  async storeInvalidPaper(
    m: EntityManager,
    editionId: string,
    sheet: string,
    reason: 'invalid_content' | 'unsigned' | 'illegible',
    areaId: string | null,
  ): Promise<string> {
    const key = createHmac('sha256', this.config.voting.voterKeySecret).update(`${editionId}\u0000sheet:${sheet}`).digest('hex');
    return this.votes.insertInvalidPaper(m, { editionId, voterKey: key, reference: newReference(), areaId, reason });
  }

  /** Checks a ballot against the policy (identity, age, guardian) and the specs (every pool), all problems at once. */
  async prepare(editionId: string, input: BallotInput, channel: Channel, userId: string | null, now = this.clock.now()): Promise<PreparedBallot> {
    const ctx = await this.context(editionId, now);
    const policy = ctx.policy;
    if (!policy) throw BallotsError.votingNotConfigured();
    this.assertOpen(ctx, channel, now);

    const id = input.identity;
    const problems: FieldText[] = [];
    const bad = (f: string, pl: string, en: string) => problems.push(field(`identity.${f}`, BallotsErrorCode.InvalidIdentity, { pl, en }));
    const lineage = await this.lineage(id.areaId, now);
    if (lineage.length === 0) bad('areaId', 'Nie ma takiego obszaru.', 'There is no such area.');
    const wantsEmail = channel === 'online' && policy.methods.includes('email_code');
    if (wantsEmail && !id.email)
      bad('email', 'Podaj adres e-mail: wyślemy na niego kod potwierdzający głos.', 'Give an e-mail address: the code confirming the ballot goes there.');
    if (channel === 'online' && policy.methods.includes('account') && !userId) throw BallotsError.accountRequired();
    let birth: Date | null = null;
    if (policy.methods.includes('pesel')) {
      if (!id.pesel) bad('pesel', 'Podaj numer PESEL.', 'Give your PESEL number.');
      else {
        birth = peselBirthDate(id.pesel);
        if (!birth) bad('pesel', 'Numer PESEL jest błędny (suma kontrolna lub data urodzenia).', 'The PESEL number is wrong (checksum or date of birth).');
        else if (birth.getTime() > now.getTime())
          bad('pesel', 'Data urodzenia z numeru PESEL jest w przyszłości.', 'The PESEL gives a date of birth in the future.');
        else if (id.birthYear != null && id.birthYear !== birth.getUTCFullYear())
          bad('birthYear', 'Rok urodzenia nie zgadza się z numerem PESEL.', 'The year of birth does not match the PESEL number.');
      }
    } else if (id.pesel) {
      bad('pesel', 'W tej edycji nie podaje się numeru PESEL.', 'This edition does not collect PESEL numbers.');
    }
    // Age: exact from the PESEL; from the year of birth alone, the age reached this calendar year.
    const age = birth ? ageAt(birth, now) : id.birthYear != null ? now.getUTCFullYear() - id.birthYear : null;
    if (id.birthYear != null && id.birthYear > now.getUTCFullYear())
      bad('birthYear', 'Rok urodzenia jest w przyszłości.', 'The year of birth is in the future.');
    if ((policy.minAge !== null || policy.guardianBelowAge !== null) && age === null && !problems.some((p) => p.field === 'identity.pesel'))
      bad('birthYear', 'Podaj rok urodzenia: w tej edycji obowiązują ograniczenia wieku.', 'Give your year of birth: this edition has age rules.');
    if (age !== null && policy.minAge !== null && age < policy.minAge)
      bad(
        'birthYear',
        `W tej edycji głosować mogą osoby, które ukończyły ${policy.minAge} lat.`,
        `In this edition voters must be at least ${policy.minAge} years old.`,
      );
    if (
      age !== null &&
      policy.guardianBelowAge !== null &&
      age < policy.guardianBelowAge &&
      !(id.guardian && id.guardian.declaration === true && id.guardian.name?.trim())
    )
      bad(
        'guardian',
        `Osoby poniżej ${policy.guardianBelowAge} lat głosują za zgodą opiekuna: podaj jego imię i nazwisko oraz oświadczenie.`,
        `Voters under ${policy.guardianBelowAge} need a guardian's declaration: give the guardian's name and the declaration.`,
      );

    const { rows, ordinalPools } = this.checkChoices(ctx, policy, lineage, input.choices, problems);
    if (problems.length) {
      throw problems.every((p) => p.field.startsWith('identity.')) ? BallotsError.invalidIdentity(problems) : BallotsError.invalidBallot(problems);
    }
    const key = voterKey(
      this.config.voting.voterKeySecret,
      editionId,
      { firstName: id.firstName, lastName: id.lastName, email: id.email ?? null, pesel: policy.methods.includes('pesel') ? id.pesel : null, userId },
      { methods: policy.methods, email: this.config.voting.email },
    );
    return {
      editionId,
      channel,
      voterKey: key,
      policy,
      identity: { ...id, userId, wantsResults: input.wantsResults ?? false, locale: input.locale ?? 'pl' },
      choices: rows,
      ordinalPools,
    };
  }

  private checkChoices(
    ctx: BallotContext,
    policy: VotingPolicy,
    lineage: string[],
    choices: PoolChoice[],
    problems: FieldText[],
  ): { rows: StoredChoice[]; ordinalPools: Set<string> } {
    const bad = (f: string, pl: string, en: string) => problems.push(field(f, BallotsErrorCode.InvalidBallot, { pl, en }));
    const pools = new Map(ctx.pools.map((p) => [p.id, p]));
    if (choices.length === 0) bad('choices', 'Głos musi zawierać wybór w co najmniej jednej puli.', 'A ballot must choose in at least one pool.');
    const roots = ctx.roots;
    const rows: StoredChoice[] = [];
    const ordinalPools = new Set<string>();
    const seen = new Set<string>();
    const areaPools = new Set<string>();
    choices.forEach((c, i) => {
      const path = `choices.${i}`;
      const pool = pools.get(c.poolId);
      if (!pool) return bad(`${path}.poolId`, 'Nie ma takiej puli w tej edycji.', 'There is no such pool in this edition.');
      if (!pool.spec) return bad(`${path}.poolId`, `W puli „${pool.name}” się nie głosuje (brak karty do głosowania).`, `Pool "${pool.name}" has no ballot.`);
      if (seen.has(c.poolId))
        return bad(`${path}.poolId`, `Pula „${pool.name}” występuje w głosie więcej niż raz.`, `Pool "${pool.name}" appears more than once.`);
      seen.add(c.poolId);
      if (pool.areaId && lineage.length && !lineage.includes(pool.areaId))
        bad(
          `${path}.poolId`,
          `Pula „${pool.name}” jest dla mieszkańców innego obszaru niż zadeklarowany.`,
          `Pool "${pool.name}" is for residents of another area than the one declared.`,
        );
      if (pool.areaId && !roots.has(pool.areaId)) areaPools.add(pool.areaId);
      if (pool.spec.voteType === 'ordinal') ordinalPools.add(pool.id);
      const r = checkChoice(path, pool.name, pool.spec, ctx.onBallot.get(pool.id) ?? new Map<string, number>(), c);
      problems.push(...r.problems);
      rows.push(...r.rows);
    });
    if (areaPools.size > policy.maxAreaPools)
      bad(
        'choices',
        `Można głosować w pulach najwyżej ${policy.maxAreaPools} obszarów (poza pulami ogólnomiejskimi); wskazano ${areaPools.size}.`,
        `You may vote in the pools of at most ${policy.maxAreaPools} areas (city-wide pools aside); ${areaPools.size} given.`,
      );
    return { rows, ordinalPools };
  }

  /** An online ballot, idempotent under `Idempotency-Key`: the same key and body answer the stored response. */
  async submit(editionId: string, input: BallotInput, userId: string | null, idempotencyKey?: string): Promise<BallotReceipt> {
    const prepared = await this.prepare(editionId, input, 'online', userId);
    try {
      return await this.submitPrepared(prepared, input, userId, idempotencyKey);
    } catch (err) {
      // The person's live ballot may be one never confirmed, its code expired: it gives way once, and the new one is stored.
      if (!(err instanceof BallotsError && err.code === BallotsErrorCode.AlreadyVoted)) throw err;
      if (!(await this.releaseStale(this.ds.manager, editionId, prepared.voterKey))) throw err;
      return this.submitPrepared(prepared, input, userId, idempotencyKey);
    }
  }

  private async submitPrepared(prepared: PreparedBallot, input: BallotInput, userId: string | null, idempotencyKey?: string): Promise<BallotReceipt> {
    const editionId = prepared.editionId;
    // A ballot that mails a code reserves it against the address's hourly allowance, in the ballot's transaction.
    const mailsCode = prepared.policy.methods.includes('email_code') && this.config.voting.codesPerAddressPerHour > 0;
    if (!idempotencyKey && prepared.policy.duplicatePolicy === 'first_counts' && !mailsCode) {
      // The common case in one statement and one round trip (ballot, identity, choices and job are written together
      // or not at all): a busy vote spends most of its time on round trips to PostgreSQL.
      const out = await this.store(this.ds.manager, prepared);
      if (out.kind !== 'stored') throw BallotsError.alreadyVoted();
      return out.receipt;
    }
    const requestHash = sha256(canonicalJson({ editionId, userId, input }));
    const outcome = await this.ds.transaction(async (m) => {
      if (idempotencyKey) {
        const scope = `ballots:${editionId}`;
        if (!(await this.votes.claimIdempotencyKey(m, scope, idempotencyKey, requestHash))) {
          const prior = await this.votes.findIdempotencyKey(m, scope, idempotencyKey);
          if (prior.requestHash !== requestHash) throw BallotsError.idempotencyMismatch();
          return { kind: 'replay' as const, prior };
        }
        const out = await this.store(m, prepared);
        await this.votes.saveIdempotentResponse(
          m,
          scope,
          idempotencyKey,
          out.kind === 'stored' ? 201 : 409,
          out.kind === 'stored' ? out.receipt : { code: BallotsErrorCode.DuplicateVoided },
        );
        if (out.kind === 'refused') throw BallotsError.alreadyVoted();
        return out;
      }
      const out = await this.store(m, prepared);
      if (out.kind === 'refused') throw BallotsError.alreadyVoted();
      return out;
    });
    if (outcome.kind === 'replay') {
      if (outcome.prior.status === 201) return outcome.prior.response as BallotReceipt;
      throw BallotsError.duplicateVoided();
    }
    if (outcome.kind === 'voided') throw BallotsError.duplicateVoided();
    return outcome.receipt;
  }

  /**
   * Stores a checked ballot: identity apart, choices, and the job (code or receipt), in one statement — atomic on its
   * own, so the caller may pass the DataSource's manager when nothing else must commit with it (it then runs as a
   * prepared statement). One live ballot per voter key: the partial unique index decides (a violation is a duplicate,
   * 409 — never a 500). Under void_all a transaction-scoped advisory lock on the key makes concurrent ballots of one
   * person (and confirmations of their codes) queue up, so that every one of them sees the earlier ones (the caller's
   * transaction is required then).
   *
   * void_all voids a voter's ballots only on proof of a second ballot: a ballot is proven when it is valid (its code
   * confirmed, a paper sheet keyed, or a policy without codes). A proven ballot of a key that already has a proven one
   * voids them all at once (409 duplicate_voided; on paper the sheet is rejected). An online ballot that waits for
   * its code, of a key that already has a ballot, is stored outside the live set (void, `duplicate_unconfirmed`),
   * mailed its code and answered like any pending ballot — whoever knows an address must not learn that it has voted,
   * nor void its ballot without its mailbox: the duplicate is decided when that code is confirmed (`confirm`). A
   * proven ballot of a key whose live ballot still waits for its code takes the place; the unconfirmed one steps
   * aside to wait for its code in the same way.
   */
  async store(m: EntityManager, b: PreparedBallot, retried = false): Promise<StoreOutcome> {
    const voidAll = b.policy.duplicatePolicy === 'void_all';
    // Online under first_counts a duplicate ends the request (409): the transaction may fail with it. Otherwise the
    // transaction goes on after a duplicate (paper sheet marked rejected, earlier ballots voided): a savepoint.
    const savepoint = voidAll || b.channel === 'paper';
    if (voidAll) await this.votes.lockVoterKey(m, b.editionId, b.voterKey);
    const pending = b.channel === 'online' && b.policy.methods.includes('email_code');
    let status: 'pending' | 'valid' | 'void' = pending ? 'pending' : 'valid';
    let voidReason: 'duplicate' | typeof AWAITING_PROOF | null = null;
    if (voidAll) {
      await this.releaseStale(m, b.editionId, b.voterKey);
      const earlier = await this.votes.listProvenOrLive(m, b.editionId, b.voterKey);
      if (pending && earlier.length) {
        // Not proven yet: nothing of the earlier ballot changes unless this one's code is confirmed.
        status = 'void';
        voidReason = AWAITING_PROOF;
      } else if (earlier.some(proven)) {
        await this.votes.voidLiveAsDuplicates(m, b.editionId, b.voterKey);
        status = 'void';
        voidReason = 'duplicate';
      } else if (earlier.length) await this.votes.stepAsidePending(m, b.editionId, b.voterKey);
    }
    // Waiting for its code: a pending ballot, or one awaiting proof (answered as pending: see above).
    const waitsForCode = awaitsCode(ballotState(status, voidReason));
    const id = b.identity;
    const reference = newReference();
    // The job that follows (written by the same statement, as OutboxService.enqueue would): the code to confirm a
    // pending ballot, or the receipt of a valid one when there is an address to send it to.
    const job: 'send-ballot-code' | 'send-ballot-receipt' | null = waitsForCode
      ? 'send-ballot-code'
      : status === 'valid' && id.email
        ? 'send-ballot-receipt'
        : null;
    // The code mail counts against the address's hourly allowance (refused with 429 before anything is stored).
    if (job === 'send-ballot-code' && id.email) await this.reserveCodeMail(m, id.email);
    let ballotId: string;
    try {
      if (savepoint) await this.votes.savepointBallot(m);
      // On the DataSource's manager (nothing else to commit with it) the statement runs prepared.
      ballotId = await this.votes.insertBallot(m, {
        editionId: b.editionId,
        voterKey: b.voterKey,
        channel: b.channel,
        status,
        reference,
        areaId: id.areaId,
        voidReason,
        firstName: id.firstName.trim(),
        lastName: id.lastName.trim(),
        address: id.address?.trim() || null,
        email: id.email?.trim().toLowerCase() || null,
        birthYear: id.birthYear ?? (id.pesel ? (peselBirthDate(id.pesel)?.getUTCFullYear() ?? null) : null),
        guardian: id.guardian ? { name: id.guardian.name.trim(), declaration: true } : null,
        userId: id.userId,
        wantsResults: id.wantsResults,
        locale: id.locale,
        choices: b.choices,
        job,
      });
      if (savepoint) await this.votes.releaseBallotSavepoint(m);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      if (!savepoint) throw BallotsError.alreadyVoted();
      await this.votes.rollbackBallotSavepoint(m);
      // A paper ballot of someone whose online ballot was never confirmed (its code expired): that one gives way.
      if (!retried && (await this.releaseStale(m, b.editionId, b.voterKey))) return this.store(m, b, true);
      return { kind: 'refused' };
    }
    if (voidReason === 'duplicate') return { kind: 'voided', ballotId };
    return {
      kind: 'stored',
      ballotId,
      receipt: { reference, status: waitsForCode ? 'pending' : status, channel: b.channel, confirmation: pending ? 'email_code' : null },
    };
  }

  /**
   * Counts one code mail to the address against its allowance (VOTING_CODES_PER_ADDRESS_PER_HOUR) in the caller's
   * transaction: refused with 429 too_many_codes_for_address when the address has had that many in the last hour,
   * with the seconds until the oldest of them leaves the hour. The address is folded as for voter keys (plus-tags and
   * dotted variants are one mailbox) and stored only as an HMAC; a transaction-scoped advisory lock on it makes
   * concurrent requests, in any API process, count one after another. Nothing to do when the limit is off.
   */
  private async reserveCodeMail(m: EntityManager, address: string): Promise<void> {
    const limit = this.config.voting.codesPerAddressPerHour;
    if (limit === 0) return;
    const key = mailboxKey(this.config.voting.voterKeySecret, address, this.config.voting.email);
    await this.votes.lockMailbox(m, key);
    await this.votes.deleteOldCodeMails(m, key);
    // The limit-th most recent mail of the hour, if there is one: the allowance is used until it leaves the hour.
    const wait = await this.votes.codeMailWait(m, key, limit);
    if (wait !== undefined) throw BallotsError.tooManyCodesForAddress(limit, wait);
    await this.votes.insertCodeMail(m, key);
  }

  /**
   * Voids (reason `unconfirmed`) the person's pending ballot whose code has expired unused (or was never mailed within
   * the code's lifetime), so that it no longer blocks a new ballot. It never counted. True when one was voided.
   */
  private async releaseStale(m: EntityManager, editionId: string, key: string): Promise<boolean> {
    return this.votes.voidStaleUnconfirmed(m, editionId, key, CODE_TTL_MS / 1000);
  }

  /**
   * Mails a new code for a pending ballot (the earlier one stops working): not sooner than a minute after the last,
   * at most CODE_SENDS times in all. A ballot awaiting proof is pending to its caster, and the same rules hold for it.
   * The code goes to the address given with this ballot (the key's identity as it was when the ballot was cast, never
   * one declared by a later ballot of the same key).
   */
  async resendCode(reference: string): Promise<BallotStatus> {
    const where = await this.votes.findVoterKey(this.ds.manager, reference);
    if (!where) throw BallotsError.ballotNotFound();
    const now = this.clock.now();
    const open = phaseAt((await this.context(where.editionId, now)).phases, now) === 'voting';
    await this.ds.transaction(async (m) => {
      const b = await this.votes.lockForResend(m, reference, RESEND_AFTER_MS / 1000);
      if (!b) throw BallotsError.ballotNotFound();
      if (!awaitsCode(ballotState(b.status, b.voidReason))) throw BallotsError.notPending();
      // No code is of use once voting has closed (see `confirm`).
      if (!open) throw BallotsError.notVotingPhase({ pl: 'Wysłać nowy kod', en: 'Sending a new code' });
      if ((b.sends ?? 0) >= CODE_SENDS) throw BallotsError.tooManyCodes();
      if (b.recent || (b.sends === null && b.fresh)) throw BallotsError.resendTooSoon(RESEND_AFTER_MS / 1000, b.wait);
      if (b.email) await this.reserveCodeMail(m, b.email);
      await this.outbox.enqueue(m, 'send-ballot-code', { ballotId: b.id });
    });
    return this.status(reference);
  }

  /**
   * Confirms a pending online ballot with the mailed code; idempotent for a ballot already confirmed. Under the voter
   * key's lock (as casting under void_all), since a confirmation may decide a duplicate: the code of a ballot awaiting
   * proof (see `store`) proves a second ballot of the voter. When the key has a proven ballot (valid, or voided as a
   * duplicate) every ballot of the key is void, this one too (409 duplicate_voided); when the key's live ballot was
   * never confirmed either, this one takes its place (valid) and that one waits for its own code in turn.
   */
  async confirm(reference: string, code: string): Promise<BallotStatus> {
    // A ballot counts once confirmed, and only while voting is open: a code entered after the close would add a vote
    // to an edition whose tally may already have run. (The phase is read before the transaction, as casting does.)
    const where = await this.votes.findVoterKey(this.ds.manager, reference);
    if (!where) throw BallotsError.ballotNotFound();
    const now = this.clock.now();
    const open = phaseAt((await this.context(where.editionId, now)).phases, now) === 'voting';
    const result = await this.ds.transaction(async (m) => {
      const found = await this.votes.findVoterKey(m, reference);
      if (!found) throw BallotsError.ballotNotFound();
      await this.votes.lockVoterKey(m, found.editionId, found.voterKey);
      const b = await this.votes.lockByReference(m, reference);
      if (!b) throw BallotsError.ballotNotFound();
      const state = ballotState(b.status, b.voidReason);
      if (state === 'valid') return { ok: true as const };
      if (state === 'void:duplicate') throw BallotsError.duplicateVoided();
      if (!mayMoveBallot(state, 'valid')) throw BallotsError.notPending();
      if (!open) throw BallotsError.notVotingPhase({ pl: 'Potwierdzać głos kodem', en: 'Confirming a ballot with its code' });
      const awaitingProof = state === 'void:duplicate_unconfirmed';
      const c = await this.votes.findCode(m, b.id);
      if (!c) throw BallotsError.codeNotSent();
      if (c.attempts >= CODE_ATTEMPTS) throw BallotsError.tooManyAttempts();
      if (c.expired) throw BallotsError.codeExpired();
      const given = Buffer.from(hashCode(code.trim()));
      if (given.length !== c.codeHash.length || !timingSafeEqual(given, Buffer.from(c.codeHash))) {
        await this.votes.countCodeAttempt(m, b.id);
        return { ok: false as const, left: CODE_ATTEMPTS - c.attempts - 1 };
      }
      await this.votes.deleteCode(m, b.id);
      if (awaitingProof) {
        // The mailbox (or PESEL) holder has confirmed a second ballot: a duplicate if the key has a proven ballot.
        await this.releaseStale(m, found.editionId, found.voterKey);
        const others = await this.votes.listProvenOrLive(m, found.editionId, found.voterKey, b.id);
        if (others.some(proven)) {
          await this.votes.voidLiveAsDuplicates(m, found.editionId, found.voterKey);
          await this.votes.markConfirmedDuplicate(m, b.id);
          return { ok: 'voided' as const };
        }
        if (others.length) await this.votes.stepAsidePending(m, found.editionId, found.voterKey);
      }
      await this.votes.markValid(m, b.id);
      await this.outbox.enqueue(m, 'send-ballot-receipt', { ballotId: b.id });
      return { ok: true as const };
    });
    if (result.ok === 'voided') throw BallotsError.duplicateVoided();
    if (!result.ok) throw result.left > 0 ? BallotsError.wrongCode(result.left) : BallotsError.tooManyAttempts();
    return this.status(reference);
  }

  /**
   * What a voter may check with the receipt's reference: status only, never the content. A ballot awaiting proof
   * (see `store`) is shown as what it is to its caster — pending its code — and never as the duplicate it may become.
   */
  async status(reference: string): Promise<BallotStatus> {
    const b = await this.votes.findStatus(reference);
    if (!b) throw BallotsError.ballotNotFound();
    const awaitingProof = ballotState(b.status, b.voidReason) === 'void:duplicate_unconfirmed';
    return {
      reference: b.reference,
      status: awaitingProof ? 'pending' : b.status,
      channel: b.channel,
      voidReason: awaitingProof ? null : b.voidReason,
      createdAt: b.createdAt,
      confirmedAt: b.confirmedAt,
    };
  }

  /** Live turnout: valid ballots per channel, area and pool. Never per project (embargo until voting closes). */
  async turnout(editionId: string): Promise<Turnout> {
    await this.voting.editionExists(this.ds.manager, editionId, false);
    // Ballots awaiting proof wait for their code like any pending ballot, and are counted as such.
    const byStatus = await this.votes.countByStatus(editionId);
    const byArea = await this.votes.countValidByArea(editionId);
    const byPool = await this.votes.countValidByPool(editionId);
    const valid = (ch: Channel) => byStatus.find((r) => r.status === 'valid' && r.channel === ch)?.n ?? 0;
    return {
      editionId,
      total: valid('online') + valid('paper'),
      pending: byStatus.filter((r) => r.status === 'pending').reduce((s, r) => s + r.n, 0),
      invalid: byStatus.filter((r) => r.status === 'void').reduce((s, r) => s + r.n, 0),
      byChannel: { online: valid('online'), paper: valid('paper') },
      byPool,
      byArea,
    };
  }

  /** For the mailer: the code's new hash, valid for 15 minutes, attempts reset, one more send counted. */
  async setCode(m: EntityManager, ballotId: string, code: string): Promise<void> {
    await this.votes.upsertCode(m, ballotId, hashCode(code), CODE_TTL_MS / 1000);
  }
}
