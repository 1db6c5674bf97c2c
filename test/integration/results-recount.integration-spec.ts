import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AreasModule } from '@civitas/areas';
import type { AuthenticatedUser } from '@civitas/auth';
import { AuthModule } from '@civitas/auth';
import { BudgetModule } from '@civitas/budget';
import { DomainError } from '@civitas/common';
import { ConfigModule } from '@civitas/config';
import { DatabaseModule } from '@civitas/database';
import { MailModule } from '@civitas/mail';
import { NotificationsModule } from '@civitas/notifications';
import { parsePabulib, tally } from '@civitas/tally';
import { createTestConfig, pabulibDir } from '@civitas/test';
import { UsersModule } from '@civitas/users';
import { PabulibImportService, ResultsService, TallyRunner, VotingBallotsModule, VotingResultsModule } from '@civitas/voting';
import { VotingConfigService } from '../../libs/voting/src/ballots/voting-config.service';
import { OutboxOnlyModule } from '../../apps/cli/src/outbox-only.module';
import { tallyCommand } from '../../apps/cli/src/commands/tally.command';
import { setInvocationDir } from '../../apps/cli/src/invocation';

const PIATKOWO = 'Poland_Poznan_2023_3_-_Piatkowo_Polnoc_Piatkowo.pb';

/**
 * X and Y have the same score, cost and voters: only the seeded lot separates them, and the budget takes one. Z and W
 * will be mutually exclusive; without the group W would still fit.
 */
const TIED = `META
key;value
description;Recount test
unit;Testowo
instance;2026
budget;100
vote_type;approval
rule;greedy
PROJECTS
project_id;cost;name
X;60;Park
Y;60;Plac zabaw
Z;10;Ławki
W;10;Kosze
VOTES
voter_id;vote
1;X,Y,Z
2;X,Y,Z
3;Z,W
`;

