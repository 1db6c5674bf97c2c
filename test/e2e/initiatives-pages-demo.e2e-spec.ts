import { DataSource } from 'typeorm';
import { zonedDate } from '@civitas/common';
import { createTestApp, TestApp } from '@civitas/test';
import { PageClient } from '@civitas/web/testing';
import { seedDemoCommand } from '../../apps/cli/src/commands/seed-demo.command';
import { useCliDatabase } from '../factories/cli.factory';
import { sessionToken } from '../factories/users.factory';

/** The local initiatives' pages on the demo data (`npm run cli -- seed-demo`): every page answers and says what it should. */
describe('local initiatives: the pages on the demo data (e2e)', () => {
  const cli = useCliDatabase('initiatives-demo');
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await seedDemoCommand.run(['--password', 'hasło pokazowe 2027'])).toBe(0);
    jest.restoreAllMocks();
    t = await createTestApp(cli.appEnv, { worker: false });
    db = t.app.get(DataSource);
  }, 300_000);
  afterAll(() => t?.close());

  it('the programme, the register and every application’s public page; each author’s own pages', async () => {
    const year = Number(zonedDate(new Date()).slice(0, 4));
    const anon = new PageClient(t.app);
    const programme = await anon.get('/initiatives');
    expect([programme.status, programme.h1]).toEqual([200, `Inicjatywa lokalna w roku ${year}`]);
    expect(programme.text()).toContain('Wkład pracy społecznej mieszkańców');
    const register = await anon.get(`/initiatives/register?year=${year}`);
    expect(register.status).toBe(200);
    const rows = (await db.query(
      `SELECT i.id, i.status, i.title, i.created_by FROM initiatives i JOIN initiative_programmes p ON p.id = i.programme_id WHERE p.year = $1`,
      [year],
    )) as Array<{ id: string; status: string; title: string; created_by: string }>;
    expect(rows.length).toBeGreaterThan(0);
    const listed = register.all('.civitas-register h2');
    for (const r of rows) {
      if (r.status === 'draft') expect(listed).not.toContain(r.title);
      else expect(listed).toContain(r.title);
      const pub = await anon.get(`/initiatives/${r.id}`);
      expect([r.title, pub.status]).toEqual([r.title, r.status === 'draft' ? 404 : 200]);
      // The author's pages.
      const author = new PageClient(t.app);
      author.setCookie('civitas_session', await sessionToken(t, r.created_by));
      const own = await author.get(`/initiatives/${r.id}`);
      expect([r.title, own.status, own.h1]).toEqual([r.title, 200, r.title]);
      expect((await author.get('/initiatives/mine')).text()).toContain(r.title);
      const paths =
        r.status === 'draft' || r.status === 'correction_requested'
          ? ['edit', 'edit/applicants', 'edit/contact', 'edit/task', 'edit/location', 'edit/schedule', 'edit/costs', 'edit/attachments', 'edit/check']
          : ['agreement', 'final-report', 'correction'];
      for (const p of paths) expect([r.title, p, (await author.get(`/initiatives/${r.id}/${p}`)).status]).toEqual([r.title, p, 200]);
    }
  });
});
