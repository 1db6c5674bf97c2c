import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * What a domain holds about an account, for the account's data download (GDPR art. 15 and 20) and for its
 * deletion. Each domain registers its part at start-up; users imports no domain.
 */
export interface PersonalDataPart {
  /** The key of the part in the download (`projects`, `comments`, `subscription`…). */
  name: string;
  /** Everything this domain holds about the account, as plain JSON. */
  collect(userId: string, m: EntityManager): Promise<unknown>;
  /** Removes what must not outlive the account (in the deletion's transaction); public records stay. */
  erase?(userId: string, m: EntityManager): Promise<void>;
}

@Injectable()
export class PersonalDataRegistry {
  private readonly parts: PersonalDataPart[] = [];

  register(part: PersonalDataPart): void {
    if (this.parts.some((p) => p.name === part.name)) throw new Error(`Personal data part ${part.name} registered twice`);
    this.parts.push(part);
  }

  all(): readonly PersonalDataPart[] {
    return this.parts;
  }
}
