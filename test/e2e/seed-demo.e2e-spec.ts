import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { UsageError } from '../../apps/cli/src/command';
import { seedDemoCommand } from '../../apps/cli/src/commands/seed-demo.command';
import { createTestApp, TestApp } from '@civitas/test';
import { useCliDatabase } from '../factories/cli.factory';
import { bearer } from '../factories/users.factory';

const TABLES = ['areas', 'users', 'user_roles', 'budget_editions', 'budget_pools', 'budget_projects', 'budget_reviews', 'budget_project_history', 'budget_endorsements', 'outbox'];

/** `npm run cli -- seed-demo`, run in-process against a fresh database, then looked at as a newcomer would. */
describe('seed-demo command (e2e)', () => {
  const cli = useCliDatabase('seed');
  let output: string[];

  beforeEach(() => {
    output = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    });
  });
  afterEach(() => jest.restoreAllMocks());

  const run = (...args: string[]) => seedDemoCommand.run(args);

  /** Opens the seeded database in a test app (the API, without a worker: queued jobs stay where the seed put them). */
  async function withApp<T>(fn: (t: TestApp) => Promise<T>): Promise<T> {
    const t = await createTestApp(cli.appEnv, { worker: false });
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

  it('refuses bad options with a usage error, and production without --force, before touching the database', async () => {
    for (const [args, message] of [
      [['--password', 'krótkie'], /at least 10 characters/],
      [['--pasword', 'długie hasło demo'], /pasword/],
      [['extra'], /positional/i],
    ] as Array<[string[], RegExp]>) {
      const err = await run(...args).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(UsageError);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).not.toContain('krótkie');
    }
    const stderr: string[] = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    process.env.NODE_ENV = 'production';
    try {
      await expect(run()).resolves.toBe(1);
    } finally {
      process.env.NODE_ENV = cli.savedEnv.NODE_ENV;
    }
    expect(stderr.join('')).toContain('demo data is for demonstration only; nothing was created (use --force');
    expect(output.join('')).toBe('');
  });

  it('creates a city, accounts and an edition in the appeals phase with public projects in many states; a second run creates nothing', async () => {
    await expect(run('--password', 'hasło pokazowe 2027')).resolves.toBe(0);
    const printed = output.join('');
    expect(printed).toContain('Demo data created');
    expect(printed).toContain('admin@demo.example.org');
    expect(printed).toContain('Hasło / password: hasło pokazowe 2027');
    expect(printed.match(/hasło pokazowe 2027/g)).toHaveLength(1);

    const before = await withApp(async (t) => {
      const editions = (await t.http().get('/api/v1/editions').expect(200)).body as Array<{ id: string; name: string; currentPhase: string }>;
      expect(editions).toEqual([expect.objectContaining({ name: 'Budżet Obywatelski Miasta Demo 2027', status: 'published', currentPhase: 'appeals' })]);
      const editionId = editions[0].id;

      const areas = (await t.http().get('/api/v1/areas').expect(200)).body.items as Array<{ id: string; name: string; kind: string; parentId: string | null; residentCount: number }>;
      const city = areas.find((a) => a.name === 'Miasto Demo' && a.kind === 'city')!;
      const districts = areas.filter((a) => a.kind === 'district' && a.parentId === city.id);
      expect(districts).toHaveLength(4);
      expect(districts.reduce((sum, d) => sum + d.residentCount, 0)).toBe(city.residentCount);

      const edition = (await t.http().get(`/api/v1/editions/${editionId}`).expect(200)).body as {
        pools: Array<{ areaId: string | null; amount: number; signaturesRequired: number; signatureCap: number }>;
        categories: unknown[];
      };
      expect(edition.pools.filter((p) => p.areaId === null)).toHaveLength(1);
      expect(edition.pools.map((p) => p.areaId).filter(Boolean).sort()).toEqual(districts.map((d) => d.id).sort());
      for (const pool of edition.pools) expect(pool.signaturesRequired).toBeLessThanOrEqual(pool.signatureCap);
      expect(edition.categories.length).toBeGreaterThanOrEqual(4);

      const list = (await t.http().get(`/api/v1/editions/${editionId}/projects?pageSize=100`).expect(200)).body as {
        items: Array<{ id: string; status: string; endorsements: number }>;
        total: number;
      };
      const statuses = new Set(list.items.map((p) => p.status));
      expect(statuses.size).toBeGreaterThanOrEqual(5);
      expect(statuses).not.toContain('draft');
      for (const s of ['submitted', 'correction_requested', 'merit_review', 'admitted', 'rejected', 'appealed', 'appeal_dismissed']) expect(statuses).toContain(s);
      expect(list.items.some((p) => p.endorsements > 0)).toBe(true);

      // A project admitted on appeal shows the whole way in its public history, with the reasons.
      const details = await Promise.all(list.items.map(async (p) => (await t.http().get(`/api/v1/projects/${p.id}`).expect(200)).body));
      const upheld = details.find((d: { history: Array<{ action: string }> }) => d.history.some((h) => h.action === 'appeal_upheld'));
      expect(upheld.status).toBe('admitted');
      expect(upheld.history.map((h: { action: string }) => h.action)).toEqual(['created', 'submitted', 'formal_review', 'merit_review', 'appealed', 'appeal_upheld', 'admitted_on_appeal']);
      expect(upheld.history[3].reason).toBeTruthy();

      // The demo accounts log in with the password given; the district official is limited to one district.
      const login = await t.http().post('/api/v1/auth/login').send({ email: 'urzednik.srodmiescie@demo.example.org', password: 'hasło pokazowe 2027' }).expect(200);
      const me = (await t.http().get('/api/v1/me').set(...bearer(login.body.accessToken)).expect(200)).body;
      expect(me).toMatchObject({ roles: ['resident', 'official'], emailVerified: true });
      await t.http().post('/api/v1/auth/login').send({ email: 'admin@demo.example.org', password: 'hasło pokazowe 2027' }).expect(200);

      // Drafts stay private, and the notifications wait in the outbox for the platform to deliver them.
      const ds = t.app.get(DataSource);
      const [{ drafts }] = (await ds.query(`SELECT count(*)::int AS drafts FROM budget_projects WHERE edition_id = $1 AND status = 'draft'`, [editionId])) as Array<{ drafts: number }>;
      expect(drafts).toBeGreaterThan(0);
      expect(list.total + drafts).toBeGreaterThanOrEqual(14);
      const [{ queued }] = (await ds.query(`SELECT count(*)::int AS queued FROM outbox WHERE job_name = 'fan-out'`)) as Array<{ queued: number }>;
      expect(queued).toBeGreaterThan(0);
      return counts(t);
    });

    output = [];
    await expect(run()).resolves.toBe(0);
    expect(output.join('')).toContain('The demo data is already there');
    expect(output.join('')).not.toMatch(/password/i);
    const after = await withApp(counts);
    // The test app itself may relay or schedule jobs: compare the domain tables, and the outbox for no growth from the seed.
    expect({ ...after, outbox: undefined }).toEqual({ ...before, outbox: undefined });
  });
});
