import { Injectable } from '@nestjs/common';
import type { VNode } from 'preact';
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

  register(section: HomeSection): void {
    if (this.sections.some((s) => s.id === section.id)) throw new Error(`Home section ${section.id} registered twice`);
    this.sections.push(section);
    this.sections.sort((a, b) => a.order - b.order);
  }

  all(): readonly HomeSection[] {
    return this.sections;
  }
}
