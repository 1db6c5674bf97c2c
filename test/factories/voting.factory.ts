import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@civitas/auth';
import type { Edition } from '@civitas/budget';
import { BallotsService, VotingConfigService } from '@civitas/voting';
import { anEditionInPhase, type HasApp } from './world.factory';

/**
 * Voting fixtures of the service specs: an edition whose ballot is set up through the voting services at the time of
 * the application's clock, and the steps a voter takes that go through a mailbox.
 */

/** One pool of a voting edition and its projects on the ballot, in ballot order. */
export interface BallotPool {
  id: string;
  projects: string[];
}

export interface VotingEdition {
  edition: Edition;
  pools: BallotPool[];
}

/** An approval pool's ballot spec, as the admin's form sends it: 1 to `maxLength` projects. */
export const approvalSpec = (maxLength: number): Parameters<VotingConfigService['setSpec']>[2] => ({
  voteType: 'approval',
  minLength: 1,
  maxLength,
  maxSumCost: null,
  pointsTotal: null,
  maxPointsPerProject: null,
  exactLength: false,
});

const db = (t: HasApp) => t.app.get(DataSource, { strict: false });

/**
 * A published edition in its ballot-list phase (voting opens in `daysLeft` days, then lasts a week, vote verification
 * another week): one approval pool per entry of `pools` (1 to `maxLength` projects per ballot, default 2) with its
 * projects on the ballot (costs in grosze, written straight to the database as the review of projects would leave
 * them), and the voting policy given (default: e-mail codes, first ballot counts), both set by `admin` before voting.
 */
export async function aVotingEdition(
  t: HasApp,
  admin: AuthenticatedUser,
  pools: Array<{ name: string; areaId: string | null; amount?: number; costs: number[]; maxLength?: number }>,
  opts: { daysLeft?: number; name?: string; policy?: Parameters<VotingConfigService['setPolicy']>[2] } = {},
): Promise<VotingEdition> {
  const edition = await anEditionInPhase(
    t,
    'ballot_list',
    pools.map((p) => ({ name: p.name, areaId: p.areaId, amount: p.amount })),
    { daysLeft: opts.daysLeft ?? 1, name: opts.name },
  );
  const voting = t.app.get(VotingConfigService, { strict: false });
  let number = 0;
  const out: BallotPool[] = [];
  for (const [i, p] of pools.entries()) {
    const poolId = edition.pools[i].id;
    const projects: string[] = [];
    for (const [position, cost] of p.costs.entries()) {
      number += 1;
      const [{ id }] = (await db(t).query(
        `INSERT INTO budget_projects (edition_id, pool_id, number, status, title, summary, total_cost, created_by, ballot_position)
         VALUES ($1, $2, $3, 'on_ballot', $4, 'Opis projektu.', $5, $6, $7) RETURNING id`,
        [edition.id, poolId, number, `${p.name}: projekt ${position + 1}`, cost, admin.id, position + 1],
      )) as Array<{ id: string }>;
      projects.push(id);
    }
    out.push({ id: poolId, projects });
  }
  await voting.setPolicy(admin.id, edition.id, opts.policy ?? {});
  for (const [i, p] of pools.entries()) await voting.setSpec(admin.id, out[i].id, approvalSpec(p.maxLength ?? 2));
  return { edition, pools: out };
}

/**
 * Confirms a ballot pending its e-mail code as its voter does: the `send-ballot-code` job draws a code and stores its
 * hash (BallotsService.setCode) before mailing it; here the code is one the test chooses, and the voter types it in.
 */
export async function confirmedWithCode(t: HasApp, reference: string, code = '482915'): Promise<ReturnType<BallotsService['confirm']>> {
  const ballots = t.app.get(BallotsService, { strict: false });
  await mailedCode(t, reference, code);
  return ballots.confirm(reference, code);
}

/** Stores `code` as the one mailed for the ballot `reference` (what the `send-ballot-code` job does with the code it draws). */
export async function mailedCode(t: HasApp, reference: string, code: string): Promise<void> {
  const [ballot] = (await db(t).query(`SELECT id FROM ballots WHERE reference = $1`, [reference])) as Array<{ id: string }>;
  if (!ballot) throw new Error(`no ballot ${reference}`);
  await t.app.get(BallotsService, { strict: false }).setCode(db(t).manager, ballot.id, code);
}
