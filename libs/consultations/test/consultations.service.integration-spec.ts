import type { AuthenticatedUser } from '@civitas/auth';
import { zonedDate } from '@civitas/common';
import { SettableClock } from '@civitas/config';
import {
  CommentsService,
  ConsultationsModule,
  ConsultationsService,
  ReportService,
  SurveyService,
  type Consultation,
  type OwnComment,
  type QuestionInput,
  type ResponseInput,
} from '@civitas/consultations';
import { createTestModule, testMode, type TestModule, DAY, HOUR, MINUTE, refusal, refusedFields } from '@civitas/test';
import { aConsultation } from '../../../test/factories/consultations.factory';
import { aCityWithDistricts, anAccount } from '../../../test/factories/world.factory';

const SUPPORT: QuestionInput = { kind: 'single', prompt: 'Czy popierasz projekt?', required: true, options: ['Tak', 'Nie'] };
const REMARKS: QuestionInput = { kind: 'text', prompt: 'Uwagi do projektu' };

/** The calendar day after `day` (YYYY-MM-DD), whatever the length of the day in the city. */
const nextDay = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) + DAY).toISOString().slice(0, 10);

/**
 * A consultation's life on the services alone (no HTTP), each step decided by the clock, which the test moves instead
 * of rewriting dates in the database. From the start (t0): the consultation opens at t0 + 8 days and closes 22 days
 * later; two others open at t0 + 7 days and an hour, just past the week's notice.
 */
