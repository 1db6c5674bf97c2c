/** The largest file the API accepts as an upload (a project attachment, a scanned support list): 10 MiB. */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

/** The files residents and officials may upload: PDF documents and PNG or JPEG images. */
export const ATTACHMENT_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

/** How files of each type begin: an upload is taken only when its content is what its Content-Type says. */
const MAGIC: Record<AttachmentMediaType, Buffer> = {
  'application/pdf': Buffer.from('%PDF-', 'latin1'),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
};

/** Whether the content starts as files of the declared media type do. */
export function contentMatches(mediaType: string, content: Buffer): mediaType is AttachmentMediaType {
  const magic = MAGIC[mediaType as AttachmentMediaType];
  return !!magic && content.length >= magic.length && content.subarray(0, magic.length).equals(magic);
}

/** The media type of a Content-Type header, without its parameters. */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/** `attachment; filename*=UTF-8''…` (RFC 6266 / RFC 8187): any file name, Polish letters included, survives. */
export function contentDisposition(fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename*=UTF-8''${encoded}`;
}

/** The last segment of a path as a browser or a client may send it (`C:\scans\lista.pdf`, `docs/mapa.png`). */
export function baseName(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value.split(/[\\/]/).pop()!.trim();
}
