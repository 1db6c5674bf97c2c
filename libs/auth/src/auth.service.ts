import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Locale } from '@civitas/common';
import { isUniqueViolation } from '@civitas/database';
import { OutboxService } from '@civitas/queue';
import { normaliseEmail, PasswordHasher, UserEntity, UserRepository, UsersService } from '@civitas/users';
import { AuthError } from './auth.errors';
import { AuthTokenRepository } from './auth-token.repository';
import type { AuthenticatedUser } from './authenticated-user';
import { PasswordResetRepository } from './password-reset.repository';
import { Session, SessionService } from './session.service';
import { hashToken, TokenPurpose } from './token';

export interface Registration {
  email: string;
  password: string;
  displayName: string;
  locale: Locale;
}

/** Thrown inside a transaction to run it again (the account it expected vanished in between). */
class RetryRegistration extends Error {}

const REGISTRATION_ATTEMPTS = 3;

/**
 * The account use cases: registration with e-mail verification, login, password change and reset. Mails are never
 * sent here: each use case records an auth_tokens request and an outbox job in the same transaction, and the
 * `accounts` job processor creates the token and mails the link.
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly usersService: UsersService,
    private readonly tokens: AuthTokenRepository,
    private readonly resets: PasswordResetRepository,
    private readonly hasher: PasswordHasher,
    private readonly outbox: OutboxService,
    private readonly sessions: SessionService,
  ) {}

  /**
   * Registers an account and asks for its verification mail. When the address already has an account nothing is
   * created; its owner is mailed a notice instead. The caller sees the same outcome either way, also under
   * concurrent registrations of one address.
   */
  async register(input: Registration): Promise<void> {
    const email = normaliseEmail(input.email);
    this.usersService.assertPasswordAllowed(input.password, email);
    // Hashed before looking at the address, so that both outcomes cost the same time.
    const passwordHash = await this.hasher.hash(input.password);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.dataSource.transaction(async (m) => {
          const newId = await this.users.insertIfAbsent(m, {
            email,
            displayName: input.displayName.trim(),
            passwordHash,
            locale: input.locale,
            verified: false,
          });
          let requestId: string;
          if (newId) {
            requestId = await this.tokens.create(m, newId, 'verify_email');
          } else {
            const existing = await this.users.findByEmail(email, m);
            if (!existing) throw new RetryRegistration();
            requestId = await this.tokens.create(m, existing.id, 'account_exists');
          }
          await this.outbox.enqueue(m, 'send-account-email', { requestId });
        });
        return;
      } catch (err) {
        if ((err instanceof RetryRegistration || isUniqueViolation(err)) && attempt < REGISTRATION_ATTEMPTS) continue;
        throw err;
      }
    }
  }

  /** Confirms the address of the account the token was mailed to. */
  async verifyEmail(token: string): Promise<void> {
    const tokenHash = hashToken(token);
    await this.dataSource.transaction(async (m) => {
      const userId = await this.tokens.consume(m, tokenHash, 'verify_email');
      if (!userId) throw await this.tokenError(tokenHash, 'verify_email', m);
      await this.users.markEmailVerified(m, userId);
    });
  }

  /**
   * Checks a login. An unknown address and a wrong password give the same 401 after the same work (a dummy hash is
   * verified for an unknown address); the address must be verified (403), which is said only after the password
   * matched.
   */
  async validateCredentials(rawEmail: string, password: string): Promise<UserEntity> {
    const found = await this.users.findCredentialsByEmail(normaliseEmail(rawEmail));
    if (!found) {
      await this.hasher.verifyDummy(password);
      throw AuthError.invalidCredentials();
    }
    if (!(await this.hasher.verify(found.passwordHash, password))) throw AuthError.invalidCredentials();
    if (found.user.disabledAt) throw AuthError.accountDisabled();
    if (!found.user.emailVerifiedAt) throw AuthError.emailNotVerified();
    if (this.hasher.needsRehash(found.passwordHash)) {
      try {
        await this.users.replacePasswordHash(found.user.id, await this.hasher.hash(password));
      } catch (err) {
        this.logger.warn({ err, userId: found.user.id }, 'Could not upgrade a password hash');
      }
    }
    return found.user;
  }

  login(user: UserEntity): Promise<Session> {
    return this.sessions.issue(user);
  }

  /** Ends every session of the account (all devices). */
  logout(user: AuthenticatedUser): Promise<void> {
    return this.sessions.revokeAll(user.id);
  }

  /** Confirms a sensitive act with the account's password (403-free: 422 `current_password_incorrect` on the field). */
  async assertCurrentPassword(userId: string, password: string, field = 'currentPassword'): Promise<void> {
    const hash = await this.users.findPasswordHash(userId);
    if (!hash || !(await this.hasher.verify(hash, password))) throw AuthError.currentPasswordIncorrect(field);
  }

  /** Changes the password, ends every other session, and returns a new session for the caller. */
  async changePassword(user: AuthenticatedUser, currentPassword: string, newPassword: string): Promise<Session> {
    const hash = await this.users.findPasswordHash(user.id);
    if (!hash || !(await this.hasher.verify(hash, currentPassword))) throw AuthError.currentPasswordIncorrect();
    this.usersService.assertPasswordAllowed(newPassword, user.email, 'newPassword');
    const newHash = await this.hasher.hash(newPassword);
    const tokenVersion = await this.dataSource.transaction((m) => this.users.setPassword(m, user.id, newHash));
    return this.sessions.issue({ id: user.id, tokenVersion });
  }

  /**
   * Asks for a password-reset mail. Says nothing about whether the address has an account: a mail goes out only
   * if it has one (and it is enabled). A new request ends the older unused ones.
   */
  async requestPasswordReset(rawEmail: string): Promise<void> {
    // The same single statement whether or not the address has an account: the lookup happens in the job
    // (startPasswordReset), off the request path, so the answer's timing says nothing about existence.
    await this.resets.record(normaliseEmail(rawEmail));
  }

  /**
   * The job behind requestPasswordReset: takes the request (deleting it, so it is acted on once), and when the
   * address has an active account expires its unused reset links and records a new one with its mail job.
   */
  async startPasswordReset(resetRequestId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const email = await this.resets.take(m, resetRequestId);
      if (email === null) return;
      const user = await this.users.findByEmail(email, m);
      if (!user || user.disabledAt) return;
      await this.tokens.expireUnusedResets(m, user.id);
      const requestId = await this.tokens.create(m, user.id, 'reset_password');
      await this.outbox.enqueue(m, 'send-account-email', { requestId });
    });
  }

  /**
   * Sets a new password with a mailed reset token: single use, ends every session, and confirms the address (the
   * link proved access to the mailbox). A password that breaks the policy leaves the token usable.
   */
  async confirmPasswordReset(token: string, newPassword: string): Promise<void> {
    const tokenHash = hashToken(token);
    const pending = await this.tokens.findValid(tokenHash, 'reset_password');
    if (!pending) throw await this.tokenError(tokenHash, 'reset_password');
    this.usersService.assertPasswordAllowed(newPassword, pending.email);
    const newHash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (m) => {
      const userId = await this.tokens.consume(m, tokenHash, 'reset_password');
      if (!userId) throw await this.tokenError(tokenHash, 'reset_password', m);
      await this.users.setPassword(m, userId, newHash, { markVerified: true });
      await this.tokens.expireUnusedResets(m, userId);
    });
  }

  private async tokenError(tokenHash: string, purpose: TokenPurpose, m?: Parameters<AuthTokenRepository['stateOf']>[2]): Promise<AuthError> {
    const state = await this.tokens.stateOf(tokenHash, purpose, m);
    return state === 'used' ? AuthError.tokenUsed() : state === 'expired' ? AuthError.tokenExpired() : AuthError.tokenInvalid();
  }
}