/** The services of the tally and its results, on a database of their own (no HTTP, jobs stay in the outbox). */
describe('results.pb: a recount reproduces the published result exactly (integration)', () => {
  let app: INestApplicationContext;
  let cleanup: () => Promise<void>;
  let db: DataSource;
  let results: ResultsService;
  let official: AuthenticatedUser;
  const dir = mkdtempSync(join(tmpdir(), 'civitas-recount-'));

  beforeAll(async () => {
    const env = await createTestConfig();
    cleanup = env.cleanup;
    @Module({
      imports: [
        ConfigModule.forRoot(env.config),
        DatabaseModule.forRoot(),
        MailModule,
        OutboxOnlyModule,
        UsersModule,
        AreasModule,
        AuthModule,
        NotificationsModule,
        BudgetModule,
        VotingResultsModule,
        VotingBallotsModule,
      ],
    })
    class RecountModule {}
    app = await NestFactory.createApplicationContext(RecountModule, { logger: false, abortOnError: false });
    db = app.get(DataSource);
    results = app.get(ResultsService);
    const [{ id }] = (await db.query(
      `INSERT INTO users (email, display_name, password_hash, locale, email_verified_at) VALUES ('official@recount.test', 'Urzędniczka', '!', 'pl', now()) RETURNING id`,
    )) as Array<{ id: string }>;
    official = {
      id,
      email: 'official@recount.test',
      displayName: 'Urzędniczka',
      locale: 'pl',
      emailVerifiedAt: new Date(),
      createdAt: new Date(),
      roles: ['resident', 'official'],
      grants: [],
    } as unknown as AuthenticatedUser;
    setInvocationDir(dir);
  }, 120_000);

  afterAll(async () => {
    setInvocationDir(process.cwd());
    await app?.close();
    await cleanup?.();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Tallies the edition (the job's service, called directly) and publishes the result. */
  async function tallyAndPublish(editionId: string) {
    const { tallyRunId } = await results.requestTally(official, editionId);
    await app.get(TallyRunner).run(tallyRunId);
    const admin = await results.adminResults(editionId);
    expect(admin.run).toMatchObject({ status: 'done', error: null });
    await results.publish(official, editionId);
    return admin.pools[0];
  }

  /** `npm run cli -- tally FILE --json`, in-process. */
  async function cliTally(file: string): Promise<{ code: number; json: Record<string, unknown> | null; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const out = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
    const err = jest.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
    try {
      const code = await tallyCommand.run([file, '--json']);
      return { code, json: code === 0 ? (JSON.parse(stdout) as Record<string, unknown>) : null, stderr };
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  }

  it('a tie decided by the seed and an exclusion group: the engine and the CLI recount results.pb to the same result and input hash', async () => {
    const { editionId, poolId } = await app.get(PabulibImportService).importText(TIED);
    // The seed the city published before voting; with it the lot gives X, with the empty seed Y.
    await db.query(`UPDATE voting_policies SET tie_seed = '2025-05-01' WHERE edition_id = $1`, [editionId]);
    const [{ id: group }] = (await db.query(
      `INSERT INTO budget_exclusion_groups (edition_id, pool_id, reason, created_by) VALUES ($1, $2, 'Ta sama działka', $3) RETURNING id`,
      [editionId, poolId, official.id],
    )) as Array<{ id: string }>;
    await db.query(
      `INSERT INTO budget_exclusion_members (group_id, project_id) SELECT $1, id FROM budget_projects WHERE edition_id = $2 AND code IN ('Z', 'W')`,
      [group, editionId],
    );

    const pool = await tallyAndPublish(editionId);
    expect(pool.projects.filter((p) => p.selected).map((p) => p.code)).toEqual(['Z', 'X']);
    expect(pool.tieBreaks).toMatchObject([{ winner: 'X', loser: 'Y', criterion: 'lot' }]);
    expect(pool.projects.find((p) => p.code === 'W')!.reason).toMatchObject({ code: 'excluded-by' });

    const file = await results.exportPabulib(editionId, poolId);
    for (const line of ['civitas_tie_seed;2025-05-01', 'civitas_greedy_tie_break;score,cost,votes,lot', 'civitas_exclusion_group_1;W,Z']) {
      expect(file.text.split('\n')).toContain(line);
    }
    const [stored] = (await db.query(
      `SELECT inputs_sha256, result FROM pool_results r JOIN edition_results e ON e.tally_run_id = r.tally_run_id WHERE e.edition_id = $1`,
      [editionId],
    )) as Array<{ inputs_sha256: string; result: { selected: string[]; tieBreaks: unknown[]; projects: Array<{ reason: unknown }> } }>;

    const recount = tally(parsePabulib(file.text));
    expect(recount.selected).toEqual(stored.result.selected);
    expect(recount.inputSha256).toBe(stored.inputs_sha256);
    expect(recount.tieBreaks.map((t) => ({ stage: t.stage, winner: t.winner, loser: t.loser, criterion: t.criterion }))).toEqual(
      stored.result.tieBreaks.map((t) => {
        const { stage, winner, loser, criterion } = t as Record<string, unknown>;
        return { stage, winner, loser, criterion };
      }),
    );

    writeFileSync(join(dir, 'tied.pb'), file.text);
    const cli = await cliTally('tied.pb');
    expect(cli.code).toBe(0);
    expect(cli.json).toMatchObject({ selected: ['Z', 'X'], seed: '2025-05-01', exclusions: [['W', 'Z']], inputSha256: stored.inputs_sha256 });

    // Without the civitas_* keys the same ballots give another result: the keys are what makes the recount exact.
    const bare = file.text
      .split('\n')
      .filter((l) => !l.startsWith('civitas_'))
      .join('\n');
    expect(tally(parsePabulib(bare)).selected).toEqual(['Z', 'Y', 'W']);
  }, 60_000);

  describe("Poznań's rule (Pabulib greedy-custom)", () => {
    const text = readFileSync(join(pabulibDir, PIATKOWO), 'utf8');
    const source = parsePabulib(text);

    it('a greedy-custom file is refused with the rules and options that count it, in Polish and English', async () => {
      let error: unknown;
      try {
        await app.get(PabulibImportService).importText(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).text.en).toContain('greedy-no-skip with a top-up from a reserve (Poznań: --rule greedy-no-skip --top-up 80)');
      expect((error as DomainError).text.pl).toContain('greedy-no-skip z dopłatą z rezerwy (Poznań: --rule greedy-no-skip --top-up 80)');
    });

    it('imported with greedy-no-skip and a top-up of 80 %: results name the topped-up project and the reserve; results.pb marks it selected = 2 as the city did', async () => {
      const { editionId, poolId } = await app.get(PabulibImportService).importText(text, new Date(), { rule: 'greedy-no-skip', topUpPercent: 80 });
      const [policy] = (await db.query(`SELECT rule, rule_options FROM voting_policies WHERE edition_id = $1`, [editionId])) as Array<{
        rule: string;
        rule_options: unknown;
      }>;
      expect(policy).toEqual({ rule: 'greedy-no-skip', rule_options: { topUpPercent: 80 } });

      const admin = await tallyAndPublish(editionId);
      expect(admin.topUpPercent).toBe(80);
      const pub = (await results.publicResults(editionId)).pools[0];
      expect(pub.budget).toBe(114000000);
      expect(pub.spent).toBe(114000000);
      expect(pub.topUp).toEqual({ code: 'III.1', fromBudget: 65685000, reserve: 14315000 });
      const row = pub.projects.find((p) => p.code === 'III.1')!;
      expect(row).toMatchObject({ rank: 2, selected: true, reason: null, topUp: { fromBudget: 65685000, reserve: 14315000 } });
      expect(row.topUp!.reason.pl).toContain('143150.00 zł pochodzi z rezerwy');
      expect(row.topUp!.reason.en).toContain('143150.00 PLN comes from the reserve');
      expect(pub.projects.filter((p) => p.topUp !== null)).toHaveLength(1);
      expect(pub.projects.find((p) => p.code === 'III.6')!.reason).toMatchObject({ code: 'stopped-after-top-up' });

      const file = parsePabulib((await results.exportPabulib(editionId, poolId)).text);
      const selectedColumn = (e: typeof file) => Object.fromEntries(e.projects.map((p) => [p.id, p.fields.selected]));
      expect(selectedColumn(file)).toEqual(selectedColumn(source));
      expect(file.meta).toContainEqual(['civitas_top_up_percent', '80']);
      const recount = tally(file);
      expect(recount.topUp).toEqual({ project: 'III.1', fromBudget: 65685000n, reserve: 14315000n });
      expect(recount.inputSha256).toBe(admin.inputsSha256);
    }, 120_000);
  });

  describe('the rule options of a voting policy', () => {
    let editionId: string;
    beforeAll(async () => {
      ({ editionId } = await app.get(PabulibImportService).importText(TIED.replace('Recount test', 'Policy test')));
    });

    const refusal = async (input: Parameters<VotingConfigService['setPolicy']>[2]) => {
      try {
        await app.get(VotingConfigService).setPolicy(official.id, editionId, input);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return e;
      }
      throw new Error('the policy was accepted');
    };

    it('refuses a top-up with another rule, out of range, and an unknown option, field by field in Polish and English', async () => {
      const e = await refusal({ rule: 'greedy', ruleOptions: { topUpPercent: 80, quota: 3 } });
      expect(e.code).toBe('invalid_policy');
      expect(e.fields).toEqual([
        expect.objectContaining({
          field: 'ruleOptions.topUpPercent',
          text: {
            pl: 'Dopłata z rezerwy dotyczy tylko reguły greedy-no-skip, nie reguły greedy.',
            en: 'The top-up from a reserve applies only to greedy-no-skip, not to greedy.',
          },
        }),
        expect.objectContaining({ field: 'ruleOptions.quota', text: expect.objectContaining({ en: expect.stringMatching(/^Unknown rule option "quota"/) }) }),
      ]);
      const range = await refusal({ rule: 'greedy-no-skip', ruleOptions: { topUpPercent: 120 } });
      expect(range.fields).toEqual([
        expect.objectContaining({
          field: 'ruleOptions.topUpPercent',
          text: expect.objectContaining({ en: expect.stringMatching(/^Top-up must be a percentage above 0 and at most 100/) }),
        }),
      ]);
    });

    it('answers greedy-custom with the rules and options that count it', async () => {
      const e = await refusal({ rule: 'greedy-custom' });
      expect(e.fields).toEqual([
        expect.objectContaining({ field: 'rule', text: expect.objectContaining({ en: expect.stringContaining('--rule greedy-no-skip --top-up 80') }) }),
      ]);
    });

    it('takes valid options as far as the voting phase allows (this edition has voted already)', async () => {
      const e = await refusal({ rule: 'greedy-no-skip', ruleOptions: { topUpPercent: 80 } });
      expect(e.code).toBe('voting_started');
    });
  });
});
