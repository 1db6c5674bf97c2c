import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, validationError, type FieldText, type Locale, type Text } from '@civitas/common';
import { fieldErrorText, FormErrors, textWith, type FieldLabels, type FormBody, type FormError, type FormState } from '@civitas/web';
import type { PoolSpec } from '../ballots/ballot-spec';
import type { InvalidSheet } from '../ballots/paper-ballots.service';
import type { VotingPolicy } from '../ballots/voting-config.service';
import { PaperBallotDto } from '../http/ballots.dto';
import { VD } from './voting-desk.texts';

export interface CardProject {
  id: string;
  /** The project's number on the card: its place in the pool's ballot order (1, 2, …). */
  position: number;
  title: string;
  cost: number;
}

export interface CardPool {
  /** 1, 2, … in the card's order: the pool's form fields are `pool<index>…`. */
  index: number;
  id: string;
  name: string;
  spec: PoolSpec;
  projects: CardProject[];
}

/** What the paper card of an edition asks: the identity fields the policy needs and each pool's projects in ballot order. */
export interface PaperCard {
  policy: VotingPolicy;
  pools: CardPool[];
  areas: Array<{ id: string; name: string }>;
  asks: { email: boolean; pesel: boolean; birthYear: boolean; guardian: boolean };
}

export const INVALID_CHOICES = ['valid', 'content', 'unsigned', 'illegible'] as const;

export function cardAsks(policy: VotingPolicy): PaperCard['asks'] {
  const pesel = policy.methods.includes('pesel');
  return {
    email: policy.methods.includes('email_code'),
    pesel,
    birthYear: !pesel && (policy.minAge !== null || policy.guardianBelowAge !== null),
    guardian: policy.guardianBelowAge !== null,
  };
}

/** The first field of a pool on the form (the error summary links to it). */
export const poolField = (p: Pick<CardPool, 'index'>) => `pool${p.index}`;
/** The "numbers marked" field of an approval or choose-1 pool. */
export const numbersField = (p: Pick<CardPool, 'index'>) => `pool${p.index}-numbers`;
/** A project's points (cumulative) or place (ordinal) field. */
export const projectField = (p: Pick<CardPool, 'index'>, position: number) => `pool${p.index}-${position}`;

/** The labels of the card's fields, for the messages that name a field. */
export function cardLabels(card: PaperCard): FieldLabels {
  const labels: FieldLabels = {
    sheet: VD.sheet,
    invalid: VD.invalidLegend,
    firstName: VD.firstName,
    lastName: VD.lastName,
    areaId: VD.areaId,
    email: VD.email,
    pesel: VD.pesel,
    birthYear: VD.birthYear,
    guardianName: VD.guardianName,
    guardianDeclaration: VD.guardianDeclaration,
  };
  for (const p of card.pools) labels[poolField(p)] = textWith(VD.marksOf, { pool: p.name });
  return labels;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** The form as typed, to show it again (strings and ticked boxes; never the CSRF token). */
export function typedCard(raw: FormBody): FormState['values'] {
  const values: FormState['values'] = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === '_csrf') continue;
    if (typeof v === 'string') values[k] = v;
    else if (Array.isArray(v)) values[k] = list(v);
  }
  return values;
}

export type ParsedSheet =
  | {
      ok: true;
      sheet: string;
      invalid: InvalidSheet | undefined;
      input: { identity?: Record<string, unknown>; choices?: Array<Record<string, unknown>> };
      poolOf: number[];
    }
  | { ok: false; errors: FormErrors };

/**
 * A keyed sheet from the card's form: the ballot the API takes (`PaperBallotDto`: identity and choices per pool, the
 * projects by id), validated with the API's own DTO. What the form alone decides — a number that is not on the card,
 * points that are no number, two projects in one place — is said on the pool's field.
 */
