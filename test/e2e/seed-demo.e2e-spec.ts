import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { zonedDate } from '@civitas/common';
import { PageClient } from '@civitas/web/testing';
import { UsageError } from '../../apps/cli/src/command';
import { seedDemoCommand } from '../../apps/cli/src/commands/seed-demo.command';
import { createTestApp, TestApp } from '@civitas/test';
import { useCliDatabase } from '../factories/cli.factory';
import { bearer, sessionToken } from '../factories/users.factory';

const TABLES = [
  'areas',
  'users',
  'user_roles',
  'budget_editions',
  'budget_pools',
  'budget_projects',
  'budget_reviews',
  'budget_project_history',
  'budget_endorsements',
  'budget_ballot_lists',
  'voting_policies',
  'voting_pool_specs',
  'ballots',
  'voter_identities',
  'ballot_choices',
  'paper_sheets',
  'paper_entries',
  'tally_runs',
  'pool_results',
  'edition_results',
  'budget_implementation_updates',
  'organisations',
  'consultations',
  'consultation_document_versions',
  'consultation_comments',
  'consultation_comment_responses',
  'consultation_meetings',
  'meeting_registrations',
  'survey_questions',
  'survey_responses',
  'initiative_programmes',
  'initiatives',
  'initiative_applicants',
  'initiative_attachments',
  'initiative_evaluations',
  'outbox',
];

