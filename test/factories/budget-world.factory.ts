import { DataSource } from 'typeorm';
import { EditionRepository, EditionsService, PHASES, ProjectRepository, type Edition, type EditionRules } from '@civitas/budget';
import { Clock } from '@civitas/config';
import { DAY } from '@civitas/test';
import type { HasApp } from './world.factory';

/**
 * Budget fixtures of the service specs beside those of world.factory.ts: an edition announced ahead of its submission
 * and the outcome of a vote as its publication leaves it in the budget — built through the
 * budget's own services and repositories, at the time of the application's clock.
 */

/**
 * A published edition announced ahead: its submission opens `opensInDays` days after the clock's time and lasts
 * `submissionDays` days, every later phase a week after the one before; one pool per area given (added before
 * publishing, as the pools of a published edition cannot change once submission has started).
 */
export async function anAnnouncedEdition(
  t: HasApp,
  pools: Array<{ name: string; areaId: string | null; amount?: number; signaturesRequired?: number }>,
  opts: { opensInDays: number; submissionDays?: number; name?: string; rules?: Partial<EditionRules>; ballotOrder?: 'alphabetical' | 'lottery' },
): Promise<Edition> {
  const editions = t.app.get(EditionsService, { strict: false });
  const now = t.app.get(Clock, { strict: false }).ms();
  const opens = now + opts.opensInDays * DAY;
  const submissionEnds = opens + (opts.submissionDays ?? 10) * DAY;
  const phases = PHASES.map((phase, i) => {
    const startsAt = i === 0 ? opens : submissionEnds + (i - 1) * 7 * DAY;
    return { phase, startsAt: new Date(startsAt), endsAt: new Date(i === 0 ? submissionEnds : startsAt + 7 * DAY) };
  });
  const edition = await editions.create({
    name: opts.name ?? `BO zapowiedziany ${now.toString(36)}`,
    year: 2027,
    phases,
    rules: opts.rules,
    ballotOrder: opts.ballotOrder,
  });
  for (const p of pools) {
    await editions.addPool(edition.id, { name: p.name, areaId: p.areaId, amount: p.amount ?? 100_000_000, signaturesRequired: p.signaturesRequired ?? 0 });
  }
  return editions.publish(edition.id);
}

/**
 * The results of the edition's vote as their publication (the voting lib's ResultsService.publish) leaves them in the
 * budget, without a vote or a tally: the projects on the ballot move to `selected` or `not_selected`, and the edition
 * records the clock's time as the publication's.
 */
export async function publishedResults(t: HasApp, editionId: string, outcome: { selected: string[]; notSelected: string[] }): Promise<void> {
  const projects = t.app.get(ProjectRepository, { strict: false });
  const editions = t.app.get(EditionRepository, { strict: false });
  const now = t.app.get(Clock, { strict: false }).now();
  await t.app.get(DataSource, { strict: false }).transaction(async (m) => {
    for (const id of outcome.selected) await projects.setOutcomeStatus(m, id, 'selected');
    for (const id of outcome.notSelected) await projects.setOutcomeStatus(m, id, 'not_selected');
    await editions.markResultsPublished(m, editionId, now);
  });
}
