import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import { AppConfig } from '@civitas/config';
import { PaperSheetRepository } from '../ballots/paper-sheet.repository';

/** What the booth remembers between its pages. Form values are kept as typed (strings), checked on each step. */
export interface BoothState {
  identity?: IdentityValues;
  /** The pools the voter chose to vote in (ids), once the pools step is done. */
  pools?: string[];
  /** Per pool: approval / choose-1 / ordinal (in rank order) → projectIds; cumulative → points per project. */
  choices: Record<string, { projectIds?: string[]; points?: Record<string, number> }>;
  wantsResults?: boolean;
  /** Once cast: the ballot's reference (identity and choices are dropped from the draft then). */
  reference?: string;
  /** Whether the cast ballot waits for the mailed code (email_code). */
  needsCode?: boolean;
}

export interface IdentityValues {
  firstName: string;
  lastName: string;
  areaId: string;
  address?: string;
  email?: string;
  pesel?: string;
  birthYear?: string;
  guardianName?: string;
  guardianDeclaration?: boolean;
}

export interface BoothDraft {
  id: string;
  editionId: string;
  state: BoothState;
}

/** The booth's cookie: `<draft id>.<key>`, signed; the key decrypts the draft, and only the visitor holds it. */
export const BOOTH_COOKIE = 'civitas_booth';
/** A draft lives this long after its last save. */
export const DRAFT_TTL_MS = 60 * 60_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The booth's drafts: the form state held server-side between the booth's pages, so that choices survive a visit
 * to a project's page, a reload or a second tab, and never travel in a cookie or an address. Each draft is encrypted
 * (AES-256-GCM) with a random key that only the visitor's cookie holds (signed, HTTP-only, limited to the edition's
 * booth): the database alone cannot read a draft, and the cookie alone holds no choice. Drafts expire an hour after
 * their last save (DRAFT_TTL_MS); the hourly erasure job deletes the expired ones.
 */
@Injectable()
export class BoothDrafts {
  private readonly secure: boolean;

  constructor(
    private readonly sheets: PaperSheetRepository,
    config: AppConfig,
  ) {
    this.secure = config.http.cookieSecure;
  }

  private static path(editionId: string): string {
    return `/budget/${editionId}/vote`;
  }

  /** A new, empty draft for the edition; its cookie set on the reply. */
  async create(reply: FastifyReply, editionId: string): Promise<BoothDraft> {
    const key = randomBytes(32);
    const state: BoothState = { choices: {} };
    const id = await this.sheets.insertDraft(editionId, seal(key, state), DRAFT_TTL_MS / 1000);
    void reply.setCookie(BOOTH_COOKIE, `${id}.${key.toString('base64url')}`, {
      path: BoothDrafts.path(editionId),
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure,
      signed: true,
      maxAge: (2 * DRAFT_TTL_MS) / 1000,
    });
    return { id, editionId, state };
  }

  /** The visitor's draft for this edition, or null (no cookie, a forged or stale one, expired, another edition's). */
  async load(req: FastifyRequest, editionId: string): Promise<BoothDraft | null> {
    const opened = this.cookieOf(req);
    if (!opened) return null;
    const row = await this.sheets.findDraft(opened.id);
    if (!row || row.editionId !== editionId) return null;
    const state = open(opened.key, row.iv, row.tag, row.state);
    return state ? { id: opened.id, editionId, state } : null;
  }

  /** Stores the draft's state (encrypted anew) and gives it another hour. */
  async save(req: FastifyRequest, draft: BoothDraft): Promise<void> {
    const opened = this.cookieOf(req);
    if (!opened || opened.id !== draft.id) return;
    await this.sheets.updateDraft(draft.id, seal(opened.key, draft.state), DRAFT_TTL_MS / 1000);
  }

  /** Forgets the draft (the visitor starts again): the row and the cookie. */
  async discard(reply: FastifyReply, draft: BoothDraft): Promise<void> {
    await this.sheets.deleteDraft(draft.id);
    void reply.clearCookie(BOOTH_COOKIE, { path: BoothDrafts.path(draft.editionId), httpOnly: true, sameSite: 'lax', secure: this.secure, signed: true });
  }

  private cookieOf(req: FastifyRequest): { id: string; key: Buffer } | null {
    const raw = req.cookies?.[BOOTH_COOKIE];
    if (!raw) return null;
    const unsigned = req.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return null;
    const [id, key] = unsigned.value.split('.');
    if (!id || !key || !UUID.test(id)) return null;
    const bytes = Buffer.from(key, 'base64url');
    return bytes.length === 32 ? { id, key: bytes } : null;
  }
}

function seal(key: Buffer, state: BoothState): { iv: Buffer; tag: Buffer; data: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(state), 'utf8'), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), data };
}

function open(key: Buffer, iv: Buffer, tag: Buffer, data: Buffer): BoothState | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    const text = Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
    const state = JSON.parse(text) as BoothState;
    return state && typeof state === 'object' && state.choices && typeof state.choices === 'object' ? state : null;
  } catch {
    return null;
  }
}
