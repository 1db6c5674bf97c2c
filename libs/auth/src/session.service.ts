import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@civitas/config';
import { roleNames, UserRepository, UserRoleRepository } from '@civitas/users';
import { AuthError } from './auth.errors';
import type { AuthenticatedUser } from './authenticated-user';

/** The whole content of a session token: the account and its token version, nothing personal, no roles. */
export interface SessionPayload {
  sub: string;
  tv: number;
}

export interface Session {
  accessToken: string;
  /** Seconds until the token expires. */
  expiresIn: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Session tokens (JWT, HS256). A token is valid while it is unexpired, its `tv` equals the account's token_version
 * and the account is enabled; incrementing token_version ends every session of the account at once.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly users: UserRepository,
    private readonly roles: UserRoleRepository,
  ) {}

  async issue(user: { id: string; tokenVersion: number }): Promise<Session> {
    const payload: SessionPayload = { sub: user.id, tv: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.auth.jwtTtlSeconds });
    return { accessToken, expiresIn: this.config.auth.jwtTtlSeconds };
  }

  /** The account behind a token, with its roles as they are now; 401 `session_invalid` otherwise. */
  async authenticate(token: string): Promise<AuthenticatedUser> {
    let payload: Partial<SessionPayload>;
    try {
      payload = await this.jwt.verifyAsync<SessionPayload>(token);
    } catch {
      throw AuthError.sessionInvalid();
    }
    if (typeof payload.sub !== 'string' || !UUID.test(payload.sub) || !Number.isInteger(payload.tv)) throw AuthError.sessionInvalid();
    const user = await this.users.findById(payload.sub);
    if (!user || user.disabledAt || user.tokenVersion !== payload.tv) throw AuthError.sessionInvalid();
    const grants = await this.roles.grantsOf(user.id);
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      locale: user.locale,
      emailVerifiedAt: user.emailVerifiedAt,
      createdAt: user.createdAt,
      roles: roleNames(grants),
      grants,
    };
  }

  /** Ends every session of the account. */
  async revokeAll(userId: string): Promise<void> {
    await this.users.bumpTokenVersion(userId);
  }
}
