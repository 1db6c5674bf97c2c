import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Locale, Text } from '@civitas/common';
import { SubscriptionRepository } from './subscription.repository';
import { parseTopic } from './topics';

/**
 * What a domain library tells the catalog about its topic kind: which ids exist and what they are called. The budget
 * library registers `edition`, consultations register `consultation` (notifications imports neither).
 */
export interface TopicResolver {
  /** Names of the given ids that exist (missing ids are left out). */
  describe(ids: string[], manager: EntityManager): Promise<Map<string, Text>>;
  /** The topics worth offering on a subscription page (e.g. open editions and consultations). */
  offered?(manager: EntityManager): Promise<string[]>;
}

const FIXED: Record<'results' | 'initiatives', Text> = {
  results: { pl: 'Wyniki głosowań budżetu obywatelskiego', en: 'Participatory budget results' },
  initiatives: { pl: 'Inicjatywy lokalne', en: 'Local initiatives' },
};

const AREA_KIND: Record<string, Text> = {
  city: { pl: 'miasto', en: 'city' },
  district: { pl: 'dzielnica', en: 'district' },
  neighbourhood: { pl: 'osiedle', en: 'neighbourhood' },
};

const KIND_FALLBACK: Record<'edition' | 'consultation', Text> = {
  edition: { pl: 'Edycja budżetu obywatelskiego', en: 'Participatory budget edition' },
  consultation: { pl: 'Konsultacje', en: 'Consultation' },
};

/** Checks that topics exist and names them in the reader's language. */
@Injectable()
export class TopicCatalog {
  private readonly resolvers = new Map<'edition' | 'consultation', TopicResolver>();

  constructor(
    private readonly ds: DataSource,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  register(kind: 'edition' | 'consultation', resolver: TopicResolver): void {
    this.resolvers.set(kind, resolver);
  }

  /** Names of every topic given that exists; an unknown area (or a registered kind's unknown id) is left out. */
  async describe(topics: string[], manager: EntityManager = this.ds.manager): Promise<Map<string, Text>> {
    const out = new Map<string, Text>();
    const ids: Record<'area' | 'edition' | 'consultation', string[]> = { area: [], edition: [], consultation: [] };
    for (const topic of topics) {
      const parsed = parseTopic(topic);
      if (!parsed) continue;
      if (parsed.kind === 'results' || parsed.kind === 'initiatives') out.set(topic, FIXED[parsed.kind]);
      else ids[parsed.kind].push(parsed.id!);
    }
    if (ids.area.length > 0) {
      const areas = await this.subscriptions.listAreas(manager, ids.area);
      for (const a of areas) {
        const kind = AREA_KIND[a.kind] ?? { pl: a.kind, en: a.kind };
        out.set(`area:${a.id}`, { pl: `${a.name} (${kind.pl})`, en: `${a.name} (${kind.en})` });
      }
    }
    for (const kind of ['edition', 'consultation'] as const) {
      if (ids[kind].length === 0) continue;
      const resolver = this.resolvers.get(kind);
      if (resolver) {
        for (const [id, name] of await resolver.describe(ids[kind], manager)) out.set(`${kind}:${id}`, name);
      } else {
        // No library knows this kind yet: accept the id and name it generically.
        for (const id of ids[kind]) {
          const f = KIND_FALLBACK[kind];
          out.set(`${kind}:${id}`, { pl: `${f.pl} ${id.slice(0, 8)}`, en: `${f.en} ${id.slice(0, 8)}` });
        }
      }
    }
    return out;
  }

  /** The topics among `topics` that do not exist. */
  async unknown(topics: string[], manager?: EntityManager): Promise<string[]> {
    const known = await this.describe(topics, manager);
    return topics.filter((t) => !known.has(t));
  }

  async labels(topics: string[], locale: Locale, manager?: EntityManager): Promise<string[]> {
    const known = await this.describe(topics, manager);
    return topics.filter((t) => known.has(t)).map((t) => known.get(t)![locale]);
  }

  /** Every topic a subscriber can pick: results, initiatives, every area, what the libraries offer, and `current`. */
  async options(current: string[], locale: Locale, manager: EntityManager = this.ds.manager): Promise<Array<{ value: string; label: string }>> {
    const areaIds = await this.subscriptions.listAreaIdsInTreeOrder(manager);
    const offered: string[] = [];
    for (const resolver of this.resolvers.values()) if (resolver.offered) offered.push(...(await resolver.offered(manager)));
    const all = [...new Set(['results', 'initiatives', ...areaIds.map((id) => `area:${id}`), ...offered, ...current])];
    const names = await this.describe(all, manager);
    return all.filter((t) => names.has(t)).map((t) => ({ value: t, label: names.get(t)![locale] }));
  }
}
