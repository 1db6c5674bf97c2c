import { DataSource } from 'typeorm';
import { zonedDate } from '@civitas/common';
import { createTestApp, TestApp } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { application, CRITERIA, YEAR } from '../factories/initiatives.factory';
import { actingAs, createUser, TestUser } from '../factories/users.factory';

const TODAY = zonedDate(new Date());

/** Local initiatives after approval: the agreement document, signature, carrying out, final report, completion, termination. */
describe('local initiatives: agreement, carrying out, final report (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let official: TestUser;
  let otherOfficial: TestUser;
  let anna: TestUser;
  let piotr: TestUser;
  let area: string;
  let main: string;
  let caseNumber: string;

  const as = (u: TestUser) => actingAs(t, u);
  const fields = (body: { errors?: Array<{ field: string }> }) => [...new Set((body.errors ?? []).map((e) => e.field))];
  const statusOf = async (id: string) => ((await db.query(`SELECT status FROM initiatives WHERE id = $1`, [id])) as Array<{ status: string }>)[0].status;
  /** The status notifications from the approval on (the review before it is not this file's subject). */
  const fromApproval = (events: Array<{ facts: Record<string, string> }>) =>
    events.map((e) => e.facts.status).slice(events.findIndex((e) => e.facts.status === 'approved'));
  const told = async (id: string) =>
    (await db.query(
      `SELECT facts, topics, user_ids, emails FROM notification_events WHERE kind = 'initiative.status_changed' AND facts->>'initiativeId' = $1 ORDER BY created_at, id`,
      [id],
    )) as Array<{ facts: Record<string, string>; topics: string[]; user_ids: string[]; emails: Array<{ email: string }> }>;
  const remaining = async () => (await t.http().get(`/api/v1/initiative-programmes/${YEAR}`).expect(200)).body.remaining as number;

  /** An application of Anna's taken through registration, the formal check, scoring and approval by the area's official. */
  const approved = async (o: Record<string, unknown> = {}): Promise<string> => {
    const id = (
      await as(anna)
        .post('/api/v1/initiatives')
        .send(application({ areaId: area, ...o }))
        .expect(201)
    ).body.id as string;
    await as(anna).post(`/api/v1/initiatives/${id}/submit`).expect(200);
    await as(official).post(`/api/v1/admin/initiatives/${id}/register`).expect(200);
    await as(official).post(`/api/v1/admin/initiatives/${id}/formal-check`).expect(200);
    await as(official).post(`/api/v1/admin/initiatives/${id}/formal-check/pass`).expect(200);
    await as(official)
      .put(`/api/v1/admin/initiatives/${id}/scores`)
      .send({ scores: { volunteer: 8, purpose: 7, cost: 4 } })
      .expect(200);
    const decided = await as(official)
      .post(`/api/v1/admin/initiatives/${id}/decision`)
      .send({ approve: true, purposefulness: 'Służy całemu osiedlu.', reason: 'Zgodny z programem.' })
      .expect(200);
    expect(decided.body.status).toBe('approved');
    return id;
  };
  const signedAndStarted = async (id: string) => {
    await as(official)
      .post(`/api/v1/admin/initiatives/${id}/agreement`)
      .send({ termFrom: `${YEAR}-06-01`, termTo: `${YEAR}-09-30` })
      .expect(200);
    await as(official).post(`/api/v1/admin/initiatives/${id}/agreement/sign`).send({ signedOn: TODAY }).expect(200);
    await as(official).post(`/api/v1/admin/initiatives/${id}/start`).expect(200);
  };

  const report = (o: Record<string, unknown> = {}) => ({
    summary: 'Mural namalowany, sześć ławek ustawionych.',
    volunteerPeople: 12,
    volunteerHours: 10,
    inKind: [{ item: 'Pędzle, wałki i taśmy', value: 25_000 }],
    cash: 40_000,
    cityShare: [
      { kind: 'materials', description: 'Farby elewacyjne', value: 550_000 },
      { kind: 'equipment', description: 'Ławki parkowe', value: 900_000 },
    ],
    ...o,
  });

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Gdańsk', kind: 'city', residentCount: 470_000 });
    area = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    const other = await createArea(t, { name: 'Wrzeszcz', kind: 'district', parentId: city, residentCount: 40_000 });
    const admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { grants: [{ role: 'official', areaId: area }] });
    otherOfficial = await createUser(t, { grants: [{ role: 'official', areaId: other }] });
    anna = await createUser(t, { displayName: 'Anna Nowak' });
    piotr = await createUser(t);
    await actingAs(t, admin)
      .put(`/api/v1/admin/initiative-programmes/${YEAR}`)
      .send({ intake: 'continuous', allocation: 10_000_000, minApplicants: 3, criteria: CRITERIA, volunteerHourValue: 3_500 })
      .expect(200);
    // Odd grosze on purpose: the document must show them exactly.
    main = await approved({ cash: 123_456, description: 'Mural i ławki; koszt < 5 000 zł & "tanio" > nic.' });
    caseNumber = (await as(official).get(`/api/v1/initiatives/${main}`).expect(200)).body.caseNumber;
  }, 180_000);
  afterAll(() => t?.close());

  it('the agreement is drafted by an official of the area only, with a valid term, and can be drafted again before signing', async () => {
    const path = `/api/v1/admin/initiatives/${main}/agreement`;
    const term = { termFrom: `${YEAR}-06-01`, termTo: `${YEAR}-07-15` };
    expect((await as(official).get(path).expect(404)).body.code).toBe('agreement_not_found');
    await t.http().post(path).send(term).expect(401);
    await as(piotr).post(path).send(term).expect(403);
    await as(anna).post(path).send(term).expect(403);
    await as(otherOfficial).post(path).send(term).expect(403);
    expect(fields((await as(official).post(path).send({ termFrom: 'jutro', termTo: term.termTo }).expect(422)).body)).toEqual(['termFrom']);
    expect(
      fields(
        (
          await as(official)
            .post(path)
            .send({ termFrom: `${YEAR}-07-01`, termTo: `${YEAR}-06-30` })
            .expect(422)
        ).body,
      ),
    ).toEqual(['termTo']);
    expect(
      fields(
        (
          await as(official)
            .post(path)
            .send({ termFrom: `${YEAR}-02-30`, termTo: `${YEAR}-03-01` })
            .expect(422)
        ).body,
      ),
    ).toEqual(['termFrom']);
    expect(await statusOf(main)).toBe('approved');

    const drafted = await as(official).post(path).send(term).expect(200);
    expect(drafted.body).toMatchObject({
      status: 'agreement_drafted',
      agreement: { number: `${caseNumber}/U`, termFrom: term.termFrom, termTo: term.termTo, signedAt: null },
    });

    const again = await as(official)
      .post(path)
      .send({ termFrom: `${YEAR}-06-01`, termTo: `${YEAR}-08-31`, number: 'UM/<b>17</b>/IL' })
      .expect(200);
    expect(again.body).toMatchObject({ status: 'agreement_drafted', agreement: { number: 'UM/17/IL', termTo: `${YEAR}-08-31` } });
    expect(fromApproval(await told(main))).toEqual(['approved', 'agreement_drafted', 'agreement_drafted']);
    const [last] = (await told(main)).slice(-1);
    expect(last).toMatchObject({ user_ids: [anna.id], topics: [] });
    expect(last.emails.map((e) => e.email)).toEqual(['anna.nowak@example.pl']);

    // Only an approved application gets an agreement.
    const fresh = (
      await as(anna)
        .post('/api/v1/initiatives')
        .send(application({ areaId: area }))
        .expect(201)
    ).body.id;
    await as(anna).post(`/api/v1/initiatives/${fresh}/submit`).expect(200);
    await as(official).post(`/api/v1/admin/initiatives/${fresh}/register`).expect(200);
    expect((await as(official).post(`/api/v1/admin/initiatives/${fresh}/agreement`).send(term).expect(409)).body.code).toBe('invalid_transition');
    expect((await as(anna).get(`/api/v1/initiatives/${fresh}/agreement`).expect(404)).body.code).toBe('agreement_not_found');
  });

  it('the agreement document: parties, task, schedule, both contributions with values, term, reporting, signatures; all escaped', async () => {
    // Text stored before input was cleaned must still come out inert.
    await db.query(`UPDATE initiative_applicants SET last_name = '<script>alert(1)</script>' WHERE initiative_id = $1 AND position = 3`, [main]);
    const res = await as(official).get(`/api/v1/admin/initiatives/${main}/agreement`).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''umowa-${caseNumber.replace(/\//g, '-')}.html`);
    expect(res.headers['cache-control']).toBe('no-store');
    const html = res.text;
    for (const part of [
      'Umowa nr UM/17/IL',
      `wniosek nr ${caseNumber}`,
      '<strong>Miastem</strong>, reprezentowanym przez ……',
      'grupą mieszkańców',
      'Anna Nowak, zam. ul. Klonowa 1, Gdańsk',
      'Piotr Wiśniewski, zam. ul. Klonowa 3, Gdańsk',
      '„<strong>Ławki i mural przy szkole</strong>”',
      'w zakresie: Działalność wspomagająca rozwój wspólnot i społeczności lokalnych',
      'Miejsce realizacji: Skwer przy SP 12, ul. Lipowa',
      `<td>01.06.${YEAR} r.</td><td>30.06.${YEAR} r.</td><td>Prace przy muralu i ławkach</td>`,
      'Całkowity koszt zadania: <span class="kwota">20 000,00 zł</span>',
      '10 os. × 8 godz. × <span class="kwota">35,00 zł</span> za godzinę</td><td class="liczba"><span class="kwota">2 800,00 zł</span>',
      '<td>Pędzle i wałki</td><td class="liczba"><span class="kwota">300,00 zł</span>',
      'Wkład pieniężny</td><td class="liczba"><span class="kwota">1 234,56 zł</span>',
      'Wkład Wnioskodawców razem</th><td class="liczba suma"><span class="kwota">4 334,56 zł</span>',
      '<td>materiały</td><td>Farby elewacyjne</td><td class="liczba"><span class="kwota">6 000,00 zł</span>',
      '<td>sprzęt</td><td>Ławki parkowe</td><td class="liczba"><span class="kwota">9 000,00 zł</span>',
      'Wkład Miasta razem</th><td class="liczba suma"><span class="kwota">15 000,00 zł</span>',
      'Miasto nie przekazuje Wnioskodawcom środków pieniężnych',
      `od 01.06.${YEAR} r. do 31.08.${YEAR} r.`,
      `w terminie 30 dni od dnia zakończenia realizacji zadania, tj. do dnia 30.09.${YEAR} r.`,
      'Za Miasto',
      'Za Wnioskodawców',
      'koszt &lt; 5 000 zł &amp; &quot;tanio&quot; &gt; nic.',
      'Ewa &lt;script&gt;alert(1)&lt;/script&gt;',
    ])
      expect(html).toContain(part);
    expect(html).not.toMatch(/<script/i);

    // The author may download it too; nobody else outside the area's officials.
    const mine = await as(anna).get(`/api/v1/initiatives/${main}/agreement`).expect(200);
    expect(mine.text).toBe(html);
    await as(piotr).get(`/api/v1/initiatives/${main}/agreement`).expect(403);
    await as(piotr).get(`/api/v1/admin/initiatives/${main}/agreement`).expect(403);
    await as(otherOfficial).get(`/api/v1/initiatives/${main}/agreement`).expect(403);
    await as(anna).get(`/api/v1/admin/initiatives/${main}/agreement`).expect(403);
    await t.http().get(`/api/v1/initiatives/${main}/agreement`).expect(401);
    await db.query(`UPDATE initiative_applicants SET last_name = 'Kamińska' WHERE initiative_id = $1 AND position = 3`, [main]);
  });

  it('an NGO acting for the residents is named with its KRS number', async () => {
    const id = (
      await as(anna)
        .post('/api/v1/initiatives')
        .send(application({ areaId: area, applicantType: 'ngo', ngoName: 'Stowarzyszenie „Lipowa”', ngoKrs: '0000111222' }))
        .expect(201)
    ).body.id;
    await as(anna)
      .post(`/api/v1/initiatives/${id}/attachments?kind=authorisation&name=upowaznienie.pdf`)
      .set('content-type', 'application/pdf')
      .send(Buffer.from('%PDF-1.4\n% upowaznienie\n'))
      .expect(201);
    await as(anna).post(`/api/v1/initiatives/${id}/submit`).expect(200);
    await as(official).post(`/api/v1/admin/initiatives/${id}/register`).expect(200);
    await as(official).post(`/api/v1/admin/initiatives/${id}/formal-check`).expect(200);
    await as(official).post(`/api/v1/admin/initiatives/${id}/formal-check/pass`).expect(200);
    await as(official)
      .put(`/api/v1/admin/initiatives/${id}/scores`)
      .send({ scores: { volunteer: 6, purpose: 6, cost: 3 } })
      .expect(200);
    await as(official).post(`/api/v1/admin/initiatives/${id}/decision`).send({ approve: true, purposefulness: 'Tak.', reason: 'Tak.' }).expect(200);
    await as(official)
      .post(`/api/v1/admin/initiatives/${id}/agreement`)
      .send({ termFrom: `${YEAR}-06-01`, termTo: `${YEAR}-06-30` })
      .expect(200);
    const html = (await as(official).get(`/api/v1/admin/initiatives/${id}/agreement`).expect(200)).text;
    expect(html).toContain(
      '<strong>Stowarzyszenie „Lipowa”</strong>, wpisaną do Krajowego Rejestru Sądowego pod numerem KRS 0000111222, działającą w imieniu i na rzecz mieszkańców',
    );
    expect(html).not.toContain('grupą mieszkańców');
  });

  it('signed, started, reported by the author (all problems at once), completed by the official and told to the subscribers', async () => {
    const admin = (p: string) => `/api/v1/admin/initiatives/${main}/${p}`;
    const reportPath = `/api/v1/initiatives/${main}/final-report`;
    await as(official).post(admin('start')).expect(409);
    await as(anna).post(reportPath).send(report()).expect(409);
    await as(otherOfficial).post(admin('agreement/sign')).send({ signedOn: TODAY }).expect(403);
    await as(piotr).post(admin('agreement/sign')).send({ signedOn: TODAY }).expect(403);
    await t.http().post(admin('agreement/sign')).send({ signedOn: TODAY }).expect(401);
    expect(
      fields(
        (
          await as(official)
            .post(admin('agreement/sign'))
            .send({ signedOn: `${YEAR + 1}-01-01` })
            .expect(422)
        ).body,
      ),
    ).toEqual(['signedOn']);
    expect(fields((await as(official).post(admin('agreement/sign')).send({}).expect(422)).body)).toEqual(['signedOn']);
    const signed = await as(official).post(admin('agreement/sign')).send({ signedOn: TODAY }).expect(200);
    expect(signed.body.status).toBe('agreement_signed');
    expect(zonedDate(new Date(signed.body.agreement.signedAt))).toBe(TODAY);
    await as(official).post(admin('agreement/sign')).send({ signedOn: TODAY }).expect(409);
    await as(official)
      .post(admin('agreement'))
      .send({ termFrom: `${YEAR}-06-01`, termTo: `${YEAR}-07-15` })
      .expect(409);
    await as(official).post(admin('complete')).expect(409);

    await as(otherOfficial).post(admin('start')).expect(403);
    expect((await as(official).post(admin('start')).expect(200)).body.status).toBe('in_progress');
    await as(official).post(admin('start')).expect(409);
    expect((await as(official).post(admin('complete')).expect(409)).body.code).toBe('final_report_missing');

    // The report: only the author, complete and consistent, every problem named at once, nothing stored otherwise.
    await t.http().post(reportPath).send(report()).expect(401);
    await as(piotr).post(reportPath).send(report()).expect(403);
    await as(official).post(reportPath).send(report()).expect(403);
    const wrong = await as(anna)
      .post(reportPath)
      .send(
        report({
          summary: '<b></b>',
          volunteerPeople: 0,
          volunteerHours: 0,
          cash: 0,
          inKind: [{ item: '<i></i>', value: 0 }],
          cityShare: [{ kind: 'materials', description: '<p></p>', value: 5 }],
        }),
      )
      .expect(422);
    expect(wrong.body.code).toBe('invalid_report');
    expect(fields(wrong.body)).toEqual(['summary', 'inKind.0.item', 'cityShare.0.description', 'volunteerHours']);
    const shape = await as(anna)
      .post(reportPath)
      .send(report({ volunteerPeople: -1, cash: 'dużo', cityShare: [{ kind: 'cash', description: 'Pieniądze', value: 1 }] }))
      .expect(422);
    expect(fields(shape.body)).toEqual(expect.arrayContaining(['volunteerPeople', 'cash', 'cityShare.0.kind']));
    expect(((await db.query(`SELECT final_report FROM initiatives WHERE id = $1`, [main])) as Array<{ final_report: unknown }>)[0].final_report).toBeNull();

    const filed = await as(anna).post(reportPath).send(report()).expect(200);
    expect(filed.body.status).toBe('in_progress');
    expect(filed.body.finalReport).toMatchObject({
      summary: 'Mural namalowany, sześć ławek ustawionych.',
      volunteerPeople: 12,
      volunteerHours: 10,
      volunteerHourValue: 3_500,
      volunteerValue: 12 * 10 * 3_500,
      inKindValue: 25_000,
      cash: 40_000,
      contributionTotal: 420_000 + 25_000 + 40_000,
      cityShareTotal: 1_450_000,
    });
    // Filed again (corrected) while in progress: the last one counts.
    expect(
      (
        await as(anna)
          .post(reportPath)
          .send(report({ cash: 45_000 }))
          .expect(200)
      ).body.finalReport.contributionTotal,
    ).toBe(420_000 + 25_000 + 45_000);

    // The public register shows what was contributed, and no personal data of the applicants.
    const publicView = (await as(piotr).get(`/api/v1/initiatives/${main}`).expect(200)).body;
    expect(publicView.finalReport).toMatchObject({ contributionTotal: 420_000 + 25_000 + 45_000, cityShareTotal: 1_450_000 });
    expect(publicView.finalReport).not.toHaveProperty('summary');
    const pub = JSON.stringify(publicView);
    for (const secret of ['Klonowa', 'Kamińska', 'anna.nowak@example.pl', '600 100 200']) expect(pub).not.toContain(secret);

    await as(otherOfficial).post(admin('complete')).expect(403);
    await as(anna).post(admin('complete')).expect(403);
    const done = await as(official).post(admin('complete')).expect(200);
    expect(done.body.status).toBe('completed');
    await as(official).post(admin('complete')).expect(409);
    await as(official).post(admin('terminate')).send({ reason: 'Za późno.' }).expect(409);
    await as(anna).post(reportPath).send(report()).expect(409);

    const events = await told(main);
    expect(fromApproval(events)).toEqual(['approved', 'agreement_drafted', 'agreement_drafted', 'agreement_signed', 'in_progress', 'completed']);
    expect(events.find((e) => e.facts.status === 'completed')).toMatchObject({ topics: ['initiatives'], user_ids: [anna.id] });
    expect(events.find((e) => e.facts.status === 'agreement_signed')!.topics).toEqual([]);
    const audit = (await db.query(`SELECT action, actor_id FROM audit_log WHERE subject_type = 'initiative' AND subject_id = $1 ORDER BY seq`, [
      main,
    ])) as Array<{ action: string; actor_id: string }>;
    const after = audit.slice(audit.findIndex((a) => a.action === 'initiatives.agreement_drafted'));
    expect(after.map((a) => a.action)).toEqual([
      'initiatives.agreement_drafted',
      'initiatives.agreement_redrafted',
      'initiatives.agreement_signed',
      'initiatives.started',
      'initiatives.final_report_filed',
      'initiatives.final_report_filed',
      'initiatives.completed',
    ]);
    expect(after.map((a) => a.actor_id)).toEqual([official.id, official.id, official.id, official.id, anna.id, anna.id, official.id]);
  });

  it('termination (signed or in progress) gives the city share back to the year’s allocation and tells the applicants why', async () => {
    const before = await remaining();
    const signedOnly = await approved();
    const running = await approved();
    expect(await remaining()).toBe(before - 2 * 1_500_000);

    const path = (id: string, p: string) => `/api/v1/admin/initiatives/${id}/${p}`;
    // Approved and drafted agreements cannot be terminated (nothing is signed yet).
    await as(official).post(path(signedOnly, 'terminate')).send({ reason: 'Brak.' }).expect(409);
    await as(official)
      .post(path(signedOnly, 'agreement'))
      .send({ termFrom: `${YEAR}-06-01`, termTo: `${YEAR}-06-30` })
      .expect(200);
    await as(official).post(path(signedOnly, 'terminate')).send({ reason: 'Brak.' }).expect(409);
    await as(official).post(path(signedOnly, 'agreement/sign')).send({ signedOn: TODAY }).expect(200);

    await as(otherOfficial).post(path(signedOnly, 'terminate')).send({ reason: 'Wnioskodawcy zrezygnowali.' }).expect(403);
    await as(piotr).post(path(signedOnly, 'terminate')).send({ reason: 'Wnioskodawcy zrezygnowali.' }).expect(403);
    expect(fields((await as(official).post(path(signedOnly, 'terminate')).send({ reason: '<b> </b>' }).expect(422)).body)).toEqual(['reason']);
    expect(fields((await as(official).post(path(signedOnly, 'terminate')).send({}).expect(422)).body)).toEqual(['reason']);
    expect(await statusOf(signedOnly)).toBe('agreement_signed');
    const t1 = await as(official).post(path(signedOnly, 'terminate')).send({ reason: 'Wnioskodawcy zrezygnowali.' }).expect(200);
    expect(t1.body).toMatchObject({ status: 'terminated', terminatedReason: 'Wnioskodawcy zrezygnowali.' });
    expect(await remaining()).toBe(before - 1_500_000);

    await signedAndStarted(running);
    await as(anna).post(`/api/v1/initiatives/${running}/final-report`).send(report()).expect(200);
    await as(official).post(path(running, 'terminate')).send({ reason: 'Teren przekazano pod inwestycję.' }).expect(200);
    expect(await remaining()).toBe(before);
    for (const p of ['terminate', 'start', 'complete']) await as(official).post(path(running, p)).send({ reason: 'Znowu.' }).expect(409);
    await as(official).post(path(running, 'agreement/sign')).send({ signedOn: TODAY }).expect(409);

    const [last] = (await told(signedOnly)).slice(-1);
    expect(last.facts).toMatchObject({ status: 'terminated', reason: 'Wnioskodawcy zrezygnowali.' });
    expect(last.user_ids).toEqual([anna.id]);
    expect((await told(running)).map((e) => e.facts.status).slice(-4)).toEqual(['agreement_drafted', 'agreement_signed', 'in_progress', 'terminated']);
    // The agreement of a terminated application stays available to its parties.
    await as(anna).get(`/api/v1/initiatives/${running}/agreement`).expect(200);
  });
});
