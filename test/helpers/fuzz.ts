/**
 * Malformed requests derived from the OpenAPI document: for each operation a bounded, deterministic list of cases
 * (wrong types, nulls, nesting, NUL bytes, lone surrogates, whitespace, huge numbers, long strings, unknown fields,
 * bad ids, empty and non-JSON bodies) built from its request body schema, query parameters and path parameters.
 */

export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  allOf?: Schema[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path as the document has it, e.g. `/api/v1/projects/{id}`. */
  template: string;
  pathParams: Parameter[];
  query: Parameter[];
  headers: Parameter[];
  /** The JSON body's schema (resolved), when the operation takes one. */
  body?: Schema;
  /** The operation takes a raw file (PDF, PNG, JPEG) as its body. */
  upload: boolean;
}

/** One malformed request of an operation. */
export interface FuzzCase {
  /** What is wrong, e.g. `body.title: NUL byte` or `path.id: not a UUID`. */
  name: string;
  /** Path and query, percent-encoded as sent. */
  url: string;
  headers: Record<string, string>;
  /** The body as sent: raw text (JSON or not); undefined sends none. */
  body?: string;
}

/** Values of the kinds the cases try. */
export const NUL = 'Fuzz\u0000text';
export const LONE_SURROGATE = 'Fuzz \ud800 text';
export const WHITESPACE = ' \t\u00a0\n ';
export const LONG_STRING = 'x'.repeat(100_000);

/** A deterministic UUID (version 4 layout) that names nothing: `n` makes each one different. */
export function fakeUuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation of the document, in document order; `skip` filters out paths (the documentation's own). */
export function operationsOf(doc: OpenApiDocument, skip: (path: string) => boolean = () => false): Operation[] {
  const resolve = resolver(doc);
  const out: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    if (skip(template)) continue;
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const json = content['application/json'];
      out.push({
        method: m.toUpperCase() as Operation['method'],
        template,
        pathParams: params.filter((p) => p.in === 'path'),
        query: params.filter((p) => p.in === 'query'),
        headers: params.filter((p) => p.in === 'header'),
        body: json ? resolve(json.schema) : undefined,
        upload: Object.keys(content).some((c) => c !== 'application/json'),
      });
    }
  }
  return out;
}

/** Inlines $ref and single allOf (recursively, once per schema), so the generator sees plain schemas. */
function resolver(doc: OpenApiDocument): (s: Schema) => Schema {
  const schemas = doc.components?.schemas ?? {};
  const go = (s: Schema, depth: number): Schema => {
    if (depth > 8) return {};
    if (s.$ref) return go(schemas[s.$ref.replace('#/components/schemas/', '')] ?? {}, depth + 1);
    if (s.allOf?.length === 1) return { ...go(s.allOf[0], depth + 1), ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'allOf')) };
    const out: Schema = { ...s };
    if (s.items) out.items = go(s.items, depth + 1);
    if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, go(v, depth + 1)]));
    return out;
  };
  return (s) => go(s, 0);
}

/** What the generator needs of the seeded data: an id for a field or parameter name, a date, a fresh UUID. */
export interface Samples {
  /**
   * A real id for a body field (e.g. `poolId`) or a path parameter (by the segment before it, see pathResource) of
   * the operation at `template`; undefined: none (an unknown UUID is used).
   */
  idFor: (name: string, template: string) => string | undefined;
  /** A valid body for the operation, whose fields the cases spoil one by one; undefined: one made from the schema. */
  bodyFor?: (op: Operation) => unknown;
  uuid: () => string;
}

/** A value for a field: per operation, so that ids can depend on where they are sent. */
type IdsOf = { idFor: (name: string) => string | undefined; uuid: () => string };

/** The kind of value a schema stands for (an untyped `object` without properties is a nullable scalar). */
function kindOf(name: string, s: Schema): 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'date' | 'uuid' | 'scalar' {
  if (s.format === 'date-time' || /(At|Until)$/.test(name)) return 'date';
  if (s.format === 'uuid' || /(^id|Id)$/.test(name)) return 'uuid';
  if (s.type === 'array') return 'array';
  if (s.type === 'object') return s.properties ? 'object' : 'scalar';
  if (s.type === 'string' || s.type === 'number' || s.type === 'integer' || s.type === 'boolean') return s.type;
  return 'scalar';
}

