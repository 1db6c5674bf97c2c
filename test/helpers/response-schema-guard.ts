import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { RUN_ENV } from './test-env';

/** A schema of the OpenAPI document, as far as the guard reads it. */
interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

/**
 * Checks a JSON value against a schema of the document and returns what does not match, each with its path: a
 * property the schema does not declare (unless it allows other properties), a required one missing, a value of
 * another type, a value outside its enum. An object schema without properties takes any object.
 */
export function schemaProblems(value: unknown, schema: Schema, doc: OpenAPIObject, path = '$'): string[] {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name] as Schema | undefined;
    return target ? schemaProblems(value, target, doc, path) : [`${path}: unknown schema ${schema.$ref}`];
  }
  if (value === null) return schema.nullable || schema.type === undefined ? [] : [`${path}: null, but not nullable`];
  if (schema.allOf) return schema.allOf.flatMap((s) => schemaProblems(value, s, doc, path));
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) {
    const each = alternatives.map((s) => schemaProblems(value, s, doc, path));
    return each.some((p) => p.length === 0) ? [] : [`${path}: matches none of ${alternatives.length} alternatives (${each.map((p) => p[0]).join('; ')})`];
  }
  if (schema.enum && !schema.enum.includes(value)) return [`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  const type = schema.type ?? (schema.properties ? 'object' : schema.items ? 'array' : undefined);
  switch (type) {
    case undefined:
      return [];
    case 'string':
      return typeof value === 'string' ? [] : [`${path}: ${typeof value}, not a string`];
    case 'number':
      return typeof value === 'number' ? [] : [`${path}: ${typeof value}, not a number`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${path}: ${JSON.stringify(value)}, not an integer`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path}: ${typeof value}, not a boolean`];
    case 'array':
      if (!Array.isArray(value)) return [`${path}: ${typeof value}, not an array`];
      return schema.items ? value.flatMap((v, i) => schemaProblems(v, schema.items!, doc, `${path}[${i}]`)) : [];
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: not an object`];
      const props = schema.properties;
      const record = value as Record<string, unknown>;
      const problems: string[] = [];
      for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${path}.${key}: required, missing`);
      if (!props) return problems;
      for (const [key, v] of Object.entries(record)) {
        if (v === undefined) continue;
        if (props[key]) problems.push(...schemaProblems(v, props[key], doc, `${path}.${key}`));
        else if (typeof schema.additionalProperties === 'object') problems.push(...schemaProblems(v, schema.additionalProperties, doc, `${path}.${key}`));
        else if (schema.additionalProperties !== true) problems.push(`${path}.${key}: not in the schema`);
      }
      return problems;
    }
    default:
      return [];
  }
}

/**
 * In tests, every JSON success response of the API is checked against the schema its operation declares in the
 * OpenAPI document (operations without one are listed in test/e2e/openapi-undescribed.txt): a body that does not
 * match is answered 500 instead, with what did not match printed, so no test passes on an undocumented shape.
 * `RESPONSE_SCHEMA_GUARD=0` turns it off.
 */
/**
 * The document, built once per test run and shared by the workers through a file (every test application of a run has
 * the same routes): building it takes a few seconds, a whole e2e file's worth of requests.
 */
let shared: OpenAPIObject | undefined;

function documentOf(app: NestFastifyApplication): OpenAPIObject {
  if (shared) return shared;
  const file = join(tmpdir(), `${process.env[RUN_ENV] ?? 'civitas_test'}.openapi.json`);
  if (existsSync(file)) return (shared = JSON.parse(readFileSync(file, 'utf8')) as OpenAPIObject);
  shared = SwaggerModule.createDocument(app, new DocumentBuilder().build());
  // Written whole, then renamed: another worker never reads half of it.
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, JSON.stringify(shared));
  renameSync(partial, file);
  return shared;
}

export function guardResponseSchemas(app: NestFastifyApplication): void {
  if (process.env.RESPONSE_SCHEMA_GUARD === '0') return;
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (req, reply, payload) => {
    const url = req.routeOptions.url;
    if (!url?.startsWith('/api/') || url.startsWith('/api/docs') || reply.statusCode < 200 || reply.statusCode >= 300 || typeof payload !== 'string') {
      return payload;
    }
    if (!String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return payload;
    const doc = documentOf(app);
    const op = doc.paths[url.replace(/:(\w+)/g, '{$1}')]?.[req.method.toLowerCase() as 'get'];
    const schema = op?.responses?.[String(reply.statusCode)] as { content?: Record<string, { schema?: Schema }> } | undefined;
    const declared = schema?.content?.['application/json']?.schema;
    if (!declared) return payload;
    const problems = schemaProblems(JSON.parse(payload), declared, doc);
    if (problems.length === 0) return payload;
    const message = `${req.method} ${url} → ${reply.statusCode}: the body does not match its OpenAPI schema:\n  ${problems.slice(0, 20).join('\n  ')}`;
    console.error(message);
    reply.code(500);
    return JSON.stringify({ status: 500, code: 'response_schema_mismatch', title: message });
  });
}
