import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import '@fastify/csrf-protection';
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { DEFAULT_LOCALE, pickLocale, requestIdOf, type Locale, type Text } from '@civitas/common';
import { AppConfig } from '@civitas/config';
import { AssetsService } from '../assets/assets.service';
import { SiteIdentityService } from '../identity/site-identity.service';
import { Flash, PageContext, PageProvider, PageUser } from './page-context';
import { safeNext } from './safe-next';

/** A rendered view: an element of any component. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- views take any props
export type View = VNode<any>;

/** How many shared pages a process keeps (the least recently used goes first). */
export const SHARED_PAGES = 500;

/** A shared page's answer other than 200 (e.g. 422 for a list with a bad filter): sent, never kept. */
export interface SharedAnswer {
  view: View;
  status: number;
}

function isAnswer(built: View | SharedAnswer): built is SharedAnswer {
  return 'view' in built && 'status' in built;
}

/** A shared page as rendered once: its HTML, and for a page without forms its ETag and compressed bodies. */
interface SharedPage {
  html: string;
  status: number;
  tokened: boolean;
  etag: string;
  bodies: { br?: Buffer; gzip?: Buffer };
}

interface SharedEntry {
  at: number;
  page: Promise<SharedPage>;
}

/** Stands for the visitor's CSRF token in a shared page's cached HTML (replaced on every request). */
const TOKEN_SLOT = '__civitas_csrf_token_slot__';

export const LANGUAGE_COOKIE = 'civitas_lang';
export const FLASH_COOKIE = 'civitas_flash';

/** How a page may be cached: `revalidate` (ETag, no-cache) for pages anyone may see, `no-store` for personal ones. */
export type PageCaching = 'revalidate' | 'no-store';

interface RequestWithUser extends FastifyRequest {
  user?: { id: string; displayName: string; email: string; roles: string[]; locale?: Locale };
}

/**
 * The language of a request: the switch's cookie, else `prefer` (e.g. the language a subscriber chose, on the pages
 * behind their mail's links), else the account's language, else Accept-Language (Polish by default).
 */
export function localeOf(req: FastifyRequest, prefer?: Locale): Locale {
  const cookie = req.cookies?.[LANGUAGE_COOKIE];
  if (cookie === 'pl' || cookie === 'en') return cookie;
  if (prefer) return prefer;
  const user = (req as RequestWithUser).user;
  if (user?.locale === 'pl' || user?.locale === 'en') return user.locale;
  return req.headers['accept-language'] ? pickLocale(req.headers['accept-language']) : DEFAULT_LOCALE;
}

/**
 * Renders pages and answers with them: the page context of a request, a view sent as a complete HTML document
 * (status, caching, ETag), and redirects after a POST (303) with a flash message for the next page.
 */
@Injectable()
export class WebPages {
  private readonly secureCookies: boolean;
  private readonly sharedMs: number;
  private readonly shared = new Map<string, SharedEntry>();
  /** Pages whose render asked for a CSRF token: their HTML differs on every request (no ETag, no-store). */
  private readonly tokened = new WeakSet<PageContext>();

  constructor(
    private readonly identity: SiteIdentityService,
    private readonly assets: AssetsService,
    config: AppConfig,
  ) {
    this.secureCookies = config.http.cookieSecure;
    this.sharedMs = config.site.homeCacheMs;
  }

  /** The context of the request behind this reply; reads (and clears) the flash message. */
  context(reply: FastifyReply, opts: { preferLocale?: Locale } = {}): PageContext {
    const req = reply.request as RequestWithUser;
    const u = req.user;
    const user: PageUser | null = u ? { id: u.id, displayName: u.displayName, email: u.email, roles: u.roles } : null;
    let token: string | undefined;
    const page: PageContext = {
      locale: localeOf(req, opts.preferLocale),
      path: req.url,
      user,
      site: this.identity.current(),
      assets: {
        css: [this.assets.url('civitas.css'), this.assets.url('theme.css')],
        js: [this.assets.url('civitas.js')],
        logo: this.assets.logoUrl,
        icon: this.assets.url('favicon.svg'),
      },
      flash: this.takeFlash(req, reply),
      requestId: requestIdOf(req) ?? '',
      csrfToken: () => {
        this.tokened.add(page);
        return (token ??= reply.generateCsrf());
      },
    };
    return page;
  }

  /** Renders a view inside the page context: a complete HTML document. */
  render(page: PageContext, view: View): string {
    return '<!DOCTYPE html>' + renderToString(h(PageProvider, { value: page }, view));
  }

  /**
   * Sends a view as the answer. `revalidate` pages carry an ETag and `Cache-Control: no-cache` (the browser asks
   * again and gets 304 when nothing changed); `no-store` pages (personal data, forms) are never stored.
   */
  send(reply: FastifyReply, page: PageContext, view: View, opts: { status?: number; caching?: PageCaching } = {}): FastifyReply {
    return this.sendHtml(reply, page, this.render(page, view), opts);
  }