/** A plausible value of the schema: its example, enum, default, or a simple value of its type. */
export function sample(name: string, s: Schema, samples: IdsOf, depth = 0): unknown {
  if (s.example !== undefined) return s.example;
  if (s.enum?.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  switch (kindOf(name, s)) {
    case 'date':
      return new Date(Date.now() + 30 * 86_400_000).toISOString();
    case 'uuid':
      return samples.idFor(name) ?? samples.uuid();
    case 'array': {
      const item = s.items ?? { type: 'string' };
      const singular = name.replace(/s$/, '');
      if (/Ids$/.test(name)) return [samples.idFor(singular) ?? samples.uuid()];
      return depth > 3 ? [] : [sample(singular, item, samples, depth + 1)];
    }
    case 'object':
      return depth > 3 ? {} : Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(k, v, samples, depth + 1)]));
    case 'number':
    case 'integer':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    default: {
      if (/email/i.test(name)) return 'fuzz@example.pl';
      if (/url/i.test(name)) return 'https://example.pl/spotkanie';
      const text = 'Fuzz text';
      return s.minLength && s.minLength > text.length ? text.padEnd(s.minLength, 'x') : text;
    }
  }
}

/** Replacement values for one field, by what the field expects; `deep` fields (inside lists) get fewer. */
function mutationsFor(name: string, s: Schema, deep: boolean): Array<[string, unknown]> {
  const kind = kindOf(name, s);
  const out: Array<[string, unknown]> = [['null', null]];
  const stringy = kind === 'string' || kind === 'scalar' || kind === 'date' || kind === 'uuid';
  if (stringy) {
    out.push(['wrong type (number)', 12345], ['NUL byte', NUL], ['lone surrogate', LONE_SURROGATE], ['whitespace only', WHITESPACE]);
    if (!deep) out.push(['object instead of string', { a: 'b' }], ['array instead of string', ['x']], ['long string', LONG_STRING], ['empty string', '']);
    if (kind === 'date') out.push(['date beyond range', '+275760-09-13T00:00:00.000Z'], ['date before PostgreSQL', '-004714-01-01T00:00:00.000Z']);
    if (kind === 'uuid' && !deep) out.push(['not a UUID', 'not-a-uuid'], ['unknown UUID', fakeUuid(0xdead)]);
    if (s.enum && !deep) out.push(['not in enum', 'not-a-value']);
  } else if (kind === 'number' || kind === 'integer') {
    out.push(['wrong type (string)', '12'], ['1e308', 1e308], ['2^53+1', 2 ** 53 + 1], ['-1', -1]);
    if (!deep) out.push(['fraction', 1.5], ['-1e308', -1e308], ['array instead of number', [1]], ['object instead of number', { n: 1 }]);
  } else if (kind === 'boolean') {
    out.push(['wrong type (string)', 'true']);
    if (!deep) out.push(['wrong type (number)', 1], ['array instead of boolean', [true]]);
  } else if (kind === 'array') {
    out.push(['wrong type (string)', 'x'], ['nested arrays', [[['x']]]], ['array of nulls', [null]]);
    if (!deep)
      out.push(['object instead of array', { 0: 'x' }], ['array of objects', [{ a: 1 }]], ['array of NUL strings', [NUL]], ['huge array', Array(2000).fill(1)]);
  } else if (kind === 'object') {
    out.push(['wrong type (string)', 'x'], ['nested arrays', [[{}]]], ['array of objects', [{}]]);
    if (!deep) out.push(['empty object', {}], ['unknown field inside', { unknownField: 1 }]);
  }
  return out;
}

/** Dotted paths of every field of a body sample with its schema, nested through objects and the first list item. */
function fieldsOf(s: Schema, prefix: string[] = [], depth = 0): Array<{ path: string[]; name: string; schema: Schema; deep: boolean }> {
  const out: Array<{ path: string[]; name: string; schema: Schema; deep: boolean }> = [];
  for (const [name, p] of Object.entries(s.properties ?? {})) {
    const path = [...prefix, name];
    out.push({ path, name, schema: p, deep: depth > 0 });
    if (depth >= 2) continue;
    if (p.type === 'object' && p.properties) out.push(...fieldsOf(p, path, depth + 1));
    if (p.type === 'array' && p.items?.properties) out.push(...fieldsOf(p.items, [...path, '0'], depth + 1));
  }
  return out;
}

/** A copy of `root` with the value at `path` (dotted keys; a list index is a number) replaced. */
function setAt(root: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  path.slice(0, -1).forEach((key, i) => {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = /^\d+$/.test(path[i + 1]) ? [{}] : {};
    at = at[key] as Record<string, unknown>;
  });
  at[path[path.length - 1]] = value;
  return copy;
}

