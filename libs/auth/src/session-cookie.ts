import type { FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import { AppConfig } from '@civitas/config';

export const SESSION_COOKIE = 'civitas_session';

function options(config: AppConfig) {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: config.http.cookieSecure };
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure per COOKIE_SECURE, Max-Age = the token lifetime. */
export function setSessionCookie(reply: FastifyReply, config: AppConfig, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, { ...options(config), maxAge: config.auth.jwtTtlSeconds });
}

export function clearSessionCookie(reply: FastifyReply, config: AppConfig): void {
  void reply.clearCookie(SESSION_COOKIE, options(config));
}

/** The session token of a request: the Bearer token of the Authorization header first, then the session cookie. */
export function sessionTokenOf(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match) return match[1];
  }
  const cookie = req.cookies?.[SESSION_COOKIE];
  return cookie ? cookie : undefined;
}
