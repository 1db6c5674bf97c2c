import { DataSource } from 'typeorm';
import { ReviewService } from '@civitas/initiatives';
import { createTestApp, TestApp } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { actingAs, createUser, TestUser } from '../factories/users.factory';
import { application, CRITERIA, YEAR } from '../factories/initiatives.factory';

const ALLOCATION = 2_000_000; // 20 000 zł
const SHARE = 1_500_000; // the fixture's city share: 15 000 zł

/** An evaluator's result computed here from the criteria: sum(weight × points / maxPoints) / sum(weights) × 100. */
const result = (scores: Record<string, number>) =>
  (CRITERIA.reduce((s, c) => s + (c.weight * scores[c.key]) / c.maxPoints, 0) / CRITERIA.reduce((s, c) => s + c.weight, 0)) * 100;

/** Local initiatives: formal check with corrections, independent scoring, the decision within the allocation. */
describe('local initiatives: formal check, scoring and decision (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let evaluator: TestUser;
  let decider: TestUser;
  let otherOfficial: TestUser;
  let anna: TestUser;
  let area: string;

  const as = (u: TestUser) => actingAs(t, u);
  const admin_ = (id: string, path = '') => `/api/v1/admin/initiatives/${id}${path}`;
  const status = async (id: string) => ((await db.query(`SELECT status FROM initiatives WHERE id = $1`, [id])) as Array<{ status: string }>)[0].status;
  const told = async (id: string) =>
    (await db.query(
      `SELECT facts, topics, user_ids, emails FROM notification_events WHERE kind = 'initiative.status_changed' AND facts->>'initiativeId' = $1 ORDER BY created_at, id`,
      [id],
    )) as Array<{ facts: Record<string, string>; topics: string[]; user_ids: string[]; emails: Array<{ email: string }> }>;
  const remaining = async () => (await t.http().get(`/api/v1/initiative-programmes/${YEAR}`).expect(200)).body.remaining as number;

  /** Drafted and submitted by Anna, registered and taken into the formal check by the official. */
  const inFormalCheck = async (o: Record<string, unknown> = {}) => {
    const id = (
      await as(anna)
        .post('/api/v1/initiatives')
        .send(application({ areaId: area, ...o }))
        .expect(201)
    ).body.id as string;
    await as(anna).post(`/api/v1/initiatives/${id}/submit`).expect(200);
    await as(official).post(admin_(id, '/register')).expect(200);
    await as(official).post(admin_(id, '/formal-check')).expect(200);
    return id;
  };
  /** Formally correct and scored once. */
  const scored = async (o: Record<string, unknown> = {}) => {
    const id = await inFormalCheck(o);
    await as(official).post(admin_(id, '/formal-check/pass')).expect(200);
    await as(official)
      .put(admin_(id, '/scores'))
      .send({ scores: { volunteer: 7, purpose: 7, cost: 3 } })
      .expect(200);
    return id;
  };
  const decision = { approve: true, purposefulness: 'Skwer służy całemu osiedlu.', reason: 'Wysoka ocena i znaczny wkład pracy mieszkańców.' };

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Gdańsk', kind: 'city', residentCount: 470_000 });
    area = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    const other = await createArea(t, { name: 'Wrzeszcz', kind: 'district', parentId: city, residentCount: 40_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { grants: [{ role: 'official', areaId: area }] });
    evaluator = await createUser(t, { grants: [{ role: 'official', areaId: area }] });
    decider = await createUser(t, { grants: [{ role: 'official', areaId: area }] });
    otherOfficial = await createUser(t, { grants: [{ role: 'official', areaId: other }] });
    anna = await createUser(t, { displayName: 'Anna Nowak' });
    await as(admin)
      .put(`/api/v1/admin/initiative-programmes/${YEAR}`)
      .send({ intake: 'continuous', allocation: ALLOCATION, minApplicants: 3, criteria: CRITERIA, correctionDays: 5, volunteerHourValue: 3_500 })
      .expect(200);
  }, 120_000);
  afterAll(() => t?.close());

  it('runs the full path: formal check with a correction round, independent scores, the weighted score, approval', async () => {
    const id = await inFormalCheck();
    expect(await status(id)).toBe('formal_check');
    await as(official).post(admin_(id, '/formal-check')).expect(409);

    // Bad input changes nothing.
    expect((await as(official).post(admin_(id, '/request-correction')).send({ note: '' }).expect(422)).body.errors[0].field).toBe('note');
    expect((await as(official).post(admin_(id, '/request-correction')).send({ note: '<b></b>' }).expect(422)).body.errors[0].field).toBe('note');
    await as(official).post(admin_(id, '/request-correction')).send({ note: 'x', extra: 1 }).expect(422);
    expect(await status(id)).toBe('formal_check');

    // Sent back for correction with the programme's 5 days.
    const before = Date.now();
    const sent = await as(official).post(admin_(id, '/request-correction')).send({ note: 'Dołączcie <i>listę poparcia</i>.' }).expect(200);
    expect(sent.body).toMatchObject({ status: 'correction_requested', correctionNote: 'Dołączcie listę poparcia.' });
    const deadline = Date.parse(sent.body.correctionDeadline);
    expect(deadline).toBeGreaterThanOrEqual(before + 5 * 86_400_000 - 1000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 5 * 86_400_000 + 1000);
    // The applicant corrects and sends it back before the deadline.
    await as(anna).patch(`/api/v1/initiatives/${id}`).send({ description: 'Mural, ławki i lista poparcia mieszkańców.' }).expect(200);
    expect((await as(anna).post(`/api/v1/initiatives/${id}/submit`).expect(200)).body.status).toBe('formal_check');
    expect((await as(official).post(admin_(id, '/formal-check/pass')).expect(200)).body.status).toBe('evaluation');

    // Nobody sees scores before submitting their own; only the number submitted.
    const hidden0 = await as(official).get(admin_(id, '/scores')).set('accept-language', 'en').expect(409);
    expect(hidden0.body.code).toBe('scores_hidden');
    expect(hidden0.body.detail).toContain('Evaluations submitted: 0');

    // Every criterion, whole points within 0..maxPoints, no unknown keys; nothing stored otherwise.
    const bad = await as(official)
      .put(admin_(id, '/scores'))
      .send({ scores: { volunteer: 11, purpose: 2.5, bogus: 1 } })
      .expect(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['scores.bogus', 'scores.cost', 'scores.purpose', 'scores.volunteer']);
    await as(official)
      .put(admin_(id, '/scores'))
      .send({ scores: { volunteer: -1, purpose: 1, cost: 1 } })
      .expect(422);
    await as(official).put(admin_(id, '/scores')).send({ scores: 'dziesięć' }).expect(422);
    expect((await db.query(`SELECT count(*)::int AS n FROM initiative_evaluations WHERE initiative_id = $1`, [id]))[0].n).toBe(0);

    const first = { volunteer: 8, purpose: 6, cost: 5 };
    const second = { volunteer: 5, purpose: 9, cost: 2 };
    const mine = await as(official).put(admin_(id, '/scores')).send({ scores: first, remarks: 'Dobry <b>pomysł</b>' }).expect(200);
    // While it is scored, no mean is told to anyone (the evaluator sees their own evaluation only).
    expect(mine.body).toMatchObject({ submitted: 1, score: null });
    expect(mine.body.evaluations).toHaveLength(1);
    expect(mine.body.evaluations[0]).toMatchObject({
      evaluatorId: official.id,
      scores: first,
      remarks: 'Dobry pomysł',
      result: Number(result(first).toFixed(3)),
    });

    // The second evaluator sees only that one evaluation exists.
    const hidden1 = await as(evaluator).get(admin_(id, '/scores')).set('accept-language', 'en').expect(409);
    expect(hidden1.body.detail).toContain('Evaluations submitted: 1');
    expect(JSON.stringify(hidden1.body)).not.toContain('"volunteer"');
    // Submitted scores cannot change.
    expect((await as(official).put(admin_(id, '/scores')).send({ scores: second }).expect(409)).body.code).toBe('already_scored');

    const both = await as(evaluator).put(admin_(id, '/scores')).send({ scores: second }).expect(200);
    const expected = Number(((result(first) + result(second)) / 2).toFixed(3));
    expect(expected).toBeCloseTo(69.167, 3);
    // Each evaluator sees only their own evaluation until the decision: not the other's scores, not the mean.
    expect(both.body).toMatchObject({ submitted: 2, score: null });
    expect(both.body.evaluations.map((e: { evaluatorId: string }) => e.evaluatorId)).toEqual([evaluator.id]);
    const ownOnly = (await as(official).get(admin_(id, '/scores')).expect(200)).body;
    expect(ownOnly).toMatchObject({ submitted: 2, score: null });
    expect(ownOnly.evaluations.map((e: { scores: unknown }) => e.scores)).toEqual([first]);
    expect(JSON.stringify(ownOnly)).not.toContain(evaluator.id);
    expect((await db.query(`SELECT score::text FROM initiatives WHERE id = $1`, [id]))[0].score).toBe(expected.toFixed(3));
    // Nor do the application (to its officials and applicants) and the public register show the score yet.
    expect((await as(official).get(`/api/v1/initiatives/${id}`).expect(200)).body.score).toBeNull();
    expect((await t.http().get(`/api/v1/initiatives/${id}`).expect(200)).body.score).toBeNull();
    const listed = (await t.http().get(`/api/v1/initiatives?year=${YEAR}`).expect(200)).body;
    expect(JSON.stringify(listed)).not.toContain(expected.toFixed(1));

    // The deciding official sees all (recorded), and may no longer score this application.
    await as(decider).get(admin_(id, '/scores')).expect(409);
    expect((await as(decider).get(admin_(id, '/scores?forDecision=true')).expect(200)).body.submitted).toBe(2);
    expect((await as(decider).put(admin_(id, '/scores')).send({ scores: first }).expect(409)).body.code).toBe('scores_disclosed');
    expect((await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'initiatives.scores_disclosed' AND subject_id = $1`, [id]))[0].n).toBe(1);

    // The decision needs purposefulness and justification as plain text.
    const noText = await as(decider)
      .post(admin_(id, '/decision'))
      .send({ ...decision, purposefulness: '<p></p>' })
      .expect(422);
    expect(noText.body.errors.map((e: { field: string }) => e.field)).toEqual(['purposefulness']);
    await as(decider)
      .post(admin_(id, '/decision'))
      .send({ ...decision, approve: 'tak' })
      .expect(422);
    await as(decider).post(admin_(id, '/decision')).send({ approve: true }).expect(422);
    expect(await status(id)).toBe('evaluation');

    const approved = await as(decider).post(admin_(id, '/decision')).send(decision).expect(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      score: expected,
      decision: { purposefulness: decision.purposefulness, reason: decision.reason },
    });
    expect(await remaining()).toBe(ALLOCATION - SHARE);
    await as(decider).post(admin_(id, '/decision')).send(decision).expect(409);
    // After the decision every evaluator sees everyone's scores and the mean, as does the public.
    const after = (await as(evaluator).get(admin_(id, '/scores')).expect(200)).body;
    expect(after).toMatchObject({ submitted: 2, score: expected });
    expect(after.evaluations.map((e: { scores: unknown }) => e.scores)).toEqual([first, second]);
    expect((await t.http().get(`/api/v1/initiatives/${id}`).expect(200)).body.score).toBe(expected);

    // The applicants were told of every step; the decision also went to the initiatives' subscribers.
    const events = await told(id);
    expect(events.map((e) => e.facts.status)).toEqual(['registered', 'formal_check', 'correction_requested', 'evaluation', 'approved']);
    for (const e of events) {
      expect(e.user_ids).toEqual([anna.id]);
      expect(e.emails.map((x) => x.email)).toEqual(['anna.nowak@example.pl']);
    }
    expect(events[2].facts).toMatchObject({ deadline: new Date(deadline).toISOString(), reason: 'Dołączcie listę poparcia.' });
    expect(events[4].topics).toEqual(['initiatives']);
    expect(events[4].facts.reason).toBe(decision.reason);
    expect(events.slice(0, 4).every((e) => e.topics.length === 0)).toBe(true);
  });

  it('approves only within what remains of the allocation, also in parallel; a decision needs scores; rejection', async () => {
    const left = await remaining();
    expect(left).toBe(ALLOCATION - SHARE);

    // 15 000 zł asked, 5 000 zł left: refused with the amounts.
    const big = await scored();
    const refused = await as(decider).post(admin_(big, '/decision')).send(decision).expect(409);
    expect(refused.body.code).toBe('allocation_exceeded');
    expect(refused.body.detail).toMatch(/5\s000,00 zł/);
    expect(refused.body.detail).toMatch(/15\s000,00 zł/);
    const refusedEn = await as(decider).post(admin_(big, '/decision')).set('accept-language', 'en').send(decision).expect(409);
    expect(refusedEn.body.detail).toContain('5,000.00 zł');
    expect(await status(big)).toBe('evaluation');

    // Rejected instead: told to the applicants and the subscribers.
    const rejected = await as(decider)
      .post(admin_(big, '/decision'))
      .send({ ...decision, approve: false, reason: 'Brak środków w puli.' })
      .expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decision: { reason: 'Brak środków w puli.' } });
    const last = (await told(big)).at(-1)!;
    expect(last.facts).toMatchObject({ status: 'rejected', reason: 'Brak środków w puli.' });
    expect(last.topics).toEqual(['initiatives']);

    // No decision without an evaluation.
    const unscored = await inFormalCheck();
    await as(official).post(admin_(unscored, '/formal-check/pass')).expect(200);
    expect((await as(decider).post(admin_(unscored, '/decision')).send(decision).expect(409)).body.code).toBe('no_scores');

    // Two applications of 3 000 zł each, 5 000 zł left, approved at the same time: exactly one fits.
    const small = { cityShare: [{ kind: 'materials', description: 'Farby', value: 300_000 }] };
    const a = await scored(small);
    const b = await scored(small);
    const results = await Promise.all([a, b].map((id) => as(decider).post(admin_(id, '/decision')).send(decision)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('allocation_exceeded');
    expect(await remaining()).toBe(left - 300_000);
    const [{ committed }] = (await db.query(
      `SELECT coalesce(sum(city_share_total), 0)::bigint AS committed FROM initiatives WHERE status = 'approved'`,
    )) as Array<{ committed: string }>;
    expect(Number(committed)).toBeLessThanOrEqual(ALLOCATION);
  });

  it('leaves an application unconsidered once its correction deadline has passed, once', async () => {
    const late = await inFormalCheck();
    const onTime = await inFormalCheck();
    for (const id of [late, onTime]) await as(official).post(admin_(id, '/request-correction')).send({ note: 'Uzupełnijcie harmonogram.' }).expect(200);
    // SQL only simulates time passing: the deadline of one application is moved into the past.
    await db.query(`UPDATE initiatives SET correction_deadline = now() - interval '1 minute' WHERE id = $1`, [late]);
    expect((await as(anna).post(`/api/v1/initiatives/${late}/submit`).expect(409)).body.code).toBe('deadline_passed');

    const review = t.app.get(ReviewService);
    expect(await review.advance()).toEqual([late]);
    expect(await review.advance()).toEqual([]);
    expect(await status(late)).toBe('unconsidered');
    expect(await status(onTime)).toBe('correction_requested');
    const events = (await told(late)).filter((e) => e.facts.status === 'unconsidered');
    expect(events).toHaveLength(1);
    expect(events[0].user_ids).toEqual([anna.id]);
    await as(anna).patch(`/api/v1/initiatives/${late}`).send({ title: 'Za późno' }).expect(409);
    await as(official).post(admin_(late, '/formal-check/pass')).expect(409);
    // The job runs every minute.
    expect(review.schedule().next(new Date('2030-01-01T10:00:30Z')).toISOString()).toBe('2030-01-01T10:01:00.000Z');
  });

  it('rejects formally with a justification', async () => {
    const id = await inFormalCheck();
    await as(official).post(admin_(id, '/formal-check/fail')).send({ reason: ' ' }).expect(422);
    expect(await status(id)).toBe('formal_check');
    const r = await as(official).post(admin_(id, '/formal-check/fail')).send({ reason: 'Wniosek złożyło dwóch mieszkańców zamiast trzech.' }).expect(200);
    expect(r.body).toMatchObject({ status: 'rejected', decision: { reason: 'Wniosek złożyło dwóch mieszkańców zamiast trzech.', purposefulness: null } });
    await as(official)
      .put(admin_(id, '/scores'))
      .send({ scores: { volunteer: 1, purpose: 1, cost: 1 } })
      .expect(409);
    const last = (await told(id)).at(-1)!;
    expect(last.facts).toMatchObject({ status: 'rejected', reason: 'Wniosek złożyło dwóch mieszkańców zamiast trzech.' });
    expect((await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'initiatives.formal_check_failed' AND subject_id = $1`, [id]))[0].n).toBe(
      1,
    );
  });

  it('lets only the officials of the area act: anonymous 401, resident 403, another area’s official 403', async () => {
    const id = await inFormalCheck();
    const calls: Array<[string, string, Record<string, unknown>?]> = [
      ['post', '/formal-check'],
      ['post', '/request-correction', { note: 'Popraw' }],
      ['post', '/formal-check/pass'],
      ['post', '/formal-check/fail', { reason: 'Nie' }],
      ['put', '/scores', { scores: { volunteer: 1, purpose: 1, cost: 1 } }],
      ['get', '/scores'],
      ['post', '/decision', decision],
    ];
    for (const [method, path, body] of calls) {
      const send = (req: import('supertest').Test) => (body ? req.send(body) : req);
      const call = (u?: TestUser) => {
        const agent = u ? as(u) : t.http();
        return send((agent as unknown as Record<string, (url: string) => import('supertest').Test>)[method](admin_(id, path)));
      };
      expect([path, (await call()).status]).toEqual([path, 401]);
      expect([path, (await call(anna)).status]).toEqual([path, 403]);
      expect([path, (await call(otherOfficial)).status]).toEqual([path, 403]);
    }
    expect(await status(id)).toBe('formal_check');
    await as(official).post(admin_('00000000-0000-4000-8000-000000000000', '/formal-check')).expect(404);
    await as(official).post(admin_('nie-uuid', '/formal-check')).expect(404);
  });
});