describe(`consultations: notice, schedule, comment and survey windows, the report by the clock (services, ${testMode} database)`, () => {
  let t: TestModule;
  let consultations: ConsultationsService;
  let comments: CommentsService;
  let survey: SurveyService;
  let reports: ReportService;
  let official: AuthenticatedUser;
  let anna: AuthenticatedUser;
  let piotr: AuthenticatedUser;
  let ewa: AuthenticatedUser;
  let oliwa: string;
  let main: Consultation;
  let early: Consultation;
  let late: Consultation;
  const said: Record<string, OwnComment> = {};

  const ids = (list: Array<{ id: string }>) => list.map((x) => x.id);
  const answers = async (choice: number, text?: string): Promise<ResponseInput> => {
    const [support, remarks] = (await survey.get(main.id)).questions;
    return { answers: [{ questionId: support.id, choice }, ...(text ? [{ questionId: remarks.id, text }] : [])] };
  };

  beforeAll(async () => {
    // Stopped at the start: only the test moves it.
    t = await createTestModule([ConsultationsModule], { clock: new SettableClock(new Date()) });
    consultations = t.get(ConsultationsService);
    comments = t.get(CommentsService);
    survey = t.get(SurveyService);
    reports = t.get(ReportService);
    ({
      district: { Oliwa: oliwa },
    } = await aCityWithDistricts(t, ['Oliwa']));
    official = await anAccount(t, { displayName: 'Urzędniczka Oliwy', grants: [{ role: 'official', areaId: oliwa }] });
    anna = await anAccount(t, { displayName: 'Anna Nowak' });
    piotr = await anAccount(t, { displayName: 'Piotr Wiśniewski' });
    ewa = await anAccount(t, { displayName: 'Ewa Kamińska' });
    main = await aConsultation(t, official, {
      areaIds: [oliwa],
      sections: [
        { key: '§ 1', heading: 'Przeznaczenie', body: 'Teren zieleni publicznej.' },
        { key: '§ 2', heading: 'Zabudowa', body: 'Bez nowej zabudowy.' },
      ],
      questions: [SUPPORT],
      announce: false,
    });
    // Opening in a week and an hour; the second one closes well after the main one.
    early = await aConsultation(t, official, { title: 'Skwer przy pętli', areaIds: [oliwa], opensInDays: 7 + 1 / 24, lastsDays: 40, announce: false });
    late = await aConsultation(t, official, { title: 'Skwer przy szkole', areaIds: [oliwa], opensInDays: 7 + 1 / 24, announce: false });
  }, 120_000);
  afterAll(() => t?.close());

  it('counts the week’s notice from the clock: announced at once, the same dates are refused two hours later', async () => {
    expect((await consultations.announce(official, early.id)).status).toBe('announced');
    t.clock.advance(2 * HOUR);
    expect(await refusedFields(consultations.announce(official, late.id))).toEqual({ code: 'invalid_schedule', fields: ['opensAt:notice_too_short'] });
    expect((await consultations.get(late.id, { includeDraft: true })).status).toBe('draft');
    const announced = await consultations.announce(official, main.id);
    expect(announced.status).toBe('announced');
    expect(announced.announcedAt!.getTime()).toBe(t.clock.ms());
    expect(ids(await consultations.list({ status: 'announced' }))).toEqual(expect.arrayContaining([main.id, early.id]));
    expect(ids(await consultations.list())).not.toContain(late.id);
  });

  it('while announced, residents wait for the opening and the survey can still change; the schedule opens each at its time', async () => {
    expect(await refusal(comments.create(anna, main.id, { body: 'Czy można już?' }))).toBe('consultation_not_open');
    expect(await refusal(survey.respond(main.id, anna, await answers(0)))).toBe('consultation_not_open');
    expect((await survey.setQuestions(official, main.id, [SUPPORT, REMARKS])).questions.map((q) => q.prompt)).toEqual([SUPPORT.prompt, REMARKS.prompt]);

    // A minute before the main one opens, only the one opening a day earlier moves.
    t.clock.set(new Date(main.opensAt!.getTime() - MINUTE));
    expect(await consultations.advance()).toEqual([{ consultationId: early.id, status: 'open' }]);
    t.clock.advance(MINUTE);
    expect(await consultations.advance()).toEqual([{ consultationId: main.id, status: 'open' }]);
    expect(await consultations.advance()).toEqual([]);
    expect((await consultations.get(main.id)).status).toBe('open');
    expect(ids(await consultations.list({ status: 'open' })).sort()).toEqual([main.id, early.id].sort());
    // Open: the questions are fixed.
    expect(await refusal(survey.setQuestions(official, main.id, [SUPPORT]))).toBe('survey_closed');
  });

  it('while open, residents comment and answer once, and officials enter letters received up to the clock’s today', async () => {
    const { sections } = await consultations.get(main.id);
    said.anna = await comments.create(anna, main.id, { sectionId: sections[0].id, body: 'Proszę dodać plac zabaw.' });
    expect(said.anna).toMatchObject({ status: 'visible', channel: 'online', version: 1, sectionKey: '§ 1', authorName: 'Anna Nowak' });
    said.piotr = await comments.create(piotr, main.id, { body: 'Więcej drzew wzdłuż alejki.' });

    expect(await survey.respond(main.id, anna, await answers(0, 'Więcej ławek'))).toMatchObject({ status: 'confirmed', confirmation: null });
    expect(await refusal(survey.respond(main.id, anna, await answers(1)))).toBe('already_responded');
    // Results only once it is closed.
    expect((await survey.get(main.id)).results).toBeNull();

    const today = zonedDate(t.clock.now());
    const letter = { channel: 'paper', authorName: 'Rada Osiedla Oliwa', sectionId: sections[1].id, body: 'Pismo w sprawie § 2.' };
    const paper = await comments.enter(official, main.id, { ...letter, receivedOn: today });
    expect(paper).toMatchObject({ status: 'visible', channel: 'paper', receivedOn: today, sectionKey: '§ 2' });
    const tomorrow = nextDay(today);
    expect(await refusedFields(comments.enter(official, main.id, { ...letter, receivedOn: tomorrow }))).toEqual({
      code: 'invalid_comment',
      fields: ['receivedOn:in_future'],
    });
    expect(ids(await comments.listPublic(main.id))).toEqual([said.anna.id, said.piotr.id, paper.id]);
    // Still open: the report waits for the closing.
    expect(await refusal(reports.draft(official, main.id))).toBe('consultation_not_closed');
    expect(await refusal(reports.respond(official, main.id, said.anna.id, 'accepted', 'Plac zabaw powstanie.'))).toBe('consultation_not_closed');
  });

  it('the schedule closes it at its closing time: participation ends, the survey’s results appear, letters up to the closing day are entered', async () => {
    const closesAt = main.closesAt!.getTime();
    t.clock.set(new Date(closesAt - MINUTE));
    expect(await consultations.advance()).toEqual([]);
    expect(await survey.respond(main.id, piotr, await answers(1))).toMatchObject({ status: 'confirmed' });
    t.clock.set(new Date(closesAt));
    expect(await consultations.advance()).toEqual([{ consultationId: main.id, status: 'closed' }]);
    expect((await consultations.get(main.id)).status).toBe('closed');
    expect(ids(await consultations.list({ status: 'open' }))).toEqual([early.id]);

    expect(await refusal(comments.create(piotr, main.id, { body: 'Za późno?' }))).toBe('consultation_not_open');
    expect(await refusal(survey.respond(main.id, ewa, await answers(0)))).toBe('consultation_not_open');
    const { results } = await survey.get(main.id);
    expect(results!.respondents).toBe(2);
    expect(results!.questions[0].options).toEqual([
      { index: 0, option: 'Tak', count: 1 },
      { index: 1, option: 'Nie', count: 1 },
    ]);
    expect(results!.questions[1].texts).toEqual(['Więcej ławek']);
    expect(await refusal(reports.published(main.id))).toBe('report_not_published');

    // Two days on: what was received on the closing day is still entered, the day after is not.
    t.clock.advance(2 * DAY);
    const closingDay = zonedDate(new Date(closesAt));
    const spoken = { channel: 'meeting', authorName: 'Uczestnik spotkania', body: 'Głos ze spotkania.' };
    said.meeting = await comments.enter(official, main.id, { ...spoken, receivedOn: closingDay });
    expect(said.meeting).toMatchObject({ status: 'visible', channel: 'meeting', receivedOn: closingDay });
    const dayAfter = nextDay(closingDay);
    expect(await refusedFields(comments.enter(official, main.id, { ...spoken, receivedOn: dayAfter }))).toEqual({
      code: 'invalid_comment',
      fields: ['receivedOn:after_closing'],
    });
  });

  it('the report is refused while a comment has no response, and published once each has one', async () => {
    expect((await reports.draft(official, main.id)).unanswered).toBe(4);
    expect(await refusal(reports.publish(official, main.id))).toBe('comments_unanswered');
    const listed = (await comments.listPublic(main.id)).map((c) => c.id);
    for (const id of listed)
      await reports.respond(official, main.id, id, id === said.piotr.id ? 'partially_accepted' : 'accepted', 'Uwzględniono w projekcie.');

    const published = await reports.publish(official, main.id);
    expect(published).toMatchObject({
      status: 'report_published',
      unanswered: 0,
      participation: { comments: 4, byChannel: { online: 2, paper: 1, email: 0, meeting: 1 }, surveyRespondents: 2 },
    });
    const report = await reports.published(main.id);
    expect(Object.fromEntries(report.comments.map((c) => [c.id, c.response?.verdict]))).toEqual(
      Object.fromEntries(listed.map((id) => [id, id === said.piotr.id ? 'partially_accepted' : 'accepted'])),
    );
    expect((await consultations.get(main.id)).status).toBe('report_published');
    expect(await refusal(reports.respond(official, main.id, said.anna.id, 'rejected', 'Jednak nie.'))).toBe('consultation_not_editable');
  });
});
