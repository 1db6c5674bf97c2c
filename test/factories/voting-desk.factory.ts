import { DataSource } from 'typeorm';
import type { TestApp } from '@civitas/test';
import { scheduleWith } from './budget.factory';
import { actingAs, type TestUser } from './users.factory';

export interface DeskVotingEdition {
  id: string;
  /** The city-wide approval pool and its projects in ballot order (the card's numbers 1, 2, …). */
  pool: string;
  projects: string[];
  /** A district's approval pool. */
  districtPool: string;
}

/**
 * A published edition on the ballot with voting open: a city-wide approval pool (`titles`, 1 to 3 projects per
 * ballot) and one of the district's (two projects), the policy given (default: e-mail codes, first ballot counts).
 */
export async function deskVotingEdition(
  t: TestApp,
  admin: TestUser,
  opts: { name: string; district: string; titles: string[]; policy?: Record<string, unknown> },
): Promise<DeskVotingEdition> {
  const db = t.app.get(DataSource);
  const as = actingAs(t, admin);
  const e = await as
    .post('/api/v1/admin/editions')
    .send({ name: opts.name, year: 2027, phases: scheduleWith('ballot_list') })
    .expect(201);
  const id = e.body.id as string;
  const addPool = async (name: string, areaId: string | null) =>
    (await as.post(`/api/v1/admin/editions/${id}/pools`).send({ name, areaId, amount: 100_000_000, signaturesRequired: 0 }).expect(201)).body.pools.find(
      (p: { name: string }) => p.name === name,
    ).id as string;
  const pool = await addPool('Ogólnomiejska', null);
  const districtPool = await addPool('Dzielnicowa', opts.district);
  let number = 0;
  const lists: Record<string, string[]> = { [pool]: [], [districtPool]: [] };
  const project = async (poolId: string, title: string, cost: number) => {
    number += 1;
    const [{ id: pid }] = (await db.query(
      `INSERT INTO budget_projects (edition_id, pool_id, number, status, title, summary, total_cost, created_by, ballot_position)
       VALUES ($1, $2, $3, 'on_ballot', $4, 'Opis.', $5, $6, $3) RETURNING id`,
      [id, poolId, number, title, cost, admin.id],
    )) as Array<{ id: string }>;
    lists[poolId].push(pid);
  };
  for (const [i, title] of opts.titles.entries()) await project(pool, title, (i + 1) * 10_000_00);
  await project(districtPool, 'Ławki w parku', 20_000_00);
  await project(districtPool, 'Sad miejski', 30_000_00);
  for (const [poolId, ids] of Object.entries(lists))
    await db.query(`INSERT INTO budget_ballot_lists (edition_id, pool_id, ordering, project_ids) VALUES ($1, $2, 'alphabetical', $3)`, [id, poolId, ids]);
  await as.post(`/api/v1/admin/editions/${id}/publish`).expect(200);
  await as
    .put(`/api/v1/admin/editions/${id}/voting-policy`)
    .send(opts.policy ?? {})
    .expect(200);
  await as.put(`/api/v1/admin/pools/${pool}/ballot-spec`).send({ voteType: 'approval', minLength: 1, maxLength: 3 }).expect(200);
  await as.put(`/api/v1/admin/pools/${districtPool}/ballot-spec`).send({ voteType: 'approval', minLength: 1, maxLength: 2 }).expect(200);
  await as
    .patch(`/api/v1/admin/editions/${id}`)
    .send({ phases: scheduleWith('voting') })
    .expect(200);
  return { id, pool, projects: lists[pool], districtPool };
}

/** Closes voting: the edition in its vote-verification phase (the tally may run). */
export async function closeVoting(t: TestApp, admin: TestUser, editionId: string): Promise<void> {
  await actingAs(t, admin)
    .patch(`/api/v1/admin/editions/${editionId}`)
    .send({ phases: scheduleWith('vote_verification') })
    .expect(200);
}
