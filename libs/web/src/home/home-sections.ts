import { Injectable } from '@nestjs/common';
import type { VNode } from 'preact';
import { AppConfig } from '@civitas/config';
import { cachedFor } from './cached';
import type { PageContext } from '../page/page-context';

/**
 * A part of the home page that a domain contributes ("what is happening now" in the budget, consultations,
 * initiatives; the subscribe box). libs/web knows none of the domains: each domain's web module registers its
 * section at start-up. `order` places it (lower first).
 */
export interface HomeSection {
  id: string;
  order: number;
  /** The section's content (its own h2), or its empty state; never null for a registered domain. */
  render(page: PageContext): Promise<VNode>;
}

@Injectable()
export class HomeSections {
  private readonly sections: HomeSection[] = [];

  constructor(private readonly config: AppConfig) {}

  /**
   * A section's data loader, kept for HOME_CACHE_MS (default 5 s) per process: a busy home page does not query the
   * database on every request; a change shows within that time.
   */
  cached<T>(load: () => Promise<T>): () => Promise<T> {
    return this.config.site.homeCacheMs > 0 ? cachedFor(this.config.site.homeCacheMs, load) : load;
  }

  register(section: HomeSection): void {
    if (this.sections.some((s) => s.id === section.id)) throw new Error(`Home section ${section.id} registered twice`);
    this.sections.push(section);
    this.sections.sort((a, b) => a.order - b.order);
  }

  all(): readonly HomeSection[] {
    return this.sections;
  }
}
