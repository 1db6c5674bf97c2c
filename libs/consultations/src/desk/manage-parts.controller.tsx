import { Body, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, type AuthenticatedUser } from '@civitas/auth';
import { DomainError, format, type Text } from '@civitas/common';
import {
  emptyForm,
  formBody,
  formErrorsOf,
  FormErrors,
  isUploadedFile,
  PageController,
  parseForm,
  textWith,
  typedValues,
  WebPages,
  type FieldLabels,
  type FormBody,
  type FormState,
} from '@civitas/web';
import { ConsultationAttachmentsService } from '../attachments.service';
import { ConsultationsErrorCode } from '../consultations.errors';
import { ConsultationsService, type Consultation } from '../consultations.service';
import { MeetingDto } from '../http/meetings.dto';
import { AttachmentId, ConsultationId, MeetingId } from '../http/params';
import { SurveyDto } from '../http/survey.dto';
import { MeetingsService, type Meeting } from '../meetings.service';
import { SurveyService, type Survey } from '../survey.service';
import { isoToWall, managePath, wallToIso } from './manage-desk.model';
import { MP } from './manage-parts.texts';
import { AttachmentsView, MeetingFormView, MeetingsListView, SurveyFormView } from './manage-parts.views';

const statusOf = (err: unknown) => (err instanceof DomainError && err.kind === 'conflict' ? 409 : 422);
const OPEN_TO_CHANGE = ['draft', 'announced', 'open'];
const QUESTION_FIELDS = ['kind', 'prompt', 'required', 'options', 'scaleMin', 'scaleMax'] as const;
const nth = (x: Text, i: number): Text => ({ pl: format(x.pl, { n: i + 1 }), en: format(x.en, { n: i + 1 }) });
const int = (v: unknown) => (typeof v === 'string' && /^-?\d{1,9}$/.test(v.trim()) ? Number(v.trim()) : v);

