/**
 * Subscription topics: `results` (every published result), `initiatives` (local-initiative decisions),
 * `edition:<id>`, `consultation:<id>`, `area:<id>` (everything in an area, its sub-areas included).
 */
export const TOPIC_PATTERN = /^(results|initiatives|(edition|consultation|area):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export const MAX_TOPICS = 50;

export type TopicKind = 'results' | 'initiatives' | 'edition' | 'consultation' | 'area';

export function parseTopic(topic: string): { kind: TopicKind; id?: string } | null {
  if (!TOPIC_PATTERN.test(topic)) return null;
  const [kind, id] = topic.split(':') as [TopicKind, string | undefined];
  return id ? { kind, id } : { kind };
}

/** Lower-cases, removes duplicates and sorts (stable storage and comparison). */
export function normaliseTopics(topics: readonly string[]): string[] {
  return [...new Set(topics.map((t) => t.trim().toLowerCase()))].sort();
}
