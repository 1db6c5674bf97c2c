import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@civitas/config';

interface ManifestEntry {
  file: string;
  bytes: number;
  gzip?: number;
  brotli?: number;
}

/** One servable file, held in memory with its pre-compressed variants. */
interface Asset {
  type: string;
  body: Buffer;
  gzip?: Buffer;
  brotli?: Buffer;
  etag: string;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

const ONE_YEAR = 'public, max-age=31536000, immutable';

/** dist/assets, found by walking up from this file (works from the sources and from dist/libs/web/...). */
export function findAssetsDir(start: string = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'dist', 'assets', 'manifest.json');
    if (existsSync(candidate)) return dirname(candidate);
    if (dirname(dir) === dir) {
      throw new Error(`No dist/assets/manifest.json above ${start}: run "npm run build" (npm start builds it too)`);
    }
  }
}

function fingerprinted(name: string, body: Buffer): string {
  const ext = extname(name);
  return `${name.slice(0, -ext.length)}.${createHash('sha256').update(body).digest('hex').slice(0, 12)}${ext}`;
}

function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}

/**
 * The web assets: the built files of dist/assets (stylesheet, scripts, images; fingerprinted by the build), the theme
 * stylesheet made from configuration (the brand colour) and the city's logo. All are held in memory and served
 * under /assets/ with a one-year immutable cache, pre-compressed (brotli or gzip, as the browser accepts).
 */
@Injectable()
export class AssetsService {
  private readonly byFile = new Map<string, Asset>();
  private readonly urls = new Map<string, string>();
  /** The city's logo (CITY_LOGO), or null. */
  readonly logoUrl: string | null;

  constructor(config: AppConfig) {
    const dir = findAssetsDir();
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, ManifestEntry>;
    for (const [name, entry] of Object.entries(manifest)) {
      const path = join(dir, entry.file);
      const read = (suffix: string) => (existsSync(path + suffix) ? readFileSync(path + suffix) : undefined);
      const body = readFileSync(path);
      this.add(name, entry.file, {
        type: TYPES[extname(name)] ?? 'application/octet-stream',
        body,
        gzip: read('.gz'),
        brotli: read('.br'),
        etag: etagOf(body),
      });
    }
    const theme = Buffer.from(`:root{--civitas-brand:${config.site.brandColour};--govuk-brand-colour:${config.site.brandColour}}\n`);
    this.addGenerated('theme.css', theme);
    if (config.site.logoFile) {
      const logo = readFileSync(config.site.logoFile);
      this.addGenerated(`logo${extname(config.site.logoFile).toLowerCase()}`, logo);
      this.logoUrl = this.url(`logo${extname(config.site.logoFile).toLowerCase()}`);
    } else {
      this.logoUrl = null;
    }
  }

  /** The URL of an asset by its logical name (`civitas.css`, `govuk-frontend.js`, …). */
  url(name: string): string {
    const url = this.urls.get(name);
    if (!url) throw new Error(`Unknown asset ${name}`);
    return url;
  }

  /** A JSON asset parsed (e.g. the accessibility test report), or null when the build had none. */
  json<T>(name: string): T | null {
    const url = this.urls.get(name);
    if (!url) return null;
    return JSON.parse(this.byFile.get(url.slice('/assets/'.length))!.body.toString('utf8')) as T;
  }

  has(name: string): boolean {
    return this.urls.has(name);
  }

  /** Compressed size (brotli where available) of an asset: what a browser downloads on a first visit. */
  transferBytes(name: string): number {
    const file = this.url(name).slice('/assets/'.length);
    const a = this.byFile.get(file)!;
    return (a.brotli ?? a.gzip ?? a.body).length;
  }

  /** Registers GET /assets/:file on Fastify directly (no guards, no session lookup). */
  register(fastify: FastifyInstance): void {
    fastify.get('/assets/:file', (req, reply) => this.serve(req as FastifyRequest<{ Params: { file: string } }>, reply));
    // Browsers that ignore the page's <link rel="icon"> ask for this.
    fastify.get('/favicon.ico', (_req, reply) =>
      reply.status(301).header('cache-control', 'public, max-age=86400').header('location', this.url('favicon.svg')).send(),
    );
  }

  private serve(req: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply): FastifyReply {
    const asset = this.byFile.get(req.params.file);
    if (!asset) return reply.status(404).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('Not found\n');
    void reply.header('cache-control', ONE_YEAR).header('etag', asset.etag).header('vary', 'accept-encoding').type(asset.type);
    if (req.headers['if-none-match'] === asset.etag) return reply.status(304).send();
    const accepted = String(req.headers['accept-encoding'] ?? '');
    if (asset.brotli && /\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(asset.brotli);
    if (asset.gzip && /\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(asset.gzip);
    return reply.send(asset.body);
  }

  private add(name: string, file: string, asset: Asset): void {
    this.byFile.set(file, asset);
    this.urls.set(name, `/assets/${file}`);
  }

  private addGenerated(name: string, body: Buffer): void {
    const compressible = !name.endsWith('.png');
    this.add(name, fingerprinted(name, body), {
      type: TYPES[extname(name)] ?? 'application/octet-stream',
      body,
      gzip: compressible ? gzipSync(body) : undefined,
      brotli: compressible ? brotliCompressSync(body) : undefined,
      etag: etagOf(body),
    });
  }
}