export async function readSheet(card: PaperCard, raw: FormBody, locale: Locale): Promise<ParsedSheet> {
  const labels = cardLabels(card);
  const problems: FormError[] = [];
  const invalidRaw = str(raw.invalid) || 'valid';
  const invalid = invalidRaw === 'valid' ? undefined : (invalidRaw as InvalidSheet);
  const body: Record<string, unknown> = { sheet: str(raw.sheet).trim() };
  if (invalid !== undefined) body.invalid = invalid;
  const poolOf: number[] = [];
  const readable = invalid === undefined || invalid === 'content';
  if (readable) {
    const identity: Record<string, unknown> = { firstName: str(raw.firstName).trim(), lastName: str(raw.lastName).trim() };
    const put = (k: string, v: unknown) => {
      if (v !== '' && v !== undefined) identity[k] = v;
    };
    put('areaId', str(raw.areaId));
    if (card.asks.email) put('email', str(raw.email).trim());
    if (card.asks.pesel) put('pesel', str(raw.pesel).trim());
    if (card.asks.birthYear) {
      const y = str(raw.birthYear).trim();
      put('birthYear', /^\d{1,4}$/.test(y) ? Number(y) : y);
    }
    if (card.asks.guardian && (str(raw.guardianName).trim() || raw.guardianDeclaration === 'yes')) {
      identity.guardian = { name: str(raw.guardianName).trim(), declaration: raw.guardianDeclaration === 'yes' };
    }
    const choices: Array<Record<string, unknown>> = [];
    for (const pool of card.pools) {
      const byPosition = new Map(pool.projects.map((p) => [p.position, p]));
      const max = pool.projects.length;
      const bad = (text: Text, params: Record<string, string | number> = {}) =>
        problems.push({ field: poolField(pool), text: text[locale].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) });
      const vt = pool.spec.voteType;
      if (vt === 'approval' || vt === 'choose-1') {
        const typed = str(raw[numbersField(pool)]).trim();
        const numbers = new Set<number>(list(raw[poolField(pool)]).map(Number));
        if (typed) {
          if (!/^\d+([\s,;]+\d+)*$/.test(typed)) {
            bad(VD.notANumber);
            continue;
          }
          for (const n of typed.split(/[\s,;]+/)) numbers.add(Number(n));
        }
        const unknown = [...numbers].find((n) => !byPosition.has(n));
        if (unknown !== undefined) {
          bad(VD.unknownNumber, { n: unknown, max });
          continue;
        }
        if (numbers.size === 0) continue;
        poolOf.push(pool.index);
        choices.push({ poolId: pool.id, projectIds: [...numbers].sort((a, b) => a - b).map((n) => byPosition.get(n)!.id) });
      } else {
        const given: Array<{ project: CardProject; n: number }> = [];
        let wrong = false;
        for (const project of pool.projects) {
          const v = str(raw[projectField(pool, project.position)]).trim();
          if (!v) continue;
          if (!/^\d{1,4}$/.test(v)) wrong = true;
          else given.push({ project, n: Number(v) });
        }
        if (wrong) {
          bad(VD.notPoints);
          continue;
        }
        if (given.length === 0) continue;
        if (vt === 'ordinal') {
          const places = given.map((g) => g.n);
          const twice = places.find((n, i) => places.indexOf(n) !== i);
          if (twice !== undefined) {
            bad(VD.samePlace, { n: twice });
            continue;
          }
          poolOf.push(pool.index);
          choices.push({ poolId: pool.id, projectIds: given.sort((a, b) => a.n - b.n).map((g) => g.project.id) });
        } else {
          poolOf.push(pool.index);
          choices.push({ poolId: pool.id, points: given.map((g) => ({ projectId: g.project.id, points: g.n })) });
        }
      }
    }
    body.identity = identity;
    body.choices = choices;
  } else if (str(raw.areaId)) {
    // Nothing on an unsigned or illegible sheet is read, but the area it names counts in the turnout (as on the API).
    body.identity = { areaId: str(raw.areaId) };
  }
  // The API's DTO and its words, on the card's fields.
  const found = await validate(plainToInstance(PaperBallotDto, body), {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (found.length) {
    const fields = validationError(found).fields ?? [];
    problems.push(...fields.map((f) => toFormError(f, poolOf, labels, locale)));
  }
  if (problems.length) {
    const order = Object.keys(labels);
    const rank = (f: string | null) => (f === null ? order.length : order.indexOf(f) < 0 ? order.length : order.indexOf(f));
    return { ok: false, errors: new FormErrors([...problems].sort((a, b) => rank(a.field) - rank(b.field))) };
  }
  const input = readable
    ? { identity: body.identity as Record<string, unknown>, choices: body.choices as Array<Record<string, unknown>> }
    : body.identity
      ? { identity: body.identity as Record<string, unknown> }
      : {};
  return { ok: true, sheet: body.sheet as string, invalid, input, poolOf };
}

/** The card's field of a problem the API names by its path (`identity.firstName`, `choices.1.projectIds`). */
export function cardField(path: string, poolOf: number[]): string | null {
  if (path === 'sheet' || path === 'invalid') return path;
  const id = /^identity\.(\w+)(?:\.(\w+))?/.exec(path);
  if (id) {
    if (id[1] === 'guardian') return id[2] === 'declaration' ? 'guardianDeclaration' : 'guardianName';
    return id[1];
  }
  if (path === 'identity') return 'firstName';
  const choice = /^choices\.(\d+)/.exec(path);
  if (choice) {
    const index = poolOf[Number(choice[1])];
    return index === undefined ? null : `pool${index}`;
  }
  return null;
}

function toFormError(f: FieldText, poolOf: number[], labels: FieldLabels, locale: Locale): FormError {
  const field = cardField(f.field, poolOf);
  return { field: field && field in labels ? field : null, text: fieldErrorText({ ...f, field: field ?? f.field }, labels, locale) };
}

/** A refusal of the service as the card's problems (invalid, conflict: a sheet keyed twice or closed); null for any other error. */
export function sheetErrorsOf(err: unknown, card: PaperCard, poolOf: number[], locale: Locale): FormErrors | null {
  if (!(err instanceof DomainError) || !['invalid', 'conflict', 'unauthorized'].includes(err.kind)) return null;
  const labels = cardLabels(card);
  if (err.fields?.length) return new FormErrors(err.fields.map((f) => toFormError(f, poolOf, labels, locale)));
  return new FormErrors([{ field: null, text: err.text[locale] }]);
}