  /**
   * Sends a page that every anonymous visitor of an address sees alike (the home page, the budget's public pages):
   * its HTML is rendered once per address (path and query) and language and kept for HOME_CACHE_MS, in a bounded
   * least-recently-used table of SHARED_PAGES entries; visitors asking at once wait for the one render. A page with
   * forms gets the visitor's own CSRF token put in on each request (and is never stored by the browser); a page
   * without forms keeps its ETag and its compressed bodies with it, so a repeated visit costs no render, no hash and
   * no compression. A signed-in visitor or a flash message gets a page rendered for them; an answer other than 200
   * (a list with a bad filter) is sent to the visitors who asked for it at once and not kept.
   */
  async sendShared(reply: FastifyReply, page: PageContext, build: () => Promise<View | SharedAnswer>): Promise<FastifyReply> {
    if (page.user || page.flash || this.sharedMs === 0) {
      const built = await build();
      return isAnswer(built) ? this.send(reply, page, built.view, { status: built.status }) : this.send(reply, page, built);
    }
    const key = `${page.locale} ${page.path}`;
    let entry = this.shared.get(key);
    if (entry && Date.now() - entry.at < this.sharedMs) {
      // Most recently used last: the first entry is the one to drop.
      this.shared.delete(key);
      this.shared.set(key, entry);
    } else {
      const slotted: PageContext = { ...page, csrfToken: () => TOKEN_SLOT };
      const made: SharedEntry = {
        at: Date.now(),
        page: build().then((built) => {
          const { view, status } = isAnswer(built) ? built : { view: built, status: 200 };
          const html = this.render(slotted, view);
          return { html, status, tokened: html.includes(TOKEN_SLOT), etag: `W/"${createHash('sha1').update(html).digest('base64url')}"`, bodies: {} };
        }),
      };
      entry = made;
      this.shared.delete(key);
      this.shared.set(key, made);
      if (this.shared.size > SHARED_PAGES) this.shared.delete(this.shared.keys().next().value!);
      const forget = () => {
        if (this.shared.get(key) === made) this.shared.delete(key);
      };
      made.page.then((p) => p.status !== 200 && forget(), forget);
    }
    const shared = await entry.page;
    if (shared.tokened) return this.sendHtml(reply, page, shared.html.replaceAll(TOKEN_SLOT, page.csrfToken()), { status: shared.status });
    if (shared.status !== 200) return this.sendHtml(reply, page, shared.html, { status: shared.status });
    void reply.status(200).type('text/html; charset=utf-8').header('vary', 'Cookie, Accept-Language, Accept-Encoding');
    void reply.header('cache-control', 'private, no-cache').header('etag', shared.etag);
    if (reply.request.headers['if-none-match'] === shared.etag) return reply.status(304).send();
    const accepted = String(reply.request.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null;
    if (!encoding) return reply.send(shared.html);
    const body = (shared.bodies[encoding] ??=
      encoding === 'br'
        ? brotliCompressSync(shared.html, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: shared.html.length } })
        : gzipSync(shared.html));
    return reply.header('content-encoding', encoding).send(body);
  }

  private sendHtml(reply: FastifyReply, page: PageContext, html: string, opts: { status?: number; caching?: PageCaching }): FastifyReply {
    const status = opts.status ?? 200;
    const caching = opts.caching ?? (page.user || this.tokened.has(page) ? 'no-store' : 'revalidate');
    void reply.status(status).type('text/html; charset=utf-8').header('vary', 'Cookie, Accept-Language, Accept-Encoding');
    if (caching === 'no-store' || status !== 200) {
      return this.sendCompressed(reply.header('cache-control', 'no-store'), html);
    }
    const etag = `W/"${createHash('sha1').update(html).digest('base64url')}"`;
    void reply.header('cache-control', 'private, no-cache').header('etag', etag);
    if (reply.request.headers['if-none-match'] === etag) return reply.status(304).send();
    return this.sendCompressed(reply, html);
  }

  /**
   * A page's HTML compressed here, in one synchronous call (brotli at quality 3, else gzip), rather than through
   * @fastify/compress's stream: measured on the booth's 72 KB ballot page, the stream cost about 2 ms of the API's
   * thread per page, the call a few tenths of one.
   */
  private sendCompressed(reply: FastifyReply, html: string): FastifyReply {
    if (html.length < 1024) return reply.send(html);
    const accepted = String(reply.request.headers['accept-encoding'] ?? '');
    if (/\bbr\b/.test(accepted)) {
      const body = brotliCompressSync(html, {
        params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 3, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(html) },
      });
      return reply.header('content-encoding', 'br').send(body);
    }
    if (/\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(gzipSync(html));
    return reply.send(html);
  }

  /** 303 See Other to a path on this site (anything else goes to `/`), with an optional flash message. */
  redirect(reply: FastifyReply, to: string, flash?: Flash): FastifyReply {
    if (flash) this.setFlash(reply, flash);
    return reply.status(303).header('cache-control', 'no-store').header('location', safeNext(to)).send();
  }

  /** Remembers the visitor's language for a year (the switch in the header). */
  setLanguage(reply: FastifyReply, locale: Locale): void {
    void reply.setCookie(LANGUAGE_COOKIE, locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true, secure: this.secureCookies });
  }

  private setFlash(reply: FastifyReply, flash: Flash): void {
    const value = JSON.stringify({ k: flash.kind, pl: flash.text.pl, en: flash.text.en });
    void reply.setCookie(FLASH_COOKIE, value, { path: '/', maxAge: 120, sameSite: 'lax', httpOnly: true, secure: this.secureCookies, signed: true });
  }

  private takeFlash(req: FastifyRequest, reply: FastifyReply): Flash | null {
    const raw = req.cookies?.[FLASH_COOKIE];
    if (!raw) return null;
    void reply.clearCookie(FLASH_COOKIE, { path: '/', sameSite: 'lax', httpOnly: true, secure: this.secureCookies, signed: true });
    const unsigned = req.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return null;
    try {
      const v = JSON.parse(unsigned.value) as { k?: unknown; pl?: unknown; en?: unknown };
      if ((v.k !== 'success' && v.k !== 'info') || typeof v.pl !== 'string' || typeof v.en !== 'string') return null;
      return { kind: v.k, text: { pl: v.pl, en: v.en } as Text };
    } catch {
      return null;
    }
  }
}