const enc = encodeURIComponent;

/** Path parameter values that are wrong in every way a client can send them (raw, already percent-encoded). */
const BAD_PATH_VALUES: Array<[string, string]> = [
  ['not a UUID', 'not-a-uuid'],
  ['NUL byte', 'a%00b'],
  ['lone surrogate (invalid UTF-8)', '%ED%A0%80'],
  ['2^53+1', '9007199254740993'],
  ['1e308', '1e308'],
  ['-1', '-1'],
  ['whitespace', '%20%20'],
  ['SQL', enc("' OR '1'='1")],
  ['long', 'x'.repeat(300)],
];

/** Query values, raw (percent-encoded as sent). */
const BAD_QUERY_VALUES: Array<[string, string]> = [
  ['NUL byte', 'a%00b'],
  ['lone surrogate (invalid UTF-8)', '%ED%A0%80'],
  ['lone surrogate (%u escape)', '%uD800'],
  ['empty', ''],
  ['whitespace', '%20%09%20'],
  ['1e308', '1e308'],
  ['2^53+1', '9007199254740993'],
  ['beyond int64', '99999999999999999999999'],
  ['-1', '-1'],
  ['0', '0'],
  ['fraction', '1.5'],
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
  ['not a UUID', 'not-a-uuid'],
  ['long', 'x'.repeat(5000)],
];

/**
 * The malformed requests of an operation, in a fixed order: each path parameter wrong in turn (the others real), each
 * query parameter wrong in turn, whole bodies of the wrong shape or media type, then each field of the body (nested
 * through objects and the first item of lists) wrong in turn while the others keep the valid body's values — at most
 * `maxBodyCases` of these, spread evenly. Required headers other than Idempotency-Key (set by the sender) get a value.
 * `base` adds the valid body itself (to see how far the cases reach).
 */