/** `npm run cli -- seed-demo`, run in-process against a fresh database, then looked at as a newcomer would. */
describe('seed-demo command (e2e)', () => {
  const cli = useCliDatabase('seed', { fromTemplate: true });
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

  /** The local initiatives' pages on the demo data: the programme, the register, every application's public page and each author's own pages. */
  async function initiativePages(t: TestApp): Promise<void> {
    const db = t.app.get(DataSource);
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
  }

  /**
   * The previous year's edition, as a resident sees it: over, its ballot lists drawn by lot (recomputable from the
   * published seeds), the turnout and the published results, the implementation list and a project's timeline.
   */
  async function pastEdition(t: TestApp, id: string): Promise<void> {
    const pages = new PageClient(t.app);
    const edition = await pages.get(`/budget/${id}`);
    expect(edition.status).toBe(200);
    expect(edition.h1).toBe('Budżet Obywatelski Miasta Demo 2026');
    expect(edition.text()).toContain('Ta edycja się zakończyła. Wyniki głosowania zostały ogłoszone.');
    expect(edition.doc.querySelector(`main a[href="/budget/${id}/implementation"]`)).not.toBeNull();
    const { phases } = (await t.http().get(`/api/v1/editions/${id}`).expect(200)).body as {
      phases: Array<{ phase: string; startsAt: string; endsAt: string }>;
    };
    expect(phases.map((p) => p.phase)).toEqual([
      'submission',
      'formal_review',
      'merit_review',
      'appeals',
      'ballot_list',
      'voting',
      'vote_verification',
      'results',
      'implementation',
    ]);
    for (const p of phases) expect(new Date(p.endsAt).getTime()).toBeLessThan(Date.now());

    // The ballot lists: per pool, in the order drawn by lot — SHA-256 of "<seed>:<number>", which anyone can recompute.
    const ballot = await pages.get(`/budget/${id}/ballot`);
    expect(ballot.status).toBe(200);
    expect(ballot.h1).toBe('Lista projektów do głosowania');
    const sections = ballot.doc.querySelectorAll('main section');
    expect(sections.map((s) => s.querySelector('h2')!.textContent.trim())).toEqual(['Pula: Pula ogólnomiejska', 'Pula: Pula dzielnicy Śródmieście']);
    const href = new Map<string, string>();
    const onBallot: string[][] = [];
    for (const section of sections) {
      const seed = section.querySelector('code.civitas-seed')!.textContent.trim();
      expect(seed).toMatch(/^[0-9a-f]{32}$/);
      const rows = section.querySelectorAll('tbody tr');
      expect(rows.map((r) => r.querySelector('td')!.textContent.trim())).toEqual(rows.map((_, i) => String(i + 1)));
      const numbers = rows.map((r) => Number(/Nr (\d+)/.exec(r.querySelector('td span')!.textContent)![1]));
      const key = (n: number) => createHash('sha256').update(`${seed}:${n}`).digest('hex');
      expect(numbers).toEqual([...numbers].sort((a, b) => (key(a) < key(b) ? -1 : 1)));
      const titles = rows.map((r) => r.querySelector('a')!.textContent.trim());
      for (const r of rows) href.set(r.querySelector('a')!.textContent.trim(), r.querySelector('a')!.getAttribute('href')!);
      onBallot.push([...titles].sort());
    }
    expect(onBallot).toEqual([
      [
        'Pierwsza pomoc w każdej szkole',
        'Poidełka z wodą pitną w parkach i na placach',
        'Sezonowe lodowisko przy hali sportowej',
        'Sto pięćdziesiąt drzew na ulicach bez cienia',
      ],
      ['Kino letnie na placu Wolności', 'Nowe schody i pochylnia przy ul. Stromej', 'Zielone podwórko przy ul. Kamiennej'],
    ]);

    // The vote: online ballots confirmed by their codes, paper sheets keyed twice, one of them an invalid vote.
    const turnout = await t.http().get(`/api/v1/editions/${id}/turnout`).expect(200);
    expect(turnout.body).toMatchObject({ total: 33, pending: 0, invalid: 1, byChannel: { online: 24, paper: 9 } });

    // The published results: the greedy rule funds the most voted projects that still fit in each pool.
    const results = await t.http().get(`/api/v1/editions/${id}/results`).expect(200);
    const pools = results.body.pools as Array<{
      name: string;
      budget: number;
      spent: number;
      projects: Array<{ rank: number; title: string; votes: number; cost: number; selected: boolean }>;
    }>;
    expect(pools.map((p) => p.name)).toEqual(['Pula ogólnomiejska', 'Pula dzielnicy Śródmieście']);
    expect(pools.map((p) => p.projects.map((r) => [r.rank, r.title, r.votes, r.selected]))).toEqual([
      [
        [1, 'Sto pięćdziesiąt drzew na ulicach bez cienia', 18, true],
        [2, 'Sezonowe lodowisko przy hali sportowej', 17, true],
        [3, 'Poidełka z wodą pitną w parkach i na placach', 16, true],
        [4, 'Pierwsza pomoc w każdej szkole', 9, false],
      ],
      [
        [1, 'Zielone podwórko przy ul. Kamiennej', 10, true],
        [2, 'Nowe schody i pochylnia przy ul. Stromej', 7, true],
        [3, 'Kino letnie na placu Wolności', 4, false],
      ],
    ]);
    expect(pools.map((p) => [p.budget, p.spent])).toEqual([
      [150_000_000, 140_000_000],
      [70_000_000, 55_000_000],
    ]);
    // No voter's data in what is public.
    for (const text of [results.text, turnout.text]) {
      expect(text).not.toContain('@');
      expect(text).not.toContain('Nowakowski');
    }
    const notSelected = await pages.get(href.get('Pierwsza pomoc w każdej szkole')!);
    expect(notSelected.text('main .govuk-tag')).toBe('Niewybrany');
    expect(notSelected.doc.querySelector('#implementation-heading')).toBeNull();

    // The implementation: every selected project with its state, by number.
    const list = await pages.get(`/budget/${id}/implementation`);
    expect(list.status).toBe(200);
    expect(list.text('#implementation-counts')).toBe('2 planowane, 1 w realizacji, 1 zrealizowany, 1 zaniechany');
    expect(list.all('.civitas-card h3 a')).toEqual([
      'Sto pięćdziesiąt drzew na ulicach bez cienia',
      'Sezonowe lodowisko przy hali sportowej',
      'Poidełka z wodą pitną w parkach i na placach',
      'Zielone podwórko przy ul. Kamiennej',
      'Nowe schody i pochylnia przy ul. Stromej',
    ]);
    expect(list.all('.civitas-card .govuk-tag')).toEqual(['W realizacji', 'Zaniechany', 'Planowany', 'Zrealizowany', 'Planowany']);

    // A project under way: its timeline, newest first, two dated reports inside the implementation phase.
    const implementation = phases.find((p) => p.phase === 'implementation')!;
    const trees = await pages.get(href.get('Sto pięćdziesiąt drzew na ulicach bez cienia')!);
    expect(trees.text('main .govuk-tag')).toBe('Wybrany do realizacji');
    expect(trees.text('#implementation-heading')).toBe('Realizacja projektu');
    expect(trees.text('.civitas-implementation .govuk-summary-list .govuk-tag')).toBe('W realizacji');
    expect(trees.text('#implementation-progress-label')).toBe('Wykonano 75%');
    const updates = trees.doc.querySelectorAll('.civitas-implementation__update');
    expect(updates.map((u) => u.querySelector('.govuk-tag')!.textContent.trim())).toEqual(['W realizacji', 'W realizacji']);
    expect(updates[0].textContent).toContain('Wykonano 75%');
    expect(updates[0].textContent).toContain('Nasadzenia przy ul. Młyńskiej przesunięto na jesień');
    expect(updates[1].textContent).toContain('Wykonano 40%');
    const days = updates.map((u) => u.querySelector('time')!.getAttribute('datetime')!);
    expect(days[0] > days[1]).toBe(true);
    for (const d of days) {
      expect(d >= zonedDate(new Date(implementation.startsAt))).toBe(true);
      expect(d <= zonedDate(new Date(implementation.endsAt))).toBe(true);
    }
    const courtyard = await pages.get(href.get('Zielone podwórko przy ul. Kamiennej')!);
    expect(courtyard.text('.civitas-implementation .govuk-summary-list .govuk-tag')).toBe('Zrealizowany');
    expect(courtyard.text('#implementation-progress-label')).toBe('Wykonano 100%');
    const rink = await pages.get(href.get('Sezonowe lodowisko przy hali sportowej')!);
    expect(rink.text('.civitas-implementation .govuk-summary-list .govuk-tag')).toBe('Zaniechany');
    expect(rink.text('.civitas-implementation__reason h4')).toBe('Powód zaniechania');
    expect(rink.text('.civitas-implementation__reason p')).toContain('Operator sieci odmówił zwiększenia mocy przyłączeniowej hali');
  }

  /** The two demo consultations, as the public sees them. */
  async function consultations(t: TestApp, districts: Array<{ id: string; name: string }>): Promise<void> {
    // The open one: a district's, with a corrected document, meetings, comments (the hidden one left out) and a survey.
    const open = (await t.http().get('/api/v1/consultations?status=open').expect(200)).body as Array<{ id: string; title: string; areaIds: string[] }>;
    expect(open).toEqual([
      expect.objectContaining({ title: 'Plan zagospodarowania Parku nad Demówką', areaIds: [districts.find((d) => d.name === 'Nadrzecze')!.id] }),
    ]);
    const park = (await t.http().get(`/api/v1/consultations/${open[0].id}`).expect(200)).body as {
      status: string;
      opensAt: string;
      closesAt: string;
      announcedAt: string;
      documentVersion: number;
      sections: Array<{ id: string; key: string; body: string }>;
      meetings: Array<{ kind: string; capacity: number | null; registered: number; startsAt: string }>;
    };
    expect(park.status).toBe('open');
    expect(new Date(park.opensAt).getTime()).toBeLessThan(Date.now());
    expect(new Date(park.closesAt).getTime()).toBeGreaterThan(Date.now());
    expect(new Date(park.opensAt).getTime() - new Date(park.announcedAt).getTime()).toBeGreaterThanOrEqual(7 * 86_400_000);
    expect(park.documentVersion).toBe(2);
    expect(park.sections.map((s) => s.key)).toEqual(['§ 1', '§ 2', '§ 3', '§ 4']);
    expect(park.sections[1].body).toContain('600 m²');
    const meeting = park.meetings.find((m) => m.kind === 'meeting')!;
    expect(meeting).toMatchObject({ capacity: 60, registered: 2 });
    expect(new Date(meeting.startsAt).getTime()).toBeGreaterThan(Date.now());
    expect(park.meetings.filter((m) => m.kind === 'point')).toHaveLength(1);

    const comments = (await t.http().get(`/api/v1/consultations/${open[0].id}/comments`).expect(200)).body as Array<{
      authorName: string;
      channel: string;
      version: number;
      sectionKey: string | null;
      body: string;
    }>;
    expect(comments.length).toBeGreaterThanOrEqual(5);
    expect(comments.filter((c) => c.version === 1)).toEqual([expect.objectContaining({ authorName: 'Anna Kowalska', sectionKey: '§ 2' })]);
    expect(comments.filter((c) => c.channel === 'paper')).toHaveLength(1);
    expect(comments.map((c) => c.body).join('\n')).not.toContain('parkowanie');
    expect(comments.map((c) => c.authorName)).not.toContain('Tomasz Wójcik');
    const ds = t.app.get(DataSource);
    const hidden = (await ds.query(
      `SELECT author_name AS "authorName", hidden_reason AS reason FROM consultation_comments WHERE consultation_id = $1 AND status = 'hidden'`,
      [open[0].id],
    )) as unknown[];
    expect(hidden).toEqual([{ authorName: 'Tomasz Wójcik', reason: 'off_topic' }]);
    const survey = (await t.http().get(`/api/v1/consultations/${open[0].id}/survey`).expect(200)).body as {
      questions: Array<{ kind: string }>;
      results: unknown;
    };
    expect(survey.questions.map((q) => q.kind)).toEqual(['single', 'scale', 'text']);
    expect(survey.results).toBeNull();
    const [{ responses }] = (await ds.query(`SELECT count(*)::int AS responses FROM survey_responses WHERE consultation_id = $1 AND status = 'confirmed'`, [
      open[0].id,
    ])) as Array<{
      responses: number;
    }>;
    expect(responses).toBeGreaterThanOrEqual(3);

    // The NGO-only one: closed, every comment answered (one of each verdict), conclusions, the report public in JSON and CSV.
    const done = (await t.http().get('/api/v1/consultations?status=report_published').expect(200)).body as Array<{
      id: string;
      title: string;
      audience: string;
    }>;
    expect(done).toEqual([
      expect.objectContaining({ title: 'Roczny program współpracy Miasta Demo z organizacjami pozarządowymi na 2027 r.', audience: 'ngo' }),
    ]);
    const report = (await t.http().get(`/api/v1/consultations/${done[0].id}/report`).expect(200)).body as {
      status: string;
      unanswered: number;
      conclusions: string;
      participation: { byChannel: Record<string, number> };
      comments: Array<{ authorName: string; response: { verdict: string; justification: string } | null }>;
    };
    expect(report.status).toBe('report_published');
    expect(report.unanswered).toBe(0);
    expect(report.comments.length).toBeGreaterThanOrEqual(4);
    for (const c of report.comments) expect(c.response?.justification).toBeTruthy();
    expect(new Set(report.comments.map((c) => c.response!.verdict))).toEqual(new Set(['accepted', 'partially_accepted', 'rejected', 'not_applicable']));
    expect(report.comments.map((c) => c.authorName)).toContain('Fundacja Aktywne Miasto Demo');
    expect(report.participation.byChannel.online).toBeGreaterThan(0);
    expect(report.conclusions).toContain('Wnioski');
    const csv = await t.http().get(`/api/v1/consultations/${done[0].id}/report.csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('uzasadnienie');
    expect(lines).toHaveLength(report.comments.length + 1);
    expect(csv.text).toContain('uwzględniona częściowo');
  }

  /** The local initiatives of this year, as the public register shows them. */
  /**
   * The consultation pages on the demo data: the list shows both demo consultations; every part of each (the links of
   * its sub-navigation: overview, document, survey, meetings, report) opens as a valid page.
   */
  async function consultationPages(t: TestApp): Promise<void> {
    const pages = new PageClient(t.app);
    const list = await pages.get('/consultations');
    expect(list.status).toBe(200);
    expect(list.all('.civitas-card h3 a').sort()).toEqual([
      'Plan zagospodarowania Parku nad Demówką',
      'Roczny program współpracy Miasta Demo z organizacjami pozarządowymi na 2027 r.',
    ]);
    const seen: string[] = [];
    for (const href of list.doc.querySelectorAll('.civitas-card h3 a').map((a) => a.getAttribute('href')!)) {
      const overview = await pages.get(href);
      expect(overview.status).toBe(200);
      for (const part of overview.doc.querySelectorAll('.civitas-subnav a').map((a) => a.getAttribute('href')!)) {
        const page = await pages.get(part);
        expect(`${part} ${page.status}`).toBe(`${part} 200`);
        seen.push(page.doc.querySelector('.civitas-subnav a[aria-current="page"]')!.textContent.trim());
      }
    }
    // The open one has a survey and meetings; the NGO-only one's report is published.
    expect(new Set(seen)).toEqual(new Set(['Informacje', 'Dokument i uwagi', 'Ankieta', 'Spotkania i punkty', 'Raport']));
  }

  async function initiatives(t: TestApp): Promise<void> {
    const year = Number(zonedDate(new Date()).slice(0, 4));
    const programme = (await t.http().get(`/api/v1/initiative-programmes/${year}`).expect(200)).body as {
      intake: string;
      allocation: number;
      remaining: number;
      minApplicants: number;
      volunteerHourValue: number;
      criteria: Array<{ volunteerWork: boolean }>;
    };
    expect(programme).toMatchObject({ intake: 'continuous', allocation: 30_000_000, minApplicants: 3, volunteerHourValue: 3_500 });
    expect(programme.criteria.filter((c) => c.volunteerWork)).toHaveLength(1);

    const res = await t.http().get(`/api/v1/initiatives?year=${year}`).expect(200);
    const list = res.body as Array<{
      caseNumber: string | null;
      status: string;
      title: string;
      applicantType: string;
      ngoName: string | null;
      cityShareTotal: number;
      applicantsCount: number;
    }>;
    // Every application but the draft, each with its case number.
    expect(list.map((i) => i.status).sort()).toEqual(['completed', 'evaluation', 'in_progress', 'registered', 'rejected']);
    for (const i of list) {
      expect(i.caseNumber).toMatch(new RegExp(`^IL/${year}/\\d{4}$`));
      expect(i.applicantsCount).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(list.map((i) => i.caseNumber)).size).toBe(list.length);
    expect(list.map((i) => i.title)).not.toContain('Mural o historii Dąbrowy na ścianie przychodni');
    expect(list.find((i) => i.applicantType === 'ngo')).toMatchObject({ status: 'registered', ngoName: 'Fundacja Aktywne Miasto Demo' });

    // No personal data: no applicants' addresses or names beyond a consenting contact person, no e-mail addresses.
    const json = res.text;
    expect(json).not.toContain('@');
    expect(json).not.toContain('"applicants"');
    for (const address of ['ul. Lipowa 12', 'ul. Kolejowa 7', 'ul. Ogrodowa 3 m. 11', 'ul. Nadbrzeżna 21', 'ul. Dębowa 8', 'os. Słoneczne 15'])
      expect(json).not.toContain(address);
    expect(json).not.toContain('contactEmail');
    expect(json).not.toContain('Magdalena Kamińska');

    // What remains is the allocation less the city's shares of the approved applications and those after them.
    const committed = list
      .filter((i) => ['approved', 'agreement_drafted', 'agreement_signed', 'in_progress', 'completed'].includes(i.status))
      .reduce((s, i) => s + i.cityShareTotal, 0);
    expect(committed).toBeGreaterThan(0);
    expect(programme.remaining).toBe(programme.allocation - committed);

    const [completed] = (await t.http().get(`/api/v1/initiatives?year=${year}&status=completed`).expect(200)).body as Array<{
      id: string;
      finalReport: Record<string, unknown> | null;
    }>;
    expect(completed.finalReport).toMatchObject({ volunteerPeople: 28, volunteerHours: 5, volunteerValue: 28 * 5 * 3_500 });
    expect(completed.finalReport).not.toHaveProperty('summary');
    const [evaluated] = (await t.http().get(`/api/v1/initiatives?year=${year}&status=evaluation`).expect(200)).body as Array<{
      id: string;
      score: number | null;
      decision: unknown;
    }>;
    // Scored by one evaluator, not yet decided: no score is public before the decision.
    expect(evaluated.score).toBeNull();
    expect(evaluated.decision).toBeNull();
    const ds = t.app.get(DataSource);
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM initiative_evaluations WHERE initiative_id = $1`, [evaluated.id])) as Array<{ n: number }>;
    expect(n).toBe(1);
    const [{ drafts }] = (await ds.query(`SELECT count(*)::int AS drafts FROM initiatives WHERE status = 'draft'`)) as Array<{ drafts: number }>;
    expect(drafts).toBe(1);
    const [progress] = (await t.http().get(`/api/v1/initiatives?year=${year}&status=in_progress`).expect(200)).body as Array<{ id: string }>;
    const [signed] = (await ds.query(`SELECT agreement_number AS number, signed_at AS "signedAt" FROM initiatives WHERE id = $1`, [progress.id])) as Array<{
      number: string;
      signedAt: Date | null;
    }>;
    expect(signed.number).toMatch(new RegExp(`^IL/${year}/\\d{4}/U$`));
    expect(signed.signedAt).not.toBeNull();
  }

  it('refuses bad options with a usage error, and production without --force, before touching the database', async () => {
    for (const [args, message] of [
      [['--password', 'krótkie'], /at least 10 characters/],
      [['--pasword', 'długie hasło demo'], /pasword/],
      [['extra'], /positional/i],
    ] as Array<[string[], RegExp]>) {
      const err = await run(...args).then(
        () => null,
        (e: unknown) => e,
      );
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

  it('creates a city, accounts, an edition in the appeals phase with public projects in many states, the past edition run to the end and two consultations; a second run creates nothing', async () => {
    await expect(run('--password', 'hasło pokazowe 2027')).resolves.toBe(0);
    const printed = output.join('');
    expect(printed).toContain('Demo data created');
    expect(printed).toContain('admin@demo.example.org');
    expect(printed).toContain('Hasło / password: hasło pokazowe 2027');
    expect(printed.match(/hasło pokazowe 2027/g)).toHaveLength(1);
    expect(printed).toContain('Plan zagospodarowania Parku nad Demówką');
    expect(printed).toContain('Roczny program współpracy Miasta Demo z organizacjami pozarządowymi na 2027 r.');
    expect(printed).toContain('KRS 0000999101');
    expect(printed).toContain('Local initiatives');
    expect(printed).toMatch(/IL\/\d{4}\/0001 +completed +Sprzątanie brzegów Demówki i sadzenie wierzb/);
    expect(printed).toMatch(/\(draft\) +draft +Mural o historii Dąbrowy/);
    expect(printed).toContain('Past edition: Budżet Obywatelski Miasta Demo 2026');
    expect(printed).toContain('33 valid ballots (24 online, confirmed by e-mail code; 9 on paper, keyed twice), 1 invalid paper sheet');
    expect(printed).toContain('results published: 5 selected, 2 not selected');
    expect(printed).toContain('implementation: planned 2, implementing 1, implemented 1, abandoned 1');
    // No voter's name or address is printed.
    for (const voter of ['Nowakowski', 'Zofia', 'zofia.lis']) expect(printed).not.toContain(voter);

    const before = await withApp(async (t) => {
      const editions = (await t.http().get('/api/v1/editions').expect(200)).body as Array<{ id: string; name: string; currentPhase: string | null }>;
      expect(editions).toEqual([
        expect.objectContaining({ name: 'Budżet Obywatelski Miasta Demo 2027', status: 'published', currentPhase: 'appeals' }),
        expect.objectContaining({ name: 'Budżet Obywatelski Miasta Demo 2026', status: 'published', currentPhase: null }),
      ]);
      const editionId = editions[0].id;

      const areas = (await t.http().get('/api/v1/areas').expect(200)).body.items as Array<{
        id: string;
        name: string;
        kind: string;
        parentId: string | null;
        residentCount: number;
      }>;
      const city = areas.find((a) => a.name === 'Miasto Demo' && a.kind === 'city')!;
      const districts = areas.filter((a) => a.kind === 'district' && a.parentId === city.id);
      expect(districts).toHaveLength(4);
      expect(districts.reduce((sum, d) => sum + d.residentCount, 0)).toBe(city.residentCount);

      const edition = (await t.http().get(`/api/v1/editions/${editionId}`).expect(200)).body as {
        pools: Array<{ areaId: string | null; amount: number; signaturesRequired: number; signatureCap: number }>;
        categories: unknown[];
      };
      expect(edition.pools.filter((p) => p.areaId === null)).toHaveLength(1);
      expect(
        edition.pools
          .map((p) => p.areaId)
          .filter(Boolean)
          .sort(),
      ).toEqual(districts.map((d) => d.id).sort());
      for (const pool of edition.pools) expect(pool.signaturesRequired).toBeLessThanOrEqual(pool.signatureCap);
      expect(edition.categories.length).toBeGreaterThanOrEqual(4);

      const list = (await t.http().get(`/api/v1/editions/${editionId}/projects?pageSize=100`).expect(200)).body as {
        items: Array<{ id: string; status: string; endorsements: number }>;
        total: number;
      };
      const statuses = new Set(list.items.map((p) => p.status));
      expect(statuses.size).toBeGreaterThanOrEqual(5);
      expect(statuses).not.toContain('draft');
      for (const s of ['submitted', 'correction_requested', 'merit_review', 'admitted', 'rejected', 'appealed', 'appeal_dismissed'])
        expect(statuses).toContain(s);
      expect(list.items.some((p) => p.endorsements > 0)).toBe(true);

      // A project admitted on appeal shows the whole way in its public history, with the reasons.
      const details = await Promise.all(list.items.map(async (p) => (await t.http().get(`/api/v1/projects/${p.id}`).expect(200)).body));
      const upheld = details.find((d: { history: Array<{ action: string }> }) => d.history.some((h) => h.action === 'appeal_upheld'));
      expect(upheld.status).toBe('admitted');
      expect(upheld.history.map((h: { action: string }) => h.action)).toEqual([
        'created',
        'submitted',
        'formal_review',
        'merit_review',
        'appealed',
        'appeal_upheld',
        'admitted_on_appeal',
      ]);
      expect(upheld.history[3].reason).toBeTruthy();

      // The demo accounts log in with the password given; the district official is limited to one district.
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'urzednik.srodmiescie@demo.example.org', password: 'hasło pokazowe 2027' })
        .expect(200);
      const me = (
        await t
          .http()
          .get('/api/v1/me')
          .set(...bearer(login.body.accessToken))
          .expect(200)
      ).body;
      expect(me).toMatchObject({ roles: ['resident', 'official'], emailVerified: true });
      await t.http().post('/api/v1/auth/login').send({ email: 'admin@demo.example.org', password: 'hasło pokazowe 2027' }).expect(200);

      // Drafts stay private, and the notifications wait in the outbox for the platform to deliver them.
      const ds = t.app.get(DataSource);
      const [{ drafts }] = (await ds.query(`SELECT count(*)::int AS drafts FROM budget_projects WHERE edition_id = $1 AND status = 'draft'`, [
        editionId,
      ])) as Array<{ drafts: number }>;
      expect(drafts).toBeGreaterThan(0);
      expect(list.total + drafts).toBeGreaterThanOrEqual(14);
      const [{ queued }] = (await ds.query(`SELECT count(*)::int AS queued FROM outbox WHERE job_name = 'fan-out'`)) as Array<{ queued: number }>;
      expect(queued).toBeGreaterThan(0);

      await pastEdition(t, editions[1].id);
      await consultations(t, districts);
      await consultationPages(t);
      await initiatives(t);
      await initiativePages(t);
      return counts(t);
    });

    output = [];
    await expect(run()).resolves.toBe(0);
    expect(output.join('')).toContain('The demo data is already there');
    expect(output.join('')).not.toMatch(/password/i);
    const after = await withApp(counts);
    // The test app itself may relay or schedule jobs: compare the domain tables, and the outbox for no growth from the seed.
    expect({ ...after, outbox: undefined }).toEqual({ ...before, outbox: undefined });
    // The whole demo written, read back page by page and written again: well over a minute on a loaded machine.
  }, 300_000);
});
