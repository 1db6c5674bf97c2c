import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SessionService, type AuthenticatedUser } from '@civitas/auth';
import { EditionsService, ProjectsService, type Edition, type EditionRules, type Phase, type ProjectView } from '@civitas/budget';
import { Clock } from '@civitas/config';
import type { RoleGrant } from '@civitas/users';
import { scheduleWith } from './budget.factory';

/**
 * Shared fixtures of the service specs (createTestModule) and the e2e specs (createTestApp): the world a use case
 * needs, built through the same services the platform uses, at the time of the application's clock.
 */
export interface HasApp {
  app: Pick<INestApplicationContext, 'get'>;
}

const db = (t: HasApp) => t.app.get(DataSource, { strict: false });
let accounts = 0;

/** A city (100,000 residents) with its districts (20,000 each), written straight to the database. */
export async function aCityWithDistricts(t: HasApp, districts: string[] = ['Oliwa', 'Zaspa']): Promise<{ city: string; district: Record<string, string> }> {
  const add = async (name: string, kind: string, parentId: string | null, residents: number) =>
    (
      (await db(t).query(`INSERT INTO areas (name, kind, parent_id, resident_count) VALUES ($1, $2, $3, $4) RETURNING id`, [
        name,
        kind,
        parentId,
        residents,
      ])) as Array<{
        id: string;
      }>
    )[0].id;
  const city = await add('Miasto', 'city', null, 100_000);
  const district: Record<string, string> = {};
  for (const name of districts) district[name] = await add(name, 'district', city, 20_000);
  return { city, district };
}

/**
 * A verified account with the given role rows, as a request signed in with it sees it (SessionService.authenticate,
 * so the grants are those the platform reads).
 */
export async function anAccount(t: HasApp, opts: { displayName?: string; grants?: RoleGrant[]; verified?: boolean } = {}): Promise<AuthenticatedUser> {
  accounts += 1;
  const [{ id, token_version }] = (await db(t).query(
    `INSERT INTO users (email, display_name, password_hash, locale, email_verified_at)
     VALUES ($1, $2, '!', 'pl', CASE WHEN $3::boolean THEN now() END) RETURNING id, token_version`,
    [`account.${accounts}.${Date.now().toString(36)}@example.pl`, opts.displayName ?? `Konto ${accounts}`, opts.verified ?? true],
  )) as Array<{ id: string; token_version: number }>;
  for (const g of opts.grants ?? []) await db(t).query(`INSERT INTO user_roles (user_id, role, area_id) VALUES ($1, $2, $3)`, [id, g.role, g.areaId]);
  const sessions = t.app.get(SessionService, { strict: false });
  return sessions.authenticate((await sessions.issue({ id, tokenVersion: token_version })).accessToken);
}

/**
 * A published budget edition whose `phase` is under way at the clock's time (it began a day ago and ends in `daysLeft`
 * days; the phases before it are past, those after it follow a week each), with one pool per area given.
 */
export async function anEditionInPhase(
  t: HasApp,
  phase: Phase,
  pools: Array<{ name: string; areaId: string | null; amount?: number; signaturesRequired?: number }>,
  opts: { daysLeft?: number; name?: string; rules?: Partial<EditionRules> } = {},
): Promise<Edition> {
  const editions = t.app.get(EditionsService, { strict: false });
  const now = t.app.get(Clock, { strict: false }).ms();
  const phases = scheduleWith(phase, opts.daysLeft ?? 10, now).map((w) => ({ phase: w.phase, startsAt: new Date(w.startsAt), endsAt: new Date(w.endsAt) }));
  const edition = await editions.create({ name: opts.name ?? `BO ${now.toString(36)}`, year: 2027, phases, rules: opts.rules });
  for (const p of pools) {
    await editions.addPool(edition.id, { name: p.name, areaId: p.areaId, amount: p.amount ?? 100_000_000, signaturesRequired: p.signaturesRequired ?? 0 });
  }
  return editions.publish(edition.id);
}

/** A complete draft by `author` in `pool`, not submitted: drafts can be written until submission ends. */
export async function aDraft(t: HasApp, author: AuthenticatedUser, edition: Edition, title: string, poolIndex = 0): Promise<ProjectView> {
  const pool = edition.pools[poolIndex];
  return t.app.get(ProjectsService, { strict: false }).createDraft(author, edition.id, {
    poolId: pool.id,
    areaId: pool.areaId,
    title,
    summary: 'Dziesięć ławek przy alejce.',
    description: 'Ławki z oparciem wzdłuż alejki.',
    justification: 'Brakuje miejsc do odpoczynku.',
    costItems: [{ description: 'Ławki z montażem', amount: 5_000_000 }],
  });
}

/** A complete project by `author` in `pool` (aDraft's contents), submitted (the edition must be in its submission phase). */
export async function aSubmittedProject(
  t: HasApp,
  author: AuthenticatedUser,
  edition: Edition,
  poolIndex = 0,
  title = 'Ławki na skwerze',
): Promise<ProjectView> {
  const draft = await aDraft(t, author, edition, title, poolIndex);
  return t.app.get(ProjectsService, { strict: false }).submit(author, draft.id);
}
