import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { normaliseEmail } from '@civitas/users';

/**
 * Rate limit of the account routes (register, password reset, password change): THROTTLE_AUTH_LIMIT requests per
 * THROTTLE_AUTH_TTL_MS per client IP and route. 429 with Retry-After once exceeded.
 */
@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {}

/**
 * The login limit is kept per client IP and address, so that an attacker guessing one account's password is stopped
 * without locking everyone behind the same IP (or the account's owner elsewhere) out.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const ip = await super.getTracker(req);
    const email = (req.body as { email?: unknown } | undefined)?.email;
    return typeof email === 'string' ? `${ip}|${normaliseEmail(email)}` : ip;
  }
}
