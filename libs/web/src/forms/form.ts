import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { getMetadataStorage, validate } from 'class-validator';
import { DomainError, format, validationError, type FieldText, type Locale, type Text } from '@civitas/common';

/** The field that carries the CSRF token in every form (read by the CSRF guard, never by a DTO). */
export const CSRF_FIELD = '_csrf';

/** One problem to show: next to its field (and linked from the summary), or in the summary only (field null). */
export interface FormError {
  field: string | null;
  text: string;
}

/** The problems of a submitted form, in the visitor's language: the error summary lists them, each field shows its own. */
export class FormErrors {
  readonly list: readonly FormError[];

  /** Keeps one problem per field (the first), as GOV.UK's pattern shows them. */
  constructor(list: readonly FormError[]) {
    const seen = new Set<string>();
    this.list = list.filter((e) => e.field === null || (!seen.has(e.field) && !!seen.add(e.field)));
  }

  static none(): FormErrors {
    return new FormErrors([]);
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  /** The first problem of a field (GOV.UK shows one message per field). */
  for(field: string): string | undefined {
    return this.list.find((e) => e.field === field)?.text;
  }
}

/** What a form shows: the values as typed (strings; never passwords) and the problems found. */
export interface FormState {
  values: Record<string, string | string[] | undefined>;
  errors: FormErrors;
}

export function emptyForm(values: FormState['values'] = {}): FormState {
  return { values, errors: FormErrors.none() };
}

/** A submitted form's body as a plain object (anything else is an empty form). */
export type FormBody = Record<string, unknown>;

export function formBody(body: unknown): FormBody {
  return body && typeof body === 'object' && !Array.isArray(body) ? { ...(body as FormBody) } : {};
}

/** What was typed, for a re-rendered form: the string fields (never the CSRF token). */
export function typedValues(raw: FormBody): FormState['values'] {
  const values: FormState['values'] = {};
  for (const [k, v] of Object.entries(raw)) if (k !== '_csrf' && typeof v === 'string') values[k] = v;
  return values;
}

/** Field labels of a form, for the messages that name a field ("Pole „Adres e-mail” …"). */
export type FieldLabels = Record<string, Text>;

const quote: Record<Locale, (s: string) => string> = { pl: (s) => `„${s}”`, en: (s) => `“${s}”` };

/** A service's or the validator's field error in the visitor's language, naming the field by its label. */
export function fieldErrorText(f: FieldText, labels: FieldLabels, locale: Locale): string {
  const label = labels[f.field];
  if (f.template && label) return format(f.template.text[locale], { field: quote[locale](label[locale]), n: f.template.n });
  return f.text[locale];
}

/** The kinds of domain error a form reports on itself (re-rendered, 4xx); any other kind becomes an error page. */
const FORM_KINDS = new Set(['invalid', 'unauthorized', 'conflict']);

/**
 * A domain error as the problems of a form: its field errors next to their fields, or its text in the summary.
 * Returns null for an error the form cannot show (not found, forbidden, unavailable…): let it become an error page.
 * `alsoCodes`: codes of other kinds that this form explains itself (e.g. "address not confirmed" on sign-in).
 */
export function formErrorsOf(err: unknown, labels: FieldLabels, locale: Locale, alsoCodes?: ReadonlySet<string>): FormErrors | null {
  if (!(err instanceof DomainError) || !(FORM_KINDS.has(err.kind) || alsoCodes?.has(err.code))) return null;
  if (err.fields?.length) {
    return new FormErrors(err.fields.map((f) => ({ field: f.field in labels ? f.field : null, text: fieldErrorText(f, labels, locale) })));
  }
  return new FormErrors([{ field: null, text: err.text[locale] }]);
}

/** What a DTO's rules say about each property: optional (IsOptional), a list (IsArray), a boolean (IsBoolean). */
function propertyKinds(dto: ClassConstructor<object>): { optional: Set<string>; lists: Set<string>; booleans: Set<string> } {
  const metas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const named = (name: string) => new Set(metas.filter((m) => m.name === name).map((m) => m.propertyName));
  return {
    optional: new Set(metas.filter((m) => m.type === 'conditionalValidation').map((m) => m.propertyName)),
    lists: named('isArray'),
    booleans: named('isBoolean'),
  };
}

export type Parsed<T> = { ok: true; value: T; values: FormState['values'] } | { ok: false; errors: FormErrors; values: FormState['values'] };

/**
 * Validates a submitted form with the API's own DTO and rules — the same fields, the same words. The CSRF field is
 * set aside; an empty optional field counts as not given (a browser sends "" for an empty input); unknown fields
 * and wrong types are errors as on the API. `values` holds what was typed (for re-rendering), passwords removed.
 */
export async function parseForm<T extends object>(
  dto: ClassConstructor<T>,
  body: unknown,
  labels: FieldLabels,
  locale: Locale,
  opts: { secret?: readonly string[] } = {},
): Promise<Parsed<T>> {
  const raw: Record<string, unknown> = {};
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const [k, v] of Object.entries(body)) if (k !== CSRF_FIELD) raw[k] = v;
  }
  // A browser sends "" for an empty input, nothing for a group of unticked checkboxes, one value for one ticked
  // checkbox, and "true" for a boolean checkbox.
  const kinds = propertyKinds(dto);
  for (const k of kinds.lists) if (!(k in raw)) raw[k] = [];
  for (const k of Object.keys(raw)) {
    if (raw[k] === '' && kinds.optional.has(k)) delete raw[k];
    else if (kinds.lists.has(k) && typeof raw[k] === 'string') raw[k] = [raw[k]];
    else if (kinds.booleans.has(k) && (raw[k] === 'true' || raw[k] === 'false')) raw[k] = raw[k] === 'true';
  }
  const values: FormState['values'] = {};
  for (const [k, v] of Object.entries(raw)) {
    if (opts.secret?.includes(k)) continue;
    if (typeof v === 'string') values[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) values[k] = v as string[];
  }
  const instance = plainToInstance(dto, raw);
  const problems = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (problems.length === 0) return { ok: true, value: instance, values };
  const fields = validationError(problems).fields ?? [];
  // One message per field, in the order of the form's fields; unknown fields last.
  const order = Object.keys(labels);
  const sorted = [...fields].sort((a, b) => rank(order, a.field) - rank(order, b.field) || codeRank(a.code) - codeRank(b.code));
  return {
    ok: false,
    values,
    errors: new FormErrors(sorted.map((f) => ({ field: f.field in labels ? f.field : null, text: fieldErrorText(f, labels, locale) }))),
  };
}

/** Within a field the most basic problem is shown: missing, then the wrong type, then empty, then the rest. */
const BASIC = ['whitelistValidation', 'isDefined', 'isArray', 'isString', 'isInt', 'isNumber', 'isBoolean', 'isNotEmpty', 'arrayMinSize'];

function codeRank(code: string): number {
  const i = BASIC.indexOf(code);
  return i === -1 ? BASIC.length : i;
}

function rank(order: string[], field: string): number {
  const i = order.indexOf(field.split('.')[0]);
  return i === -1 ? order.length : i;
}
