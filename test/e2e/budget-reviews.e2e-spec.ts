import { DataSource } from 'typeorm';
import { SettableClock } from '@civitas/config';
import { createTestApp, TestApp } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, createUser, TestUser } from '../factories/users.factory';

const ALL_MET = ['legality', 'technical_feasibility', 'formal_requirements', 'cost'].map((criterion) => ({
  criterion,
  met: true,
  justification: 'Spełnione.',
}));
const withUnmet = (criterion: string, justification: string) => ALL_MET.map((c) => (c.criterion === criterion ? { ...c, met: false, justification } : c));

describe('participatory budget: reviews, corrections and appeals (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  const clock = new SettableClock();
  let admin: TestUser;
  let official: TestUser;
  let otherOfficial: TestUser;
  let anna: TestUser;
  let ben: TestUser;
  let editionId: string;
  let district: string;
  const ids: Record<string, string> = {};

  const as = (u: TestUser) => actingAs(t, u);
  const phase = (p: Parameters<typeof scheduleWith>[0]) =>
    as(admin)
      .patch(`/api/v1/admin/editions/${editionId}`)
      .send({ phases: scheduleWith(p) })
      .expect(200);
  const review = (u: TestUser, id: string, body: object) => as(u).post(`/api/v1/projects/${id}/reviews`).send(body);

  beforeAll(async () => {
    t = await createTestApp({}, { clock });
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Miasto', kind: 'city', residentCount: 100_000 });
    district = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    const other = await createArea(t, { name: 'Zaspa', kind: 'district', parentId: city, residentCount: 20_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { grants: [{ role: 'official', areaId: district }] });
    otherOfficial = await createUser(t, { grants: [{ role: 'official', areaId: other }] });
    anna = await createUser(t, { displayName: 'Anna' });
    ben = await createUser(t, { displayName: 'Ben' });
    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name: 'BO 2027 ocena', year: 2027, phases: scheduleWith('submission') })
      .expect(201);
    editionId = e.body.id;
    const pool = await as(admin)
      .post(`/api/v1/admin/editions/${editionId}/pools`)
      .send({ name: 'Oliwa', areaId: district, amount: 100_000_000, signaturesRequired: 0 })
      .expect(201);
    await as(admin).post(`/api/v1/admin/editions/${editionId}/publish`).expect(200);
    for (const key of ['fixed', 'appealedWin', 'appealedLose', 'lapsed']) {
      const p = await as(anna)
        .post(`/api/v1/editions/${editionId}/projects`)
        .send({
          poolId: pool.body.pools[0].id,
          title: `Projekt ${key}`,
          summary: 's',
          description: 'd',
          justification: 'j',
          areaId: district,
          costItems: [{ description: 'Koszt', amount: 5_000_000 }],
        })
        .expect(201);
      await as(anna).post(`/api/v1/projects/${p.body.id}/submit`).expect(200);
      ids[key] = p.body.id;
    }
  });
  afterAll(() => t?.close());

  it('refuses reviews outside their phase, outside the official’s area, or without a verdict per criterion', async () => {
    // Still the submission phase.
    expect((await review(official, ids.fixed, { stage: 'formal', outcome: 'positive', criteria: ALL_MET, justification: 'OK' }).expect(409)).body.code).toBe(
      'wrong_phase',
    );
    await phase('formal_review');
    await review(anna, ids.fixed, { stage: 'formal', outcome: 'positive', criteria: ALL_MET, justification: 'OK' }).expect(403);
    await review(otherOfficial, ids.fixed, { stage: 'formal', outcome: 'positive', criteria: ALL_MET, justification: 'OK' }).expect(403);
    const missing = await review(official, ids.fixed, { stage: 'formal', outcome: 'positive', criteria: ALL_MET.slice(1), justification: 'OK' }).expect(422);
    expect(missing.body.code).toBe('criteria_mismatch');
    const inconsistent = await review(official, ids.fixed, {
      stage: 'formal',
      outcome: 'positive',
      criteria: withUnmet('cost', 'Za drogo.'),
      justification: 'OK',
    }).expect(422);
    expect(inconsistent.body.code).toBe('inconsistent_review');
    const early = await review(official, ids.fixed, { stage: 'merit', outcome: 'positive', criteria: ALL_MET, justification: 'OK' }).expect(409);
    expect(early.body.code).toBe('invalid_transition');
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM budget_reviews`)) as Array<{ n: number }>;
    expect(n).toBe(0);
  });

  it('correction requested → corrected by the author → formal review → merit review → admitted', async () => {
    const asked = await review(official, ids.fixed, {
      stage: 'formal',
      outcome: 'correction',
      criteria: withUnmet('formal_requirements', 'Brak mapy lokalizacji.'),
      justification: 'Proszę dołączyć mapę i uściślić adres.',
    }).expect(200);
    expect(asked.body.status).toBe('correction_requested');
    expect(new Date(asked.body.correctionDeadline).getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
    await as(ben).post(`/api/v1/projects/${ids.fixed}/resubmit`).expect(403);
    await as(anna).patch(`/api/v1/projects/${ids.fixed}`).send({ address: 'ul. Opacka 12' }).expect(200);
    expect((await as(anna).post(`/api/v1/projects/${ids.fixed}/resubmit`).expect(200)).body.status).toBe('formal_review');
    expect(
      (await review(official, ids.fixed, { stage: 'formal', outcome: 'positive', criteria: ALL_MET, justification: 'Kompletny.' }).expect(200)).body.status,
    ).toBe('merit_review');
    await phase('merit_review');
    const admitted = await review(official, ids.fixed, { stage: 'merit', outcome: 'positive', criteria: ALL_MET, justification: 'Wykonalny.' }).expect(200);
    expect(admitted.body.status).toBe('admitted');
    const pub = await t.http().get(`/api/v1/projects/${ids.fixed}`).expect(200);
    expect(pub.body.history.map((h: { action: string }) => h.action)).toEqual([
      'created',
      'submitted',
      'formal_review',
      'corrected',
      'resubmitted',
      'formal_review',
      'merit_review',
    ]);
    expect(pub.body.history[2]).toMatchObject({ toStatus: 'correction_requested', reason: 'Proszę dołączyć mapę i uściślić adres.' });
  });

  it('rejected → appealed → upheld (admitted), and rejected → appealed → dismissed, each told to the authors with the reason', async () => {
    await phase('formal_review');
    for (const key of ['appealedWin', 'appealedLose']) {
      await review(official, ids[key], { stage: 'formal', outcome: 'positive', criteria: ALL_MET, justification: 'OK' }).expect(200);
    }
    await phase('merit_review');
    for (const key of ['appealedWin', 'appealedLose']) {
      const rejected = await review(official, ids[key], {
        stage: 'merit',
        outcome: 'negative',
        criteria: withUnmet('technical_feasibility', 'Teren zalewowy.'),
        justification: 'Teren nie nadaje się pod zabudowę.',
      }).expect(200);
      expect(rejected.body.status).toBe('rejected');
    }
    await as(ben).post(`/api/v1/projects/${ids.appealedWin}/appeal`).send({ justification: 'x' }).expect(403);
    await as(anna).post(`/api/v1/projects/${ids.appealedWin}/appeal`).send({ justification: '' }).expect(422);
    expect(
      (await as(anna).post(`/api/v1/projects/${ids.appealedWin}/appeal`).send({ justification: 'Opinia hydrologa w załączeniu.' }).expect(200)).body.status,
    ).toBe('appealed');
    await as(anna).post(`/api/v1/projects/${ids.appealedLose}/appeal`).send({ justification: 'Nie zgadzam się.' }).expect(200);
    await as(anna).post(`/api/v1/projects/${ids.appealedWin}/appeal-decision`).send({ upheld: true, justification: 'x' }).expect(403);
    const upheld = await as(official)
      .post(`/api/v1/projects/${ids.appealedWin}/appeal-decision`)
      .send({ upheld: true, justification: 'Opinia rozwiewa wątpliwości.' })
      .expect(200);
    expect(upheld.body.status).toBe('admitted');
    expect(upheld.body.history.slice(-3).map((h: { action: string }) => h.action)).toEqual(['appealed', 'appeal_upheld', 'admitted_on_appeal']);
    const dismissed = await as(official)
      .post(`/api/v1/projects/${ids.appealedLose}/appeal-decision`)
      .send({ upheld: false, justification: 'Brak nowych argumentów.' })
      .expect(200);
    expect(dismissed.body.status).toBe('appeal_dismissed');
    // A second decision is an illegal transition.
    expect(
      (await as(official).post(`/api/v1/projects/${ids.appealedLose}/appeal-decision`).send({ upheld: true, justification: 'x' }).expect(409)).body.code,
    ).toBe('invalid_transition');

    const mails = (await db.query(
      `SELECT facts->>'status' AS status, facts->>'reason' AS reason, facts->>'deadline' IS NOT NULL AS has_deadline
         FROM notification_events WHERE facts->>'projectId' = $1 ORDER BY created_at`,
      [ids.appealedLose],
    )) as Array<{ status: string; reason: string | null; has_deadline: boolean }>;
    expect(mails.map((x) => x.status)).toEqual(['submitted', 'merit_review', 'rejected', 'appeal_dismissed']);
    expect(mails[2]).toEqual({ status: 'rejected', reason: 'Teren nie nadaje się pod zabudowę.', has_deadline: true });
    expect(mails[3].reason).toBe('Brak nowych argumentów.');
    // History is append-only, even for the database owner.
    await expect(db.query(`UPDATE budget_project_history SET reason = 'x' WHERE project_id = $1`, [ids.appealedLose])).rejects.toThrow(/append-only/);
  });

  it('a missed correction deadline: the authors can no longer resubmit; the official decides without the correction', async () => {
    await phase('formal_review');
    const asked = { stage: 'formal', outcome: 'correction', criteria: withUnmet('formal_requirements', 'Brak mapy.'), justification: 'Proszę dołączyć mapę.' };
    await review(official, ids.lapsed, asked).expect(200);
    // Still within the deadline the official waits for the authors.
    expect((await review(official, ids.lapsed, { ...asked, outcome: 'negative' }).expect(409)).body.code).toBe('invalid_transition');
    // The edition's 7 days for corrections pass (and an hour), still within the formal review phase.
    clock.advance(7 * 24 * 3600_000 + 3600_000);
    expect((await as(anna).post(`/api/v1/projects/${ids.lapsed}/resubmit`).expect(409)).body.code).toBe('deadline_passed');
    const rejected = await review(official, ids.lapsed, { ...asked, outcome: 'negative', justification: 'Nie uzupełniono projektu w terminie.' }).expect(200);
    expect(rejected.body.status).toBe('rejected');
    expect(rejected.body.history.at(-1)).toMatchObject({
      fromStatus: 'correction_requested',
      toStatus: 'rejected',
      reason: 'Nie uzupełniono projektu w terminie.',
    });
  });
});
