import { Injectable } from '@nestjs/common';
import type { Text } from '@civitas/common';
import type { DeskArea } from '@civitas/web';
import type { Role } from '@civitas/users';
import type { AuthenticatedUser } from '../authenticated-user';

/** What waits in a queue for one person: how many, and the nearest deadline among them (if the queue has deadlines). */
export interface DeskCount {
  count: number;
  nextDeadline?: Date | null;
}

/**
 * A queue of the officials' desk that a domain contributes (projects to review, comments to moderate, sheets to
 * key…). The desk's start page asks every queue what waits on the signed-in person — scoped to their roles and
 * areas by the domain's own access rules — and links each count to the queue's page.
 */
export interface DeskQueue {
  /** Unique, e.g. `consultations.moderation`. */
  id: string;
  area: Exclude<DeskArea, 'start'>;
  /** Place within its part of the desk (lower first). */
  order: number;
  title: Text;
  /** The queue's page. */
  href: string;
  /** What waits on this person, or null when the queue is not theirs (no role for it). */
  count(user: AuthenticatedUser): Promise<DeskCount | null>;
}

/** A page of a part of the desk that is not a queue (editions, consultations, areas, accounts…). */
export interface DeskLink {
  id: string;
  area: Exclude<DeskArea, 'start'>;
  order: number;
  title: Text;
  description?: Text;
  href: string;
  /** Who sees the link (any of them; an admin always). */
  roles: readonly Role[];
}

/** The desk's registry: each domain's desk module registers its queues and links at start-up. */
@Injectable()
export class DeskQueues {
  private readonly queues: DeskQueue[] = [];
  private readonly links: DeskLink[] = [];

  register(queue: DeskQueue): void {
    if (this.queues.some((q) => q.id === queue.id)) throw new Error(`Desk queue ${queue.id} registered twice`);
    this.queues.push(queue);
    this.queues.sort((a, b) => a.order - b.order);
  }

  link(link: DeskLink): void {
    if (this.links.some((l) => l.id === link.id)) throw new Error(`Desk link ${link.id} registered twice`);
    this.links.push(link);
    this.links.sort((a, b) => a.order - b.order);
  }

  allQueues(): readonly DeskQueue[] {
    return this.queues;
  }

  allLinks(): readonly DeskLink[] {
    return this.links;
  }
}
