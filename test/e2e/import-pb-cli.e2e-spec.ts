import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { UsageError } from '../../apps/cli/src/command';
import { importPbCommand } from '../../apps/cli/src/commands/import-pb.command';
import { createTestApp, eventually, TestApp } from '@civitas/test';
import { metaNumber, parsePabulib } from '@civitas/tally';
import { actingAs, createUser } from '../factories/users.factory';
import { useCliDatabase } from '../factories/cli.factory';

const PABULIB = process.env.PABULIB_DIR ?? join(__dirname, '../../../shared/pabulib');
const FILE = join(PABULIB, 'Poland_Gdynia_2023_Chwarzno-Wiczlino__small.pb');
/** A second file, for the human-readable report (a different file, so the run does not depend on re-importing one). */
const OTHER = join(PABULIB, 'Poland_Warszawa_2018_Aleksandrow.pb');
const TABLES = ['budget_editions', 'budget_projects', 'ballots'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What the file says: the counts its META announces, its project ids, its ballots naming at least one project (empty
 * ballots support nothing and are not stored), and the projects it marks as selected.
 */
function expectedFromFile(file: string) {
  const e = parsePabulib(readFileSync(file, 'utf8'));
  return {
    meta: { projects: metaNumber(e, 'num_projects'), votes: metaNumber(e, 'num_votes') },
    votes: e.ballots.length,
    projectIds: e.projects.map((p) => p.id).sort(),
    ballots: e.ballots.filter((b) => b.projects.length > 0).length,
    winners: e.projects
      .filter((p) => p.fields.selected?.trim() === '1')
      .map((p) => p.id)
      .sort(),
  };
}

/** `npm run cli -- import-pb FILE.pb [--json]`, run in-process against a fresh database, then looked at through the API. */
describe('import-pb command (e2e)', () => {
  const cli = useCliDatabase('import-pb', { fromTemplate: true });
  const expected = expectedFromFile(FILE);
  let stdout: string[];
  let stderr: string[];
  let imported: { editionId: string; poolId: string } | undefined;

  beforeEach(() => {
    stdout = [];
    stderr = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    });
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
  });
  afterEach(() => jest.restoreAllMocks());

  const run = (...args: string[]) => importPbCommand.run(args);

  /**
   * Opens the imported database in a test app. The command and the app never hold the database at the same time
   * (the embedded database allows one process per data directory).
   */
  async function withApp<T>(fn: (t: TestApp) => Promise<T>, opts: { worker?: boolean } = {}): Promise<T> {
    const t = await createTestApp(cli.appEnv, opts);
    try {
      return await fn(t);
    } finally {
      await t.close();
    }
  }

  async function counts(t: TestApp): Promise<Record<string, number>> {
    const ds = t.app.get(DataSource);
    const out: Record<string, number> = {};
    for (const table of TABLES) out[table] = ((await ds.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>)[0].n;
    return out;
  }

  it("--json prints one JSON object naming an edition in vote verification with the file's projects (by code) and its ballots", async () => {
    // The file is consistent: its META counts are those of its PROJECTS and VOTES sections.
    expect(expected.meta).toEqual({ projects: expected.projectIds.length, votes: expected.votes });
    await expect(run(FILE, '--json')).resolves.toBe(0);
    expect(stderr.join('')).not.toContain('import-pb:');
    const printed = stdout.join('');
    expect(printed.endsWith('\n')).toBe(true);
    expect(printed.trim().split('\n')).toHaveLength(1);
    const summary = JSON.parse(printed) as { editionId: string; poolId: string; projects: number; ballots: number };
    expect(summary).toEqual(expect.objectContaining({ editionId: expect.stringMatching(UUID), poolId: expect.stringMatching(UUID) }));
    expect(summary.projects).toBe(expected.projectIds.length);
    expect(summary.ballots).toBe(expected.ballots);
    imported = summary;

    await withApp(async (t) => {
      const edition = (await t.http().get(`/api/v1/editions/${summary.editionId}`).expect(200)).body as {
        status: string;
        currentPhase: string;
        pools: Array<{ id: string }>;
      };
      expect(edition).toMatchObject({ status: 'published', currentPhase: 'vote_verification' });
      expect(edition.pools.map((p) => p.id)).toEqual([summary.poolId]);

      const ds = t.app.get(DataSource);
      const projects = (await ds.query(`SELECT code, pool_id, status FROM budget_projects WHERE edition_id = $1`, [summary.editionId])) as Array<{
        code: string;
        pool_id: string;
        status: string;
      }>;
      expect(projects.map((p) => p.code).sort()).toEqual(expected.projectIds);
      expect(projects.every((p) => p.pool_id === summary.poolId && p.status === 'on_ballot')).toBe(true);
      const ballots = (await ds.query(`SELECT channel, status, count(*)::int AS n FROM ballots WHERE edition_id = $1 GROUP BY channel, status`, [
        summary.editionId,
      ])) as Array<{ channel: string; status: string; n: number }>;
      expect(ballots).toEqual([{ channel: 'paper', status: 'valid', n: expected.ballots }]);
    });
    // A whole election imported; alone it takes seconds, on a loaded machine (the CI's two cores) well over a minute.
  }, 180_000);

  it('without --json prints the report in Polish and English, for a new edition', async () => {
    const other = expectedFromFile(OTHER);
    await expect(run(OTHER)).resolves.toBe(0);
    expect(stderr.join('')).not.toContain('import-pb:');
    const printed = stdout.join('');
    expect(() => JSON.parse(printed)).toThrow();
    expect(printed).toContain('Zaimportowano / Imported:');
    expect(printed).toContain(`projects ${other.projectIds.length}, ballots ${other.ballots}`);
    expect(printed).toContain('Faza: weryfikacja głosów');
    expect(printed).toContain('Phase: vote verification');
    expect(printed).toContain('POST /api/v1/admin/editions/:id/tally');
    const [, editionId, poolId] = /edition ([0-9a-f-]{36}), pool ([0-9a-f-]{36})/.exec(printed) ?? [];
    expect(editionId).toMatch(UUID);
    expect(editionId).not.toBe(imported?.editionId);

    await withApp(async (t) => {
      const edition = (await t.http().get(`/api/v1/editions/${editionId}`).expect(200)).body as { currentPhase: string; pools: Array<{ id: string }> };
      expect(edition.currentPhase).toBe('vote_verification');
      expect(edition.pools.map((p) => p.id)).toEqual([poolId]);
      const codes = (await t.app.get(DataSource).query(`SELECT code FROM budget_projects WHERE edition_id = $1`, [editionId])) as Array<{ code: string }>;
      expect(codes.map((c) => c.code).sort()).toEqual(other.projectIds);
    });
  }, 180_000);

  it('refuses bad input with a clear message and changes nothing in the database', async () => {
    const junk = join(cli.varDir, 'not-pabulib.pb');
    writeFileSync(junk, 'this is not a Pabulib file\njust some junk;with;semicolons\n');
    const missing = join(cli.varDir, 'no-such-file.pb');
    const before = await withApp(counts);

    for (const [args, message] of [
      [[], /missing FILE\.pb/],
      [[FILE, junk], /expected one file/],
      [[FILE, '--jsn'], /--jsn/],
    ] as Array<[string[], RegExp]>) {
      const err = await run(...args).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(UsageError);
      expect((err as Error).message).toMatch(message);
    }

    stderr = [];
    await expect(run(missing)).resolves.toBe(1);
    expect(stderr.join('')).toContain(`import-pb: cannot read ${missing}: ENOENT`);

    stderr = [];
    await expect(run(junk, '--json')).resolves.toBe(1);
    expect(stderr.join('')).toContain(`import-pb: ${junk}: Plik nie jest poprawnym plikiem Pabulib`);
    expect(stderr.join('')).toContain(`import-pb: ${junk}: The file is not a valid Pabulib file`);

    // The file imported by the first test, once more: refused, not a second copy of the edition.
    stderr = [];
    await expect(run(FILE, '--json')).resolves.toBe(1);
    expect(stderr.join('')).toContain('This file has already been imported.');

    expect(stdout.join('')).toBe('');
    expect(await withApp(counts)).toEqual(before);
  });

  it('the imported edition is tallied through the API: the selected projects are the winners the file names', async () => {
    expect(imported).toBeDefined();
    const { editionId, poolId } = imported!;
    await withApp(async (t) => {
      const admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
      const started = await actingAs(t, admin).post(`/api/v1/admin/editions/${editionId}/tally`).expect(202);
      expect(started.body).toEqual({ tallyRunId: expect.any(String), status: 'queued' });
      const results = await eventually(
        async () => {
          const res = await actingAs(t, admin).get(`/api/v1/admin/editions/${editionId}/results`).expect(200);
          return res.body.run?.status === 'done' || res.body.run?.status === 'failed' ? res.body : undefined;
        },
        60_000,
        'the tally run to finish',
      );
      expect(results.run).toMatchObject({ id: started.body.tallyRunId, status: 'done', error: null });
      expect(results.pools).toHaveLength(1);
      const pool = results.pools[0] as { poolId: string; projects: Array<{ code: string; selected: boolean }> };
      expect(pool.poolId).toBe(poolId);
      expect(pool.projects.map((p) => p.code).sort()).toEqual(expected.projectIds);
      expect(
        pool.projects
          .filter((p) => p.selected)
          .map((p) => p.code)
          .sort(),
      ).toEqual(expected.winners);
    });
  }, 120_000);
});