/** How many question rows the submitted form has (`questions.<i>.<field>`). */
function questionRows(raw: FormBody): number {
  let n = 0;
  for (const k of Object.keys(raw)) {
    const m = /^questions\.(\d{1,3})\.[a-zA-Z]+$/.exec(k);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return n;
}

/** The builder's rows as the API's questions (empty rows dropped), with each question's row. */
function surveyInput(raw: FormBody): { body: { questions: Array<Record<string, unknown>> }; rows: number[] } {
  const questions: Array<Record<string, unknown>> = [];
  const rows: number[] = [];
  for (let i = 0; i < questionRows(raw); i++) {
    const v = (f: string) => raw[`questions.${i}.${f}`];
    const str = (f: string) => (typeof v(f) === 'string' ? (v(f) as string) : '');
    if (!str('prompt').trim() && !str('options').trim() && !str('scaleMin').trim() && !str('scaleMax').trim()) continue;
    const q: Record<string, unknown> = { kind: v('kind'), prompt: v('prompt') ?? '', required: v('required') === 'true' };
    const options = str('options')
      .split(/\r?\n/)
      .map((o) => o.trim())
      .filter(Boolean);
    if (options.length) q.options = options;
    if (str('scaleMin').trim()) q.scaleMin = int(v('scaleMin'));
    if (str('scaleMax').trim()) q.scaleMax = int(v('scaleMax'));
    questions.push(q);
    rows.push(i);
  }
  return { body: { questions }, rows };
}

function surveyValues(s: Survey): FormState['values'] {
  const values: FormState['values'] = {};
  s.questions.forEach((q, i) => {
    values[`questions.${i}.kind`] = q.kind;
    values[`questions.${i}.prompt`] = q.prompt;
    values[`questions.${i}.required`] = q.required ? 'true' : undefined;
    values[`questions.${i}.options`] = q.options.join('\n');
    values[`questions.${i}.scaleMin`] = q.scaleMin === null ? '' : String(q.scaleMin);
    values[`questions.${i}.scaleMax`] = q.scaleMax === null ? '' : String(q.scaleMax);
  });
  return values;
}

const MEETING_LABELS: FieldLabels = {
  kind: MP.kind,
  title: MP.meetingTitle,
  place: MP.place,
  onlineUrl: MP.onlineUrl,
  startsAt: MP.startsAt,
  endsAt: MP.endsAt,
  capacity: MP.capacity,
  latitude: MP.latitude,
  longitude: MP.longitude,
};

/** The meeting form as the API's body: times as instants, numbers as numbers; on a change an emptied field clears it. */
function meetingInput(raw: FormBody, change: boolean): FormBody {
  const out: FormBody = { ...raw };
  for (const k of ['startsAt', 'endsAt']) if (typeof out[k] === 'string' && out[k] !== '') out[k] = wallToIso(out[k] as string);
  if (typeof out.capacity === 'string' && out.capacity !== '') out.capacity = int(out.capacity);
  for (const k of ['latitude', 'longitude'])
    if (typeof out[k] === 'string' && /^-?\d{1,3}([.,]\d+)?$/.test((out[k] as string).trim())) out[k] = Number((out[k] as string).trim().replace(',', '.'));
  if (change) for (const k of ['place', 'onlineUrl', 'capacity', 'latitude', 'longitude']) if (out[k] === '') out[k] = null;
  return out;
}

function meetingValues(m: Meeting): FormState['values'] {
  return {
    kind: m.kind,
    title: m.title,
    place: m.place,
    onlineUrl: m.onlineUrl ?? '',
    startsAt: isoToWall(m.startsAt),
    endsAt: isoToWall(m.endsAt),
    capacity: m.capacity === null ? '' : String(m.capacity),
    latitude: m.latitude === null ? '' : String(m.latitude),
    longitude: m.longitude === null ? '' : String(m.longitude),
  };
}

/** Problems named by the API's positions (`questions.2.options.1`) put on the form's rows and fields. */
function onRows(errors: FormErrors, prefix: string, rows: number[]): FormErrors {
  const re = new RegExp(`^${prefix}\\.(\\d+)\\.([a-zA-Z]+).*$`);
  return new FormErrors(
    errors.list.map((e) => ({ ...e, field: e.field?.replace(re, (_, j: string, f: string) => `${prefix}.${rows[Number(j)] ?? j}.${f}`) ?? null })),
  );
}

/**
 * The parts of a consultation at the desk: the survey builder, its meetings and consultation points, its attachments —
 * through SurveyService, MeetingsService and ConsultationAttachmentsService (the API's rules, refusals and audit log).
 */
@PageController('desk/consultations')
@Roles('official')
export class ManagePartsController {
  constructor(
    private readonly pages: WebPages,
    private readonly consultations: ConsultationsService,
    private readonly survey: SurveyService,
    private readonly meetings: MeetingsService,
    private readonly attachments: ConsultationAttachmentsService,
  ) {}

  private async managed(user: AuthenticatedUser, id: string): Promise<Consultation> {
    await this.consultations.manageable(user, id);
    return this.consultations.get(id, { includeDraft: true });
  }

  // ---- the survey ----

  @Get(':id/survey')
  async surveyPage(@Param('id', ConsultationId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const c = await this.managed(user, id);
    const s = await this.survey.forOfficial(user, id);
    const editable = c.status === 'draft' || c.status === 'announced';
    return this.pages.send(
      reply,
      this.pages.context(reply),
      <SurveyFormView c={c} form={emptyForm(surveyValues(s))} rows={Math.max(1, s.questions.length)} editable={editable} />,
    );
  }

  @Post(':id/survey')
  async saveSurvey(
    @Param('id', ConsultationId) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const c = await this.managed(user, id);
    const raw = formBody(body);
    const add = raw.action === 'add';
    delete raw.action;
    delete raw._csrf;
    const rowCount = Math.max(1, questionRows(raw));
    const show = (errors: FormErrors, rows: number, status: number) =>
      this.pages.send(reply, page, <SurveyFormView c={c} form={{ values: typedValues(raw), errors }} rows={rows} editable />, { status });
    if (add) return show(FormErrors.none(), Math.min(rowCount + 1, 100), 200);
    const { body: input, rows } = surveyInput(raw);
    const labels: FieldLabels = { questions: MP.questions };
    const named = { kind: MP.kindOf, prompt: MP.promptOf, required: MP.requiredOf, options: MP.optionsOf, scaleMin: MP.scaleMinOf, scaleMax: MP.scaleMaxOf };
    rows.forEach((row, j) => {
      for (const f of QUESTION_FIELDS) labels[`questions.${j}.${f}`] = nth(named[f], row);
    });
    const parsed = await parseForm(SurveyDto, input, labels, page.locale);
    if (!parsed.ok) return show(onRows(parsed.errors, 'questions', rows), rowCount, 422);
    let saved: Survey;
    try {
      saved = await this.survey.setQuestions(user, id, parsed.value.questions);
    } catch (err) {
      const errors = formErrorsOf(err, labels, page.locale);
      if (!errors) throw err;
      // A problem of an option (questions.2.options.1) is shown on the options field of its row.
      const mapped =
        err instanceof DomainError && err.fields?.length
          ? new FormErrors(err.fields.map((f) => ({ field: /^questions\.\d+\.[a-zA-Z]+/.exec(f.field)?.[0] ?? null, text: f.text[page.locale] })))
          : errors;
      return show(onRows(mapped, 'questions', rows), rowCount, statusOf(err));
    }
    return this.pages.redirect(reply, managePath(id), { kind: 'success', text: textWith(MP.surveySaved, { n: String(saved.questions.length) }) });
  }

  // ---- meetings and points ----

  @Get(':id/meetings')
  async meetingsPage(@Param('id', ConsultationId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const c = await this.managed(user, id);
    const list = await this.meetings.list(id, { includeDraft: true });
    return this.pages.send(reply, this.pages.context(reply), <MeetingsListView c={c} meetings={list} editable={OPEN_TO_CHANGE.includes(c.status)} />);
  }

  @Get(':id/meetings/new')
  async newMeeting(@Param('id', ConsultationId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const c = await this.managed(user, id);
    return this.pages.send(reply, this.pages.context(reply), <MeetingFormView c={c} meeting={null} form={emptyForm({ kind: 'meeting' })} />);
  }

  private async saveMeeting(
    reply: FastifyReply,
    user: AuthenticatedUser,
    c: Consultation,
    meeting: Meeting | null,
    body: unknown,
    save: (input: MeetingDto) => Promise<Meeting>,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const raw = formBody(body);
    const typed = typedValues(raw);
    const fail = (errors: FormErrors, status: number) =>
      this.pages.send(reply, page, <MeetingFormView c={c} meeting={meeting} form={{ values: typed, errors }} />, { status });
    const parsed = await parseForm(MeetingDto, meetingInput(raw, !!meeting), MEETING_LABELS, page.locale);
    if (!parsed.ok) return fail(parsed.errors, 422);
    let saved: Meeting;
    try {
      saved = await save(parsed.value);
    } catch (err) {
      const errors = formErrorsOf(err, MEETING_LABELS, page.locale);
      if (!errors) throw err;
      return fail(errors, statusOf(err));
    }
    return this.pages.redirect(reply, `${managePath(c.id)}/meetings`, { kind: 'success', text: textWith(MP.meetingSaved, { title: saved.title }) });
  }

  @Post(':id/meetings/new')
  async createMeeting(
    @Param('id', ConsultationId) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const c = await this.managed(user, id);
    return this.saveMeeting(reply, user, c, null, body, (input) => this.meetings.create(user, id, input));
  }

  @Get(':id/meetings/:meetingId/edit')
  async editMeetingPage(
    @Param('id', ConsultationId) id: string,
    @Param('meetingId', MeetingId) meetingId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const c = await this.managed(user, id);
    const { meeting: m, registrations } = await this.meetings.registrants(user, id, meetingId);
    return this.pages.send(
      reply,
      this.pages.context(reply),
      <MeetingFormView c={c} meeting={m} form={emptyForm(meetingValues(m))} registrants={registrations} />,
    );
  }

  @Post(':id/meetings/:meetingId/edit')
  async editMeeting(
    @Param('id', ConsultationId) id: string,
    @Param('meetingId', MeetingId) meetingId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const c = await this.managed(user, id);
    const m = await this.meetings.get(id, meetingId, { includeDraft: true });
    return this.saveMeeting(reply, user, c, m, body, (input) => this.meetings.update(user, id, meetingId, input));
  }

  @Post(':id/meetings/:meetingId/remove')
  async removeMeeting(
    @Param('id', ConsultationId) id: string,
    @Param('meetingId', MeetingId) meetingId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const m = await this.meetings.get(id, meetingId, { includeDraft: true });
    await this.meetings.remove(user, id, meetingId);
    return this.pages.redirect(reply, `${managePath(id)}/meetings`, { kind: 'success', text: textWith(MP.meetingRemoved, { title: m.title }) });
  }

  // ---- attachments ----

  @Get(':id/attachments')
  async attachmentsPage(@Param('id', ConsultationId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const c = await this.managed(user, id);
    return this.pages.send(reply, this.pages.context(reply), <AttachmentsView c={c} form={emptyForm()} editable={OPEN_TO_CHANGE.includes(c.status)} />);
  }

  @Post(':id/attachments')
  async upload(
    @Param('id', ConsultationId) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const c = await this.managed(user, id);
    const file = formBody(body).file;
    const fail = (text: string, status = 422) =>
      this.pages.send(reply, page, <AttachmentsView c={c} form={{ values: {}, errors: new FormErrors([{ field: 'file', text }]) }} editable />, { status });
    if (!isUploadedFile(file) || file.fileName === '') return fail(MP.chooseFile[page.locale]);
    let name: string;
    try {
      name = (await this.attachments.upload(user, id, { fileName: file.fileName, mediaType: file.mediaType, content: file.content })).fileName;
    } catch (err) {
      if (err instanceof DomainError && (err.code === ConsultationsErrorCode.InvalidDocument || err.kind === 'invalid'))
        return fail((err.fields?.[0]?.text ?? err.text)[page.locale], err.kind === 'conflict' ? 409 : 422);
      throw err;
    }
    return this.pages.redirect(reply, `${managePath(id)}/attachments`, { kind: 'success', text: textWith(MP.uploaded, { name }) });
  }

  @Post(':id/attachments/:attachmentId/remove')
  async removeAttachment(
    @Param('id', ConsultationId) id: string,
    @Param('attachmentId', AttachmentId) attachmentId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const c = await this.managed(user, id);
    const name = c.attachments.find((a) => a.id === attachmentId)?.fileName ?? '';
    await this.attachments.remove(user, id, attachmentId);
    return this.pages.redirect(reply, `${managePath(id)}/attachments`, { kind: 'success', text: textWith(MP.removed, { name }) });
  }
}
