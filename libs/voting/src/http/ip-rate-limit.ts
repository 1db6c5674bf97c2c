import { CallHandler, CanActivate, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, Observable, throwError } from 'rxjs';
import { AppConfig } from '@civitas/config';
import { BallotsError } from '../ballots/ballots.errors';

const WINDOW_MS = 60_000;
/** Above this many tracked clients, windows that have ended are swept out. */
const SWEEP_ABOVE = 10_000;

/**
 * The client a limit counts: an IPv4 address as it is; an IPv6 address by its /64 network, which one subscriber
 * usually holds whole (counting single IPv6 addresses would let one client rotate through billions); an IPv4-mapped
 * IPv6 address as its IPv4 address.
 */
export function clientOf(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!ip.includes(':')) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Requests per client and route group in fixed one-minute windows, in this process's memory. With several API
 * processes behind a balancer a client may reach each of them: the limit is per process (as the account routes').
 */
@Injectable()
export class IpRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  /** Counts a request; when over `limit` in the current window, the seconds until it ends, else null. */
  hit(group: string, ip: string, limit: number, now = Date.now()): number | null {
    const key = `${group}\u0000${clientOf(ip)}`;
    let w = this.windows.get(key);
    if (!w || now - w.start >= WINDOW_MS) {
      if (this.windows.size > SWEEP_ABOVE) for (const [k, v] of this.windows) if (now - v.start >= WINDOW_MS) this.windows.delete(k);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    return w.count > limit ? Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000)) : null;
  }
}

/** Which limit a route counts against: ballot submissions, or code confirmations and resends (each route apart). */
export type IpLimitGroup = 'ballots' | 'confirm' | 'resend-code';
const IP_LIMIT_KEY = 'voting:ip-limit';
export const IpLimit = (group: IpLimitGroup) => SetMetadata(IP_LIMIT_KEY, group);

/**
 * VOTING_IP_LIMIT_PER_MINUTE requests per client IP, route and minute on the public ballot routes marked @IpLimit:
 * beyond it 429 (too_many_ballots on submissions, too_many_code_requests on confirm and resend-code) with Retry-After.
 * The client IP is Fastify's, so X-Forwarded-For is believed only as TRUST_PROXY says.
 */
@Injectable()
export class IpLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: IpRateLimiter,
    private readonly config: AppConfig,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const limit = this.config.voting.ipLimitPerMinute;
    const group = this.reflector.get<IpLimitGroup | undefined>(IP_LIMIT_KEY, ctx.getHandler());
    if (!group || limit === 0) return true;
    const http = ctx.switchToHttp();
    const wait = this.limiter.hit(group, http.getRequest<FastifyRequest>().ip, limit);
    if (wait === null) return true;
    void http.getResponse<FastifyReply>().header('retry-after', String(wait));
    throw group === 'ballots' ? BallotsError.tooManyBallots(wait) : BallotsError.tooManyCodeRequests(wait);
  }
}

/** Puts a ballot error's `retryAfter` in the Retry-After header of its 429 answer. */
@Injectable()
export class RetryAfterInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        if (err instanceof BallotsError && err.retryAfter) void ctx.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(err.retryAfter));
        return throwError(() => err);
      }),
    );
  }
}
