import { DataSource } from 'typeorm';
import { zonedDate } from '@civitas/common';
import { ConsultationsService } from '@civitas/consultations';
import type { TestApp } from './create-test-app';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { application, CRITERIA, YEAR } from '../factories/initiatives.factory';
import { actingAs, type TestUser } from '../factories/users.factory';
import type { Operation } from './fuzz';

const DAY = 86_400_000;

/** Replaced by a number of its own in every request, so that names meant to be unique stay unique. */
export const UNIQUE = '#n#';

/**
 * The data the fuzz requests point at: objects in the states their operations accept, so that a malformed field
 * is checked where the use case would store it. `idFor(name, template)` gives an id for a path parameter (by the
 * segment before it, or its name) or a body field; `bodyFor(op)` a valid body whose fields the cases spoil one by
 * one. Operations without an entry get a body made from their schema.
 */
export async function seedFuzzWorld(
  t: TestApp,
  u: { resident: TestUser; admin: TestUser; target: TestUser },
): Promise<{ idFor: (name: string, template: string) => string | undefined; bodyFor: (op: Operation) => unknown }> {
  const db = t.app.get(DataSource);
  const admin = actingAs(t, u.admin);
  const resident = actingAs(t, u.resident);
  const today = zonedDate(new Date());
  const city = await createArea(t, { name: 'Gdańsk', kind: 'city', residentCount: 470_000 });
  const district = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });

  // Budget: a published edition in its submission phase (a pool, a category, the resident's draft and submitted
  // projects) and a draft edition for the administrator's changes.
  const edition = async (name: string, publish: boolean) => {
    const e = await admin
      .post('/api/v1/admin/editions')
      .send({ name, year: YEAR, phases: scheduleWith('submission'), categories: [{ namePl: 'Zieleń', nameEn: 'Greenery' }] })
      .expect(201);
    const pooled = await admin
      .post(`/api/v1/admin/editions/${e.body.id}/pools`)
      .send({ name: 'Ogólnomiejska', amount: 500_000_000, signaturesRequired: 10 })
      .expect(201);
    if (publish) await admin.post(`/api/v1/admin/editions/${e.body.id}/publish`).expect(200);
    return { id: e.body.id as string, pool: pooled.body.pools[0].id as string, category: e.body.categories[0].id as string };
  };
  const published = await edition('Budżet Obywatelski (fuzz)', true);
  const draftEdition = await edition('Budżet Obywatelski (fuzz, szkic)', false);
  const projectBody = (title: string) => ({
    poolId: published.pool,
    categoryId: published.category,
    areaId: district,
    title,
    summary: 'Dziesięć ławek wzdłuż alejki.',
    description: 'Ławki z oparciem, co 50 metrów.',
    justification: 'Starsi mieszkańcy nie mają gdzie odpocząć.',
    beneficiaries: 'Spacerowicze',
    address: 'Park Oliwski',
    latitude: 54.41,
    longitude: 18.56,
    costItems: [{ description: 'Ławki (10 szt.)', amount: 3_000_000 }],
  });
  const draftProject = (await resident.post(`/api/v1/editions/${published.id}/projects`).send(projectBody('Ławki w parku')).expect(201)).body.id as string;
  const submitted = (await resident.post(`/api/v1/editions/${published.id}/projects`).send(projectBody('Kosze na śmieci')).expect(201)).body.id as string;
  await resident.post(`/api/v1/projects/${submitted}/submit`).expect(200);
  // A winner, as the publication of results leaves it (the vote is not seeded), with a progress update and a photo.
  const selected = (await resident.post(`/api/v1/editions/${published.id}/projects`).send(projectBody('Plac zabaw')).expect(201)).body.id as string;
  await resident.post(`/api/v1/projects/${selected}/submit`).expect(200);
  await db.query(`UPDATE budget_projects SET status = 'selected' WHERE id = $1`, [selected]);
  const implementationBody = () => ({ status: 'implementing', percent: 10, note: 'Prace trwają.', happenedOn: today });
  const update = (await admin.post(`/api/v1/projects/${selected}/implementation`).send(implementationBody()).expect(201)).body.id as string;
  const photo = (
    await admin
      .post(`/api/v1/implementation-updates/${update}/photos`)
      .query({ name: 'plac.png' })
      .set('content-type', 'image/png')
      .send(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]))
      .expect(201)
  ).body.id as string;

  // Consultations: a draft (its own changes), an open one (comments, survey, meetings) and a closed one (report).
  const opensAt = Date.now() + 8 * DAY;
  const iso = (ms: number) => new Date(ms).toISOString();
  const consultationBody = () => ({
    title: `Park Oliwski ${UNIQUE}`,
    summary: 'Plan dla parku.',
    body: '## Cel\n\nUstalenie przeznaczenia terenu.',
    topic: 'planowanie przestrzenne',
    organiserUnit: 'Biuro Rozwoju Gdańska',
    contact: 'konsultacje@gdansk.example',
    areaIds: [district],
    audience: 'everyone',
    moderation: 'post',
    surveyAccess: 'account',
    minNoticeDays: 7,
    opensAt: iso(opensAt),
    closesAt: iso(opensAt + 30 * DAY),
  });
  const meetingBody = () => ({
    kind: 'meeting',
    title: 'Spotkanie w sprawie parku',
    place: 'Urząd Miejski, sala 3',
    onlineUrl: 'https://example.pl/spotkanie',
    startsAt: iso(opensAt + DAY),
    endsAt: iso(opensAt + DAY + 7_200_000),
    capacity: 50,
  });
  const consultation = async (state: 'draft' | 'open' | 'closed') => {
    const c = (await admin.post('/api/v1/admin/consultations').send(consultationBody()).expect(201)).body.id as string;
    const doc = await admin
      .put(`/api/v1/admin/consultations/${c}/document`)
      .send({ sections: [{ key: '§ 1', heading: 'Przedmiot', body: 'Park ma trzy strefy.' }] })
      .expect(200);
    const survey = await admin
      .put(`/api/v1/admin/consultations/${c}/survey`)
      .send({ questions: [{ kind: 'single', prompt: 'Czy popierasz projekt?', required: true, options: ['Tak', 'Nie'] }] })
      .expect(200);
    const meeting = (await admin.post(`/api/v1/admin/consultations/${c}/meetings`).send(meetingBody()).expect(201)).body.id as string;
    const out = {
      id: c,
      section: doc.body.sections[0].id as string,
      question: survey.body.questions[0].id as string,
      meeting,
      comment: undefined as string | undefined,
    };
    if (state === 'draft') return out;
    await admin.post(`/api/v1/admin/consultations/${c}/announce`).expect(200);
    await db.query(`UPDATE consultations SET opens_at = now() - interval '1 minute' WHERE id = $1`, [c]);
    await t.app.get(ConsultationsService).advance();
    out.comment = (await resident.post(`/api/v1/consultations/${c}/comments`).send({ sectionId: out.section, body: 'Więcej ławek.' }).expect(201)).body.id;
    if (state === 'open') return out;
    await db.query(`UPDATE consultations SET closes_at = now() - interval '1 second' WHERE id = $1`, [c]);
    await t.app.get(ConsultationsService).advance();
    return out;
  };
  const draftConsultation = await consultation('draft');
  const openConsultation = await consultation('open');
  const closedConsultation = await consultation('closed');

  // Local initiatives: this year's programme, the resident's draft, a submitted application and an approved one.
  await admin
    .put(`/api/v1/admin/initiative-programmes/${YEAR}`)
    .send({ intake: 'continuous', allocation: 100_000_000, minApplicants: 3, criteria: CRITERIA, volunteerHourValue: 3_500 })
    .expect(200);
  const initiative = async (state: 'draft' | 'in formal check' | 'approved') => {
    const id = (
      await resident
        .post('/api/v1/initiatives')
        .send(application({ areaId: district }))
        .expect(201)
    ).body.id as string;
    if (state === 'draft') return id;
    await resident.post(`/api/v1/initiatives/${id}/submit`).expect(200);
    await admin.post(`/api/v1/admin/initiatives/${id}/register`).expect(200);
    await admin.post(`/api/v1/admin/initiatives/${id}/formal-check`).expect(200);
    if (state === 'in formal check') return id;
    await admin.post(`/api/v1/admin/initiatives/${id}/formal-check/pass`).expect(200);
    await admin
      .put(`/api/v1/admin/initiatives/${id}/scores`)
      .send({ scores: { volunteer: 8, purpose: 7, cost: 4 } })
      .expect(200);
    await admin
      .post(`/api/v1/admin/initiatives/${id}/decision`)
      .send({ approve: true, purposefulness: 'Służy osiedlu.', reason: 'Zgodny z programem.' })
      .expect(200);
    return id;
  };
  const draftInitiative = await initiative('draft');
  const checkedInitiative = await initiative('in formal check');
  const approvedInitiative = await initiative('approved');

  const common: Record<string, string> = {
    // Path parameters by the segment before them.
    editions: published.id,
    projects: draftProject,
    consultations: openConsultation.id,
    initiatives: draftInitiative,
    users: u.target.id,
    areas: district,
    year: String(YEAR),
    commentId: openConsultation.comment!,
    meetingId: openConsultation.meeting,
    'implementation-updates': update,
    photoId: photo,
    // Body fields.
    poolId: published.pool,
    categoryId: published.category,
    areaId: district,
    parentId: city,
    editionId: published.id,
    projectId: submitted,
    sectionId: openConsultation.section,
    questionId: openConsultation.question,
    userId: u.target.id,
  };
  /** Templates whose objects must be in another state than the common ones. */
  const byTemplate: Array<[RegExp, Record<string, string>]> = [
    [
      /^\/api\/v1\/admin\/editions\/\{id\}(\/(categories|pools|publish))?$/,
      { editions: draftEdition.id, categoryId: draftEdition.category, poolId: draftEdition.pool },
    ],
    [
      /^\/api\/v1\/admin\/consultations\/\{id\}(\/(document|survey|announce|attachments.*|meetings.*))?$/,
      { consultations: draftConsultation.id, meetingId: draftConsultation.meeting, sectionId: draftConsultation.section },
    ],
    [/\/(response|report.*)$/, { consultations: closedConsultation.id, commentId: closedConsultation.comment! }],
    [/^\/api\/v1\/(admin\/)?initiatives\/\{id\}\/(agreement.*|start|terminate|complete|final-report)$/, { initiatives: approvedInitiative }],
    [/^\/api\/v1\/admin\/initiatives\/\{id\}\/(register|formal-check.*|request-correction|scores|decision)$/, { initiatives: checkedInitiative }],
    // The programme of next year: no application is scored under it yet, so its criteria can change.
    [/^\/api\/v1\/admin\/initiative-programmes\/\{year\}$/, { year: String(YEAR + 1) }],
    [/^\/api\/v1\/projects\/\{id\}\/(endorsement|support-lists|attachments.*|cost-proposals.*|reviews)$/, { projects: submitted }],
    [/^\/api\/v1\/projects\/\{id\}\/implementation.*$/, { projects: selected }],
  ];
  const idFor = (name: string, template: string) => {
    for (const [re, ids] of byTemplate) if (re.test(template) && ids[name]) return ids[name];
    return common[name];
  };

  const identity = { firstName: 'Jan', lastName: 'Kowalski', areaId: district, address: 'ul. Opacka 1', email: `glos.${UNIQUE}@example.pl`, birthYear: 1980 };
  const report = {
    summary: 'Mural namalowany.',
    volunteerPeople: 12,
    volunteerHours: 10,
    inKind: [{ item: 'Pędzle', value: 25_000 }],
    cash: 40_000,
    cityShare: [{ kind: 'materials', description: 'Farby', value: 550_000 }],
  };
  const bodies: Record<string, () => unknown> = {
    'POST /api/v1/areas': () => ({ name: `Osiedle ${UNIQUE}`, kind: 'neighbourhood', parentId: district, residentCount: 100 }),
    'PATCH /api/v1/areas/{id}': () => ({ name: 'Oliwa', residentCount: 20_000 }),
    'POST /api/v1/subscriptions': () => ({ email: `sub.${UNIQUE}@example.pl`, locale: 'pl', topics: ['results', `area:${district}`], frequency: 'daily' }),
    'PUT /api/v1/subscriptions/manage': () => ({ locale: 'pl', frequency: 'daily', topics: ['results'] }),
    'PUT /api/v1/me/subscription': () => ({ locale: 'pl', frequency: 'daily', topics: ['results'], ownActivity: true }),
    'PUT /api/v1/users/{id}/roles': () => ({ roles: [{ role: 'official', areaIds: [district] }, { role: 'moderator' }] }),
    'POST /api/v1/admin/editions': () => ({
      name: `Edycja ${UNIQUE}`,
      year: YEAR,
      phases: scheduleWith('submission'),
      rules: { maxAuthors: 3, requiredFields: ['summary'], criteria: ['legality', 'cost'], correctionDays: 7, appealDays: 7, onlineEndorsements: true },
      ballotOrder: 'lottery',
      categories: [{ namePl: 'Sport', nameEn: 'Sport' }],
    }),
    'PATCH /api/v1/admin/editions/{id}': () => ({
      name: `Szkic ${UNIQUE}`,
      year: YEAR,
      phases: scheduleWith('submission'),
      rules: { maxAuthors: 4, onlineEndorsements: false },
      ballotOrder: 'alphabetical',
    }),
    'POST /api/v1/admin/editions/{id}/categories': () => ({ namePl: `Kategoria ${UNIQUE}`, nameEn: `Category ${UNIQUE}` }),
    'POST /api/v1/admin/editions/{id}/pools': () => ({
      name: `Pula ${UNIQUE}`,
      areaId: district,
      categoryId: draftEdition.category,
      amount: 100_000_000,
      minCost: 100_000,
      maxCost: 50_000_000,
      minCostBp: 1,
      maxCostBp: 5_000,
      signaturesRequired: 5,
    }),
    'POST /api/v1/editions/{id}/projects': () => projectBody(`Projekt ${UNIQUE}`),
    'PATCH /api/v1/projects/{id}': () => projectBody(`Projekt ${UNIQUE}`),
    'POST /api/v1/projects/{id}/implementation': implementationBody,
    'POST /api/v1/projects/{id}/invitations': () => ({ email: `wspolautor.${UNIQUE}@example.pl`, locale: 'pl' }),
    'POST /api/v1/editions/{id}/merges': () => ({
      projectIds: [submitted, draftProject],
      title: 'Ławki i kosze',
      summary: 'Razem.',
      description: 'Połączone.',
      costItems: [{ description: 'Ławki', amount: 1_000_000 }],
      justification: 'Ten sam park.',
    }),
    'POST /api/v1/editions/{id}/exclusions': () => ({ projectIds: [submitted, draftProject], reason: 'Ta sama działka.' }),
    'POST /api/v1/projects/{id}/support-lists': () => ({ attachmentId: '00000000-0000-4000-8000-0000000000aa', signatures: 10 }),
    'PUT /api/v1/admin/users/{id}/organisation': () => ({ name: `Fundacja ${UNIQUE}`, krs: '0000123456' }),
    'POST /api/v1/admin/consultations': consultationBody,
    'PATCH /api/v1/admin/consultations/{id}': consultationBody,
    'PUT /api/v1/admin/consultations/{id}/document': () => ({
      note: 'Druga wersja',
      sections: [
        { key: '§ 1', heading: 'Przedmiot', body: 'Park ma cztery strefy.' },
        { key: '§ 2', heading: 'Zieleń', body: 'Sadzimy drzewa.' },
      ],
    }),
    'PUT /api/v1/admin/consultations/{id}/survey': () => ({
      questions: [
        { kind: 'single', prompt: 'Czy popierasz projekt?', required: true, options: ['Tak', 'Nie'] },
        { kind: 'scale', prompt: 'Jak oceniasz?', scaleMin: 1, scaleMax: 5 },
      ],
    }),
    'POST /api/v1/admin/consultations/{id}/meetings': meetingBody,
    'PATCH /api/v1/admin/consultations/{id}/meetings/{meetingId}': meetingBody,
    'POST /api/v1/consultations/{id}/comments': () => ({
      sectionId: openConsultation.section,
      body: 'Więcej drzew.',
      proposedWording: 'Park ma cztery strefy.',
    }),
    'POST /api/v1/admin/consultations/{id}/comments': () => ({
      sectionId: openConsultation.section,
      body: 'Uwaga z listu.',
      proposedWording: 'Park ma cztery strefy.',
      channel: 'paper',
      receivedOn: today,
      authorName: 'Jan Kowalski',
      contactEmail: 'jan@example.pl',
    }),
    'POST /api/v1/admin/consultations/{id}/comments/{commentId}/hide': () => ({ reason: 'other', note: 'Nie na temat.' }),
    'POST /api/v1/consultations/{id}/survey/responses': () => ({ answers: [{ questionId: openConsultation.question, choice: 0 }] }),
    'PUT /api/v1/admin/consultations/{id}/comments/{commentId}/response': () => ({ verdict: 'accepted', justification: 'Uwzględniono.' }),
    'PUT /api/v1/admin/consultations/{id}/report/conclusions': () => ({ conclusions: '## Wnioski\n\nPark zostaje.' }),
    'POST /api/v1/initiatives': () => application({ areaId: district }),
    'PATCH /api/v1/initiatives/{id}': () => application({ areaId: district }),
    'PUT /api/v1/admin/initiatives/{id}/scores': () => ({ scores: { volunteer: 8, purpose: 7, cost: 4 }, remarks: 'Dobry wniosek.' }),
    'POST /api/v1/admin/initiatives/{id}/decision': () => ({ approve: true, purposefulness: 'Służy osiedlu.', reason: 'Zgodny z programem.' }),
    'POST /api/v1/admin/initiatives/{id}/agreement': () => ({ termFrom: `${YEAR}-06-01`, termTo: `${YEAR}-09-30`, number: `IL/${YEAR}/${UNIQUE}/U` }),
    'POST /api/v1/admin/initiatives/{id}/agreement/sign': () => ({ signedOn: today }),
    'POST /api/v1/initiatives/{id}/final-report': () => report,
    'PUT /api/v1/admin/editions/{id}/voting-policy': () => ({
      methods: ['email_code'],
      minAge: 13,
      guardianBelowAge: 16,
      duplicatePolicy: 'first_counts',
      maxAreaPools: 1,
      rule: 'greedy',
      retainIdentitiesUntil: `${YEAR + 2}-01-01`,
    }),
    'PUT /api/v1/admin/pools/{poolId}/ballot-spec': () => ({ voteType: 'approval', minLength: 1, maxLength: 3, maxSumCost: 100_000_000 }),
    'POST /api/v1/editions/{id}/ballots': () => ({
      identity,
      choices: [{ poolId: published.pool, projectIds: [submitted] }],
      wantsResults: true,
      locale: 'pl',
    }),
    'POST /api/v1/ballots/{reference}/confirm': () => ({ code: '123456' }),
    'POST /api/v1/admin/editions/{id}/paper-ballots': () => ({
      sheet: `K-${UNIQUE}`,
      identity,
      choices: [{ poolId: published.pool, projectIds: [submitted] }],
      wantsResults: false,
      locale: 'pl',
    }),
  };
  return { idFor, bodyFor: (op) => bodies[`${op.method} ${op.template}`]?.() };
}
