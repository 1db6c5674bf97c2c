import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/**
 * argon2id over 64 MiB of memory, 3 passes, 4 lanes (above OWASP's minimum of 19 MiB / 2 passes; roughly 50–100 ms
 * per hash on a server core). Passwords are NFC-normalised so that the same Polish letters typed on different
 * devices give the same hash.
 */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 65536, timeCost: 3, parallelism: 4 } as const;

@Injectable()
export class PasswordHasher {
  private dummy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return argon2.hash(password.normalize('NFC'), ARGON2_OPTIONS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password.normalize('NFC'));
    } catch {
      return false;
    }
  }

  /** Whether a stored hash was made with weaker parameters than today's (it is then replaced on the next login). */
  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, ARGON2_OPTIONS);
    } catch {
      return true;
    }
  }

  /**
   * Verifies against a hash of a random password, so that a login for an unknown address costs the same time as
   * one for a known address. Always false.
   */
  async verifyDummy(password: string): Promise<false> {
    this.dummy ??= argon2.hash(`dummy-${Math.random()}-${Date.now()}`, ARGON2_OPTIONS);
    await this.verify(await this.dummy, password);
    return false;
  }
}
