import { DataSource } from 'typeorm';
import { ConsultationsService } from '@civitas/consultations';
import { createTestApp, TestApp } from '@civitas/test';
import { bearer, createUser, TestUser, uniqueEmail } from '../factories/users.factory';
import { mailTo as mailFile } from '../helpers/mail-files';

const DAY_MS = 86_400_000;

describe('consultations: the survey, one response per participant, e-mail codes, results after closing (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let resident: TestUser;
  let n = 0;

  const as = (u: TestUser | null) => {
    const h = (r: ReturnType<ReturnType<TestApp['http']>['get']>) => (u ? r.set(...bearer(u.token)) : r);
    return {
      get: (p: string) => h(t.http().get(p)),
      post: (p: string) => h(t.http().post(p)),
      put: (p: string) => h(t.http().put(p)),
    };
  };
  const count = async (sql: string, params: unknown[] = []) => ((await db.query(sql, params)) as Array<{ n: number }>)[0].n;
  const fields = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field);

  const QUESTIONS = [
    { kind: 'single', prompt: 'Czy popierasz projekt?', required: true, options: ['Tak', 'Nie', 'Nie mam zdania'] },
    { kind: 'multiple', prompt: 'Co jest najważniejsze?', options: ['Zieleń', 'Parking', 'Ścieżka rowerowa', 'Plac zabaw'] },
    { kind: 'scale', prompt: 'Jak oceniasz projekt?', required: true, scaleMin: 1, scaleMax: 5 },
    { kind: 'text', prompt: 'Uwagi', required: false },
  ];

  /** A consultation (a draft opening in 8 days) with the survey set, announced unless told otherwise. */
  async function consultation(
    opts: { surveyAccess?: 'account' | 'email_code'; audience?: 'everyone' | 'ngo'; questions?: unknown[]; announce?: boolean } = {},
  ) {
    n += 1;
    const title = `Konsultacje ankiety ${n} ${Date.now().toString(36)}`;
    const c = await as(official)
      .post('/api/v1/admin/consultations')
      .send({
        title,
        surveyAccess: opts.surveyAccess ?? 'account',
        audience: opts.audience ?? 'everyone',
        opensAt: new Date(Date.now() + 8 * DAY_MS).toISOString(),
        closesAt: new Date(Date.now() + 30 * DAY_MS).toISOString(),
      })
      .expect(201);
    const id = c.body.id as string;
    const s = await as(official)
      .put(`/api/v1/admin/consultations/${id}/survey`)
      .send({ questions: opts.questions ?? QUESTIONS })
      .expect(200);
    if (opts.announce !== false) await as(official).post(`/api/v1/admin/consultations/${id}/announce`).expect(200);
    return { id, title, questions: s.body.questions as Array<{ id: string; kind: string; options: string[] }> };
  }

  // SQL only simulates time passing (the opening / closing date is reached); the schedule job does the rest.
  const open = async (id: string) => {
    await db.query(`UPDATE consultations SET opens_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    await t.app.get(ConsultationsService).advance();
    expect((await as(null).get(`/api/v1/consultations/${id}`).expect(200)).body.status).toBe('open');
  };
  const close = async (id: string) => {
    await db.query(`UPDATE consultations SET opens_at = now() - interval '2 minutes', closes_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    await t.app.get(ConsultationsService).advance();
    expect((await as(null).get(`/api/v1/consultations/${id}`).expect(200)).body.status).toBe('closed');
  };
  const respond = (u: TestUser | null, id: string, body: Record<string, unknown>) => as(u).post(`/api/v1/consultations/${id}/survey/responses`).send(body);
  const codeIn = (text: string) => /kod: (\d{6})/.exec(text)![1];

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { grants: [{ role: 'official', areaId: null }] });
    resident = await createUser(t);
  }, 120_000);
  afterAll(() => t?.close());

  it('questions: checked all at once (422 naming the fields, nothing changed), tags taken out, frozen once the consultation opens', async () => {
    const c = await consultation({ announce: false });
    expect(c.questions.map((q) => q.kind)).toEqual(['single', 'multiple', 'scale', 'text']);
    // A draft's survey is not public.
    await as(null).get(`/api/v1/consultations/${c.id}/survey`).expect(404);
    await as(resident).put(`/api/v1/admin/consultations/${c.id}/survey`).send({ questions: QUESTIONS }).expect(403);

    const bad = await as(official)
      .put(`/api/v1/admin/consultations/${c.id}/survey`)
      .send({
        questions: [
          { kind: 'single', prompt: '  ', options: ['Jedyna'] },
          { kind: 'scale', prompt: 'Skala', scaleMin: 5, scaleMax: 5 },
          { kind: 'multiple', prompt: 'Wybór', options: ['Tak', 'tak', '<b></b>'] },
          { kind: 'text', prompt: 'Tekst', options: ['a', 'b'], scaleMin: 1 },
          { kind: 'scale', prompt: 'Bez zakresu' },
        ],
      })
      .expect(422);
    expect(bad.body.code).toBe('invalid_survey');
    expect(fields(bad.body)).toEqual(
      expect.arrayContaining([
        'questions.0.prompt',
        'questions.0.options',
        'questions.1.scaleMax',
        'questions.2.options.1',
        'questions.2.options.2',
        'questions.3.options',
        'questions.3.scaleMin',
        'questions.4.scaleMin',
        'questions.4.scaleMax',
      ]),
    );
    // English texts on request.
    const en = await as(official)
      .put(`/api/v1/admin/consultations/${c.id}/survey`)
      .set('accept-language', 'en')
      .send({ questions: [{ kind: 'single', prompt: 'x', options: ['a'] }] })
      .expect(422);
    expect(en.body.errors[0].message).toContain('A choice question has 2 to 20 options.');
    expect(await count(`SELECT count(*)::int AS n FROM survey_questions WHERE consultation_id = $1`, [c.id])).toBe(4);

    // Injection: tags come out of prompts and options.
    const injected = await as(official)
      .put(`/api/v1/admin/consultations/${c.id}/survey`)
      .send({
        questions: [
          { kind: 'single', prompt: '<script>alert(1)</script>Czy <b>popierasz</b>?', options: ['<img src=x onerror=alert(1)>Tak', 'Nie'] },
          ...QUESTIONS,
        ],
      })
      .expect(200);
    expect(injected.body.questions[0]).toMatchObject({
      position: 1,
      kind: 'single',
      prompt: 'alert(1)Czy popierasz?',
      options: ['Tak', 'Nie'],
      required: false,
    });
    expect(JSON.stringify(injected.body)).not.toMatch(/<script|<img|<b>/);

    await as(official).post(`/api/v1/admin/consultations/${c.id}/announce`).expect(200);
    // Announced: public, still editable; no results.
    await as(official).put(`/api/v1/admin/consultations/${c.id}/survey`).send({ questions: QUESTIONS }).expect(200);
    const pub = await as(null).get(`/api/v1/consultations/${c.id}/survey`).expect(200);
    expect(pub.body).toMatchObject({ consultationId: c.id, access: 'account', results: null });
    expect(pub.body.questions).toHaveLength(4);
    expect(pub.body.questions[2]).toMatchObject({ position: 3, kind: 'scale', scaleMin: 1, scaleMax: 5, required: true, options: [] });
    expect(Object.keys(pub.body.questions[0]).sort()).toEqual(['id', 'kind', 'options', 'position', 'prompt', 'required', 'scaleMax', 'scaleMin']);

    await open(c.id);
    const frozen = await as(official)
      .put(`/api/v1/admin/consultations/${c.id}/survey`)
      .send({ questions: QUESTIONS.slice(0, 1) })
      .expect(409);
    expect(frozen.body.code).toBe('survey_closed');
    expect(await count(`SELECT count(*)::int AS n FROM survey_questions WHERE consultation_id = $1`, [c.id])).toBe(4);
  });

  it('account access: answers checked all at once, one response per account (20 parallel requests give exactly one)', async () => {
    const c = await consultation();
    const [single, multiple, scale, text] = c.questions;
    // Not open yet.
    expect((await respond(resident, c.id, { answers: [{ questionId: single.id, choice: 0 }] }).expect(409)).body.code).toBe('consultation_not_open');
    await open(c.id);

    expect(
      (
        await respond(null, c.id, {
          answers: [
            { questionId: single.id, choice: 0 },
            { questionId: scale.id, value: 3 },
          ],
          email: 'x@example.pl',
        }).expect(401)
      ).body.code,
    ).toBe('account_required');
    const bad = await respond(resident, c.id, {
      answers: [
        { questionId: single.id, choice: 3 },
        { questionId: multiple.id, choices: [1, 1, 7] },
        { questionId: text.id, text: 'x'.repeat(5001) },
        { questionId: '00000000-0000-4000-8000-000000000000', choice: 0 },
        { questionId: text.id, value: 2 },
      ],
    }).expect(422);
    expect(bad.body.code).toBe('invalid_answers');
    expect(fields(bad.body)).toEqual(
      expect.arrayContaining([
        'answers.0.choice',
        'answers.1.choices.1',
        'answers.1.choices.2',
        'answers.2.text',
        'answers.3.questionId',
        'answers.4.questionId',
        'answers',
      ]),
    );
    const missing = bad.body.errors.find((e: { field: string; code: string }) => e.field === 'answers');
    expect(missing.message).toContain('Pytanie 3 jest obowiązkowe');
    const range = await respond(resident, c.id, {
      answers: [
        { questionId: single.id, choice: 0 },
        { questionId: scale.id, value: 6 },
      ],
    }).expect(422);
    expect(fields(range.body)).toEqual(['answers.1.value']);
    const wrongField = await respond(resident, c.id, {
      answers: [
        { questionId: single.id, choices: [0] },
        { questionId: scale.id, value: 2 },
      ],
    }).expect(422);
    expect(fields(wrongField.body)).toEqual(expect.arrayContaining(['answers.0.choices', 'answers']));
    expect(await count(`SELECT count(*)::int AS n FROM survey_responses WHERE consultation_id = $1`, [c.id])).toBe(0);

    const ok = await respond(resident, c.id, {
      answers: [
        { questionId: single.id, choice: 1 },
        { questionId: multiple.id, choices: [2, 0] },
        { questionId: scale.id, value: 4 },
        { questionId: text.id, text: '<script>alert(1)</script>Więcej <i>drzew</i>' },
      ],
    }).expect(201);
    expect(ok.body).toMatchObject({ status: 'confirmed', confirmation: null });
    const again = await respond(resident, c.id, {
      answers: [
        { questionId: single.id, choice: 0 },
        { questionId: scale.id, value: 1 },
      ],
    }).expect(409);
    expect(again.body.code).toBe('already_responded');
    expect(
      await count(`SELECT count(*)::int AS n FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id WHERE r.user_id = $1`, [resident.id]),
    ).toBe(4);
    expect((await db.query(`SELECT text FROM survey_answers WHERE question_id = $1`, [text.id]))[0].text).toBe('alert(1)Więcej drzew');

    const racer = await createUser(t);
    const statuses = (
      await Promise.all(
        Array.from({ length: 20 }, () =>
          respond(racer, c.id, {
            answers: [
              { questionId: single.id, choice: 2 },
              { questionId: scale.id, value: 5 },
            ],
          }),
        ),
      )
    ).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(await count(`SELECT count(*)::int AS n FROM survey_responses WHERE consultation_id = $1 AND user_id = $2`, [c.id, racer.id])).toBe(1);

    // While open: no results, not even partial ones.
    expect((await as(null).get(`/api/v1/consultations/${c.id}/survey`).expect(200)).body.results).toBeNull();
  });

  it('e-mail code: pending until confirmed (15 minutes, 5 attempts), one response per address, pending answers never counted; results after closing', async () => {
    const c = await consultation({ surveyAccess: 'email_code' });
    const [single, multiple, scale, text] = c.questions;
    await open(c.id);
    const answers = (choice: number, value: number, extra: Array<Record<string, unknown>> = []) => [
      { questionId: single.id, choice },
      { questionId: scale.id, value },
      ...extra,
    ];

    const noEmail = await respond(null, c.id, { answers: answers(0, 3) }).expect(422);
    expect(fields(noEmail.body)).toEqual(['email']);

    // Anna: pending, the code mailed (never in the job payload), a wrong code, then the right one.
    const anna = uniqueEmail('anna');
    const r1 = await respond(null, c.id, { answers: answers(0, 5, [{ questionId: text.id, text: 'Ławki <script>x</script>w parku' }]), email: anna }).expect(
      201,
    );
    expect(r1.body).toMatchObject({ status: 'pending', confirmation: 'email_code', confirmedAt: null });
    const mail = await mailTo(anna, c.title);
    const code = codeIn(mail);
    // Polish and English in one mail (a response keeps no language).
    expect(mail).toContain('Aby potwierdzić odpowiedź na ankietę');
    expect(mail).toContain('to confirm your answers to the survey');
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'send-survey-code' AND payload::text LIKE $1`, [`%${anna}%`])).toBe(0);
    expect((await db.query(`SELECT code_hash FROM survey_responses WHERE id = $1`, [r1.body.id]))[0].code_hash).not.toContain(code);
    const confirmUrl = (id: string) => `/api/v1/consultations/${c.id}/survey/responses/${id}/confirm`;
    const wrong = code === '000000' ? '111111' : '000000';
    const w = await as(null).post(confirmUrl(r1.body.id)).send({ code: wrong }).expect(422);
    expect(w.body.code).toBe('wrong_code');
    expect(w.body.errors[0].message).toContain('4');
    await as(null).post(confirmUrl(r1.body.id)).send({ code: 'abc' }).expect(422);
    // The response belongs to this consultation only.
    const other = await consultation({ surveyAccess: 'email_code' });
    await as(null).post(`/api/v1/consultations/${other.id}/survey/responses/${r1.body.id}/confirm`).send({ code }).expect(404);
    const ok = await as(null).post(confirmUrl(r1.body.id)).send({ code }).expect(200);
    expect(ok.body).toMatchObject({ id: r1.body.id, status: 'confirmed' });
    await as(null).post(confirmUrl(r1.body.id)).send({ code }).expect(200);
    // Once confirmed, the code hash is gone; the address stays (for the report's notice), normalised.
    expect((await db.query(`SELECT email, code_hash FROM survey_responses WHERE id = $1`, [r1.body.id]))[0]).toEqual({
      email: anna.toLowerCase(),
      code_hash: null,
    });
    // The same address again (in capitals): refused.
    expect((await respond(null, c.id, { answers: answers(1, 1), email: anna.toUpperCase() }).expect(409)).body.code).toBe('already_responded');

    // Bartek: five wrong codes, then even the right one is refused.
    const bartek = uniqueEmail('bartek');
    const r2 = await respond(null, c.id, { answers: answers(1, 1, [{ questionId: multiple.id, choices: [3] }]), email: bartek }).expect(201);
    const code2 = codeIn(await mailTo(bartek, c.title));
    const wrong2 = code2 === '999999' ? '888888' : '999999';
    for (let i = 0; i < 4; i++) expect((await as(null).post(confirmUrl(r2.body.id)).send({ code: wrong2 }).expect(422)).body.code).toBe('wrong_code');
    expect((await as(null).post(confirmUrl(r2.body.id)).send({ code: wrong2 }).expect(429)).body.code).toBe('too_many_attempts');
    expect((await as(null).post(confirmUrl(r2.body.id)).send({ code: code2 }).expect(429)).body.code).toBe('too_many_attempts');

    // Celina: the code expires (SQL only simulates the 15 minutes passing).
    const celina = uniqueEmail('celina');
    const r3 = await respond(null, c.id, { answers: answers(2, 2), email: celina }).expect(201);
    const code3 = codeIn(await mailTo(celina, c.title));
    await db.query(`UPDATE survey_responses SET code_expires_at = now() - interval '1 second' WHERE id = $1`, [r3.body.id]);
    expect((await as(null).post(confirmUrl(r3.body.id)).send({ code: code3 }).expect(409)).body.code).toBe('code_expired');
    // Until it is released, the unconfirmed response blocks the address; once its code has expired and 15 minutes have
    // passed since it was made (SQL again only simulates the time), it gives way to a new one.
    expect((await respond(null, c.id, { answers: answers(2, 2), email: celina }).expect(409)).body.code).toBe('already_responded');
    await db.query(`UPDATE survey_responses SET created_at = now() - interval '16 minutes' WHERE id = $1`, [r3.body.id]);
    const r4 = await respond(null, c.id, { answers: answers(2, 2), email: celina }).expect(201);
    expect(r4.body.status).toBe('pending');
    await as(null).post(confirmUrl(r3.body.id)).send({ code: code3 }).expect(404);

    // A signed-in participant answers as with an account: confirmed at once, no mail.
    const signed = await respond(resident, c.id, { answers: answers(0, 4, [{ questionId: multiple.id, choices: [0, 3] }]) }).expect(201);
    expect(signed.body).toMatchObject({ status: 'confirmed', confirmation: null });

    expect((await as(null).get(`/api/v1/consultations/${c.id}/survey`).expect(200)).body.results).toBeNull();
    await close(c.id);
    // Closed: no more responses, no more confirmations.
    expect((await respond(null, c.id, { answers: answers(0, 3), email: uniqueEmail('late') }).expect(409)).body.code).toBe('consultation_not_open');
    expect((await as(null).post(confirmUrl(r4.body.id)).send({ code: code3 }).expect(409)).body.code).toBe('survey_closed');

    const res = (await as(null).get(`/api/v1/consultations/${c.id}/survey`).expect(200)).body.results;
    // Anna and the signed-in resident: Bartek and Celina never confirmed (their answers are stored, never counted).
    expect(res.respondents).toBe(2);
    const [qs, qm, qv, qt] = res.questions;
    expect(qs).toMatchObject({
      questionId: single.id,
      answered: 2,
      options: [
        { index: 0, option: 'Tak', count: 2 },
        { index: 1, count: 0 },
        { index: 2, count: 0 },
      ],
    });
    expect(qm.options.map((o: { count: number }) => o.count)).toEqual([1, 0, 0, 1]);
    expect(qv).toMatchObject({ answered: 2, mean: 4.5 });
    expect(qv.values).toEqual([
      { value: 1, count: 0 },
      { value: 2, count: 0 },
      { value: 3, count: 0 },
      { value: 4, count: 1 },
      { value: 5, count: 1 },
    ]);
    expect(qt).toEqual({ questionId: text.id, position: 4, kind: 'text', prompt: 'Uwagi', answered: 1, texts: ['Ławki xw parku'] });
    expect(JSON.stringify(res)).not.toMatch(/@|<script|user/i);
  });

  it('NGO-only consultation: an account that is not an organisation is refused, an organisation answers', async () => {
    const c = await consultation({ audience: 'ngo' });
    await open(c.id);
    const body = {
      answers: [
        { questionId: c.questions[0].id, choice: 0 },
        { questionId: c.questions[2].id, value: 3 },
      ],
    };
    expect((await respond(resident, c.id, body).expect(403)).body.code).toBe('ngo_only');
    expect((await respond(null, c.id, { ...body, email: uniqueEmail('anon') }).expect(401)).body.code).toBe('account_required');
    const ngo = await createUser(t);
    await as(admin)
      .put(`/api/v1/admin/users/${ngo.id}/organisation`)
      .send({ name: 'Stowarzyszenie Zielona Oliwa', krs: String(1_000_000_000 + n).padStart(10, '0') })
      .expect(200);
    expect((await respond(ngo, c.id, body).expect(201)).body.status).toBe('confirmed');
    expect(await count(`SELECT count(*)::int AS n FROM survey_responses WHERE consultation_id = $1`, [c.id])).toBe(1);
  });

  const mailTo = (address: string, needle: string) => mailFile(t, address, needle);
});
