import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, UPLOAD_MAX_BYTES } from '@civitas/common';
import { isPageRequest } from '../errors/page-error.filter';

/** A file sent with a page form (`multipart/form-data`), read whole: what the browser declared and the bytes. */
export interface UploadedFile {
  /** The name as the browser sent it ("" when no file was chosen). */
  fileName: string;
  /** The media type the browser declared (from the file's extension), without parameters. */
  mediaType: string;
  /**
   * The content, at most UPLOAD_MAX_BYTES + 1 bytes: a larger file is cut there, so the service's own size check
   * refuses it (and the rest of the request is read and dropped).
   */
  content: Buffer;
}

export function isUploadedFile(v: unknown): v is UploadedFile {
  return !!v && typeof v === 'object' && Buffer.isBuffer((v as UploadedFile).content) && typeof (v as UploadedFile).fileName === 'string';
}

/** Limits of a page upload form: one file, a handful of small fields. */
const LIMITS = { files: 1, fileSize: UPLOAD_MAX_BYTES + 1, fields: 20, parts: 21, fieldSize: 100_000, fieldNameSize: 100, headerPairs: 100 };

const tooLarge = () =>
  new DomainError('too_large', 'upload_too_large', {
    pl: 'Formularz może zawierać jeden plik i kilka pól. Wróć, wybierz jeden plik i wyślij formularz ponownie.',
    en: 'The form may carry one file and a few fields. Go back, choose one file and send the form again.',
  });

const malformed = () =>
  new DomainError('bad_request', 'upload_malformed', {
    pl: 'Formularz z plikiem dotarł niekompletny albo w nieprawidłowej postaci.',
    en: 'The form with the file arrived incomplete or malformed.',
  });

/**
 * Lets page forms send files (`<form enctype="multipart/form-data">`): @fastify/multipart parses the request, and a
 * preValidation hook turns it into an ordinary body before the CSRF guard and the handler run — the fields as
 * strings (a repeated field as a list), the file as an UploadedFile. Only page routes: the JSON API takes files as
 * the raw body, and its edge check refuses any other media type (415) before the body is read, so a multipart
 * request never reaches it. Too many parts, a second file or a broken body is an error page, never a 500.
 */
export async function registerPageUploads(fastify: FastifyInstance): Promise<void> {
  await fastify.register(multipart, { limits: LIMITS, throwFileSizeLimit: false });
  fastify.addHook('preValidation', async (req: FastifyRequest) => {
    if (!req.isMultipart()) return;
    if (!isPageRequest(req)) throw malformed();
    req.body = await readMultipartForm(req);
  });
}

async function readMultipartForm(req: FastifyRequest): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const add = (name: string, value: unknown) => {
    const prev = body[name];
    body[name] = prev === undefined ? value : Array.isArray(prev) ? [...(prev as unknown[]), value] : [prev, value];
  };
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        add(part.fieldname, { fileName: part.filename ?? '', mediaType: (part.mimetype ?? '').split(';')[0].trim().toLowerCase(), content });
      } else {
        add(part.fieldname, typeof part.value === 'string' ? part.value : String(part.value));
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (/LIMIT|TOO_LARGE/.test(code)) throw tooLarge();
    if (err instanceof DomainError) throw err;
    throw malformed();
  }
  return { ...body };
}