export function casesOf(op: Operation, samples: Samples, opts: { maxBodyCases?: number; base?: boolean } = {}): FuzzCase[] {
  const out: FuzzCase[] = [];
  const ids: IdsOf = { idFor: (name) => samples.idFor(name, op.template), uuid: samples.uuid };
  const baseParams = Object.fromEntries(op.pathParams.map((p) => [p.name, enc(String(ids.idFor(pathResource(op.template, p.name)) ?? ids.uuid()))]));
  const pathWith = (over: Record<string, string> = {}) =>
    op.template.replace(/\{([^}]+)\}/g, (_, name: string) => over[name] ?? baseParams[name] ?? enc(samples.uuid()));
  const baseQuery = op.query.filter((q) => q.required).map((q) => [q.name, enc(String(sample(q.name, q.schema ?? {}, ids)))] as [string, string]);
  const queryWith = (pairs: Array<[string, string]>) => (pairs.length ? `?${pairs.map(([k, v]) => `${enc(k)}=${v}`).join('&')}` : '');
  const headers = Object.fromEntries(op.headers.filter((h) => !/^idempotency-key$/i.test(h.name)).map((h) => [h.name, 'fuzz']));
  const url = (o: { path?: Record<string, string>; query?: Array<[string, string]> } = {}) => pathWith(o.path) + queryWith(o.query ?? baseQuery);
  const json = (value: unknown) => JSON.stringify(value);
  const bodySample = op.body ? (samples.bodyFor?.(op) ?? sample('body', op.body, ids)) : undefined;
  const baseBody = bodySample === undefined ? undefined : json(bodySample);
  const add = (name: string, c: Partial<FuzzCase> = {}) =>
    out.push({
      name,
      url: c.url ?? url(),
      headers: { ...headers, ...(baseBody !== undefined || c.body !== undefined ? { 'content-type': 'application/json' } : {}), ...c.headers },
      body: 'body' in c ? c.body : baseBody,
    });

  // Path parameters: each wrong in turn, the others real.
  for (const p of op.pathParams) {
    add(`path.${p.name}: unknown UUID`, { url: url({ path: { [p.name]: fakeUuid(0xbeef) } }) });
    for (const [what, value] of BAD_PATH_VALUES) add(`path.${p.name}: ${what}`, { url: url({ path: { [p.name]: value } }) });
  }

  // Query parameters: each wrong in turn (the required ones otherwise present), repeated, missing, unknown.
  for (const q of op.query) {
    const others = baseQuery.filter(([k]) => k !== q.name);
    for (const [what, value] of BAD_QUERY_VALUES) add(`query.${q.name}: ${what}`, { url: url({ query: [...others, [q.name, value]] }) });
    add(`query.${q.name}: repeated`, { url: url({ query: [...others, [q.name, '1'], [q.name, '2']] }) });
    add(`query.${q.name}: bracketed (nested object)`, { url: url({ query: [...others, [`${q.name}[a]`, '1']] }) });
    if (q.required) add(`query.${q.name}: missing`, { url: url({ query: others }) });
  }
  if (op.query.length || op.method === 'GET') add('query: unknown parameter', { url: url({ query: [...baseQuery, ['unknownParam', '1']] }) });

  if (op.upload) {
    // Files are not fuzzed; a JSON body where a file is expected is.
    add('body: JSON instead of a file', { body: json({ a: 1 }), headers: { 'content-type': 'application/json' } });
    add('body: empty file', { body: '', headers: { 'content-type': 'application/pdf' } });
    return out;
  }

  if (!op.body) {
    // A body where none is expected is ignored or refused, never a failure.
    if (op.method !== 'GET' && op.method !== 'DELETE') {
      add('body (none expected): nested arrays', { body: '[[[]]]', headers: { 'content-type': 'application/json' } });
      add('body (none expected): malformed JSON', { body: '{"a":', headers: { 'content-type': 'application/json' } });
    }
    return out;
  }

  if (opts.base) add('body: the base of the cases');
  // Whole bodies.
  add('body: empty (content-type JSON)', { body: '' });
  add('body: none', { body: undefined, headers: { 'content-type': '' } });
  add('body: {}', { body: '{}' });
  add('body: null', { body: 'null' });
  add('body: array of objects', { body: json([bodySample]) });
  add('body: nested arrays', { body: '[[[{}]]]' });
  add('body: string', { body: '"x"' });
  add('body: number', { body: '1e308' });
  add('body: malformed JSON', { body: '{"a":' });
  add('body: deeply nested', { body: `${'['.repeat(5000)}${']'.repeat(5000)}` });
  add('body: unknown field', { body: json({ ...(bodySample as object), unknownField: 1 }) });
  add('body: unknown field with a lone surrogate in its name', { body: json({ ...(bodySample as object), ['\ud800']: 1 }) });
  add('body: __proto__', { body: `{"__proto__":{"polluted":true},${baseBody!.slice(1)}` });
  add('body: form-urlencoded', { body: 'a=1&b=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  add('body: text/plain', { body: 'x', headers: { 'content-type': 'text/plain' } });

  // Fields: each wrong in turn, the others plausible.
  const fieldCases: FuzzCase[] = [];
  for (const f of fieldsOf(op.body)) {
    for (const [what, value] of mutationsFor(f.name, f.schema, f.deep)) {
      const before = out.length;
      add(`body.${f.path.join('.')}: ${what}`, { body: json(setAt(bodySample, f.path, value)) });
      fieldCases.push(...out.splice(before));
    }
    if (!(op.body.required ?? []).includes(f.name) || f.deep) continue;
    const before = out.length;
    const rest = Object.fromEntries(Object.entries(bodySample as object).filter(([k]) => k !== f.name));
    add(`body.${f.name}: missing`, { body: json(rest) });
    fieldCases.push(...out.splice(before));
  }
  out.push(...spread(fieldCases, opts.maxBodyCases ?? 200));
  return out;
}

/** At most `max` of the cases, spread evenly over the list (deterministic). */
function spread<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]);
}

/**
 * The operations in the order they are fuzzed: those that end or move on the state of what they are called on
 * (deleting, cancelling, publishing, submitting, logging out…) after the others, so that the others still find the
 * seeded objects as they were.
 */
export function fuzzOrder(ops: Operation[]): Operation[] {
  const final = (op: Operation) =>
    op.method === 'DELETE' ||
    /\/(logout|cancel|publish|terminate|complete|decline|submit|resubmit|announce|start|register|approve|tally|ballot|consent|answer)$/.test(op.template);
  return [...ops.filter((op) => !final(op)), ...ops.filter(final)];
}

/** The resource a path parameter names: the segment before it (`/projects/{id}` → `projects`), or its own name. */
export function pathResource(template: string, param: string): string {
  const segments = template.split('/');
  const i = segments.findIndex((s) => s.startsWith(`{${param}}`));
  return param === 'id' ? (segments[i - 1] ?? param) : param;
}
