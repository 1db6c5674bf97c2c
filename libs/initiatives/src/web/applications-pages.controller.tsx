import { Body, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentUser, type AuthenticatedUser } from '@civitas/auth';
import { AreasService } from '@civitas/areas';
import { DomainError, format, zonedDate, type Locale, type Text } from '@civitas/common';
import {
  emptyForm,
  type FieldLabels,
  FormErrors,
  formErrorsOf,
  isUploadedFile,
  PageController,
  parseForm,
  WebPages,
  type FormError,
  type FormState,
  type PageContext,
  formBody,
  textWith,
  typedValues,
  type FormBody,
} from '@civitas/web';
import { AgreementService } from '../agreement.service';
import { ApplicationsService, type ApplicationInput, type FullInitiative } from '../applications.service';
import { FinalReportDto } from '../http/agreement.dto';
import { AttachmentQuery } from '../http/initiatives.dto';
import { InitiativeId } from '../http/params';
import { isEditable } from '../initiative-status';
import { InitiativesError, InitiativesErrorCode } from '../initiatives.errors';
import { type Programme, ProgrammesService } from '../programmes.service';
import {
  ApplicantsView,
  AttachmentsView,
  CheckView,
  ContactView,
  CostsView,
  LocationView,
  NoProgrammeApplyView,
  NotEditableView,
  ScheduleView,
  StartView,
  SubmittedView,
  TaskListView,
  TaskView,
} from './apply.views';
import { MINE, tasksPath, type LinkedProblem } from './initiatives-page.view';
import { ApplicantsForm, ContactForm, CostsForm, LocationForm, ScheduleForm, StartForm, TaskForm } from './initiatives-pages.forms';
import { fieldHref, intOf, parseZloty, rowCount, rowsOf, rowValues, taskStatuses, zlotyInput, type FieldSection } from './initiatives-pages.model';
import { L, SECTION_NAMES } from './initiatives-pages.texts';
import { AgreementView, CorrectionView, FinalReportView, MineView } from './mine.views';
import { Clock } from '@civitas/config';

type Raw = FormBody;

const warsawYear = (now: Date) => Number(zonedDate(now).slice(0, 4));

/** The agreement is a document with personal data: never cached, and no script or outside resource runs in it. */
const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** Labels of the repeated groups' fields, row by row. */
function rowLabels(n: number, prefix: string, fields: Record<string, Text>): FieldLabels {
  const out: FieldLabels = {};
  for (let i = 0; i < n; i++)
    for (const [k, label] of Object.entries(fields)) out[`${prefix}.${i}.${k}`] = { pl: format(label.pl, { n: i + 1 }), en: format(label.en, { n: i + 1 }) };
  return out;
}

const IN_KIND_LABELS = { item: L.itemOf, value: L.itemValueOf };
const SHARE_LABELS = { kind: L.shareKindOf, description: L.shareDescriptionOf, value: L.shareValueOf };

/**
 * The applicant's pages: starting an application, its task list and sections (each saved on its own through the
 * API's service, so it can be continued in another session), checking and submitting it, "my applications", the
 * answer to a correction request, the agreement to read and print, and the final report. An application is its
 * author's: a draft does not exist for anyone else (404), a submitted one is not theirs (403).
 */
@PageController()
export class ApplicationsPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly applications: ApplicationsService,
    private readonly programmes: ProgrammesService,
    private readonly agreements: AgreementService,
    private readonly areas: AreasService,
    private readonly clock: Clock,
  ) {}

  private async programme(year: number): Promise<Programme | null> {
    return this.programmes.get(year).catch((err: unknown) => {
      if (err instanceof InitiativesError && err.code === InitiativesErrorCode.ProgrammeNotFound) return null;
      throw err;
    });
  }

  /** The application for its author; 404 for anyone else's draft, 403 otherwise. */
  private async own(user: AuthenticatedUser, id: string): Promise<FullInitiative> {
    const a = await this.applications.full(id);
    if (a.createdBy !== user.id) throw a.status === 'draft' ? InitiativesError.notFound() : InitiativesError.notYours();
    return a;
  }

  /** An application its author may still change, or the page saying it cannot (409 after a POST: nothing changed). */
  private async editable(user: AuthenticatedUser, id: string, reply: FastifyReply, page: PageContext, method: 'GET' | 'POST'): Promise<FullInitiative | null> {
    const a = await this.own(user, id);
    if (isEditable(a.status)) return a;
    this.pages.send(reply, page, <NotEditableView a={a} />, { status: method === 'GET' ? 200 : 409 });
    return null;
  }

  // ---- Start ----

  @Get('initiatives/apply')
  async startPage(@Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const year = warsawYear(this.clock.now());
    const p = await this.programme(year);
    if (!p) return this.pages.send(reply, page, <NoProgrammeApplyView year={year} />);
    const open = this.programmes.intakeOpen(p, zonedDate(this.clock.now()));
    return this.pages.send(reply, page, <StartView form={emptyForm()} programme={p} open={open} />);
  }

  @Post('initiatives/apply')
  async start(@CurrentUser() user: AuthenticatedUser, @Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const year = warsawYear(this.clock.now());
    const p = await this.programme(year);
    if (!p) return this.pages.send(reply, page, <NoProgrammeApplyView year={year} />, { status: 409 });
    const labels = { title: L.titleLabel, applicantType: L.applicantType };
    const open = this.programmes.intakeOpen(p, zonedDate(this.clock.now()));
    const fail = (form: FormState) => this.pages.send(reply, page, <StartView form={form} programme={p} open={open} />, { status: 422 });
    const parsed = await parseForm(StartForm, body, labels, page.locale);
    if (!parsed.ok) return fail(parsed);
    let id: string;
    try {
      id = (await this.applications.create(user, { ...parsed.value, year, contactEmail: user.email })).id;
    } catch (err) {
      const errors = formErrorsOf(err, labels, page.locale);
      if (!errors) throw err;
      return fail({ values: parsed.values, errors });
    }
    return this.pages.redirect(reply, tasksPath(id), { kind: 'success', text: L.draftCreated });
  }

  // ---- My applications ----

  @Get('initiatives/mine')
  async mine(@CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    return this.pages.send(reply, page, <MineView items={await this.applications.mine(user)} />);
  }

  // ---- The task list and its sections ----

  @Get('initiatives/:id/edit')
  async tasks(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.editable(user, id, reply, page, 'GET');
    if (!a) return reply;
    const p = await this.programmes.get(a.year);
    return this.pages.send(reply, page, <TaskListView a={a} statuses={taskStatuses(a, p)} now={this.clock.now()} />);
  }

  /** Saves a section's change through the service: back to the list ("save") or to the section ("more"), or the form with the refusal. */
  private async save(
    reply: FastifyReply,
    user: AuthenticatedUser,
    id: string,
    section: FieldSection,
    change: ApplicationInput,
    labels: FieldLabels,
    locale: Locale,
    stay: boolean,
    fail: (errors: FormErrors) => FastifyReply | Promise<FastifyReply>,
  ): Promise<FastifyReply> {
    try {
      await this.applications.update(user, id, change);
    } catch (err) {
      const errors = formErrorsOf(err, labels, locale);
      if (!errors) throw err;
      return fail(errors);
    }
    const flash = { kind: 'success' as const, text: textWith(L.saved, { section: SECTION_NAMES[section] }) };
    return this.pages.redirect(reply, stay ? `${tasksPath(id)}/${section}` : tasksPath(id), flash);
  }

  /** "save" or "more" (save and stay to add rows); the field is not the DTO's. */
  private static action(raw: Raw): boolean {
    const stay = raw.action === 'more';
    delete raw.action;
    return stay;
  }

  @Get('initiatives/:id/edit/applicants')
  async applicantsPage(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.editable(user, id, reply, page, 'GET');
    if (!a) return reply;
    const p = await this.programmes.get(a.year);
    const form = emptyForm({
      applicantType: a.applicantType,
      ngoName: a.ngoName ?? '',
      ngoKrs: a.ngoKrs ?? '',
      ...rowValues('applicants', a.applicants as never),
    });
    return this.pages.send(
      reply,
      page,
      <ApplicantsView a={a} form={form} rows={rowCount(a.applicants.length, p.minApplicants)} minApplicants={p.minApplicants} />,
    );
  }

  @Post('initiatives/:id/edit/applicants')
  async saveApplicants(
    @Param('id', InitiativeId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.editable(user, id, reply, page, 'POST');
    if (!a) return reply;
    const p = await this.programmes.get(a.year);
    const raw = formBody(body);
    const stay = ApplicationsPagesController.action(raw);
    const rows = rowsOf(raw, 'applicants', ['firstName', 'lastName', 'address'] as const);
    const labels: FieldLabels = {
      applicantType: L.applicantType,
      ngoName: L.ngoName,
      ngoKrs: L.ngoKrs,
      applicants: L.residentsHeading,
      ...rowLabels(rows.length, 'applicants', { firstName: L.firstNameOf, lastName: L.lastNameOf, address: L.addressOf }),
    };
    const values = { ...typedValues(raw), ...rowValues('applicants', rows) };
    const fail = (errors: FormErrors) =>
      this.pages.send(
        reply,
        page,
        <ApplicantsView a={a} form={{ values, errors }} rows={rowCount(rows.length, p.minApplicants)} minApplicants={p.minApplicants} />,
        {
          status: 422,
        },
      );
    const ngo = raw.applicantType === 'ngo';
    const input: Raw = { ...raw, applicants: rows };
    if (!ngo) {
      delete input.ngoName;
      delete input.ngoKrs;
    }
    const parsed = await parseForm(ApplicantsForm, input, labels, page.locale);
    if (!parsed.ok) return fail(parsed.errors);
    const change: ApplicationInput = { ...parsed.value };
    if (!ngo) Object.assign(change, { ngoName: null, ngoKrs: null });
    else {
      if (raw.ngoName === '') change.ngoName = null;
      if (raw.ngoKrs === '') change.ngoKrs = null;
    }
    return this.save(reply, user, id, 'applicants', change, labels, page.locale, stay, fail);
  }

  @Get('initiatives/:id/edit/contact')
  async contactPage(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.editable(user, id, reply, page, 'GET');
    if (!a) return reply;
    const form = emptyForm({
      contactName: a.contactName,
      contactEmail: a.contactEmail,
      contactPhone: a.contactPhone ?? '',
      contactPublic: a.contactPublic ? 'true' : undefined,
    });
    return this.pages.send(reply, page, <ContactView a={a} form={form} />);
  }

  @Post('initiatives/:id/edit/contact')
  async saveContact(
    @Param('id', InitiativeId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.editable(user, id, reply, page, 'POST');
    if (!a) return reply;
    const raw = formBody(body);
    const stay = ApplicationsPagesController.action(raw);
    const labels = { contactName: L.contactName, contactEmail: L.contactEmail, contactPhone: L.contactPhone, contactPublic: L.contactPublicLegend };
    const fail = (errors: FormErrors) => this.pages.send(reply, page, <ContactView a={a} form={{ values: typedValues(raw), errors }} />, { status: 422 });
    const parsed = await parseForm(ContactForm, raw, labels, page.locale);
    if (!parsed.ok) return fail(parsed.errors);
    const change: ApplicationInput = { ...parsed.value, contactPublic: parsed.value.contactPublic === true };
    if (raw.contactPhone === '') change.contactPhone = null;
    return this.save(reply, user, id, 'contact', change, labels, page.locale, stay, fail);
  }

  @Get('initiatives/:id/edit/task')
  async taskPage(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.editable(user, id, reply, page, 'GET');
    if (!a) return reply;
    const form = emptyForm({
      taskArea: a.taskArea,
      title: a.title,
      description: a.description,
      beneficiaries: a.beneficiaries,
      beneficiariesCount: a.beneficiariesCount ? String(a.beneficiariesCount) : '',
    });
    return this.pages.send(reply, page, <TaskView a={a} form={form} />);
  }

  @Post('initiatives/:id/edit/task')
  async saveTask(
    @Param('id', InitiativeId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.editable(user, id, reply, page, 'POST');
    if (!a) return reply;
    const raw = formBody(body);
    const stay = ApplicationsPagesController.action(raw);
    const labels = {
      taskArea: L.taskArea,
      title: L.titleLabel,
      description: L.descriptionLabel,
      beneficiaries: L.beneficiariesLabel,
      beneficiariesCount: L.beneficiariesCountLabel,
    };
    const fail = (errors: FormErrors) => this.pages.send(reply, page, <TaskView a={a} form={{ values: typedValues(raw), errors }} />, { status: 422 });
    const parsed = await parseForm(
      TaskForm,
      { ...raw, beneficiariesCount: raw.beneficiariesCount === '' ? '' : intOf(raw.beneficiariesCount) },
      labels,
      page.locale,
    );
    if (!parsed.ok) return fail(parsed.errors);
    const change: ApplicationInput = { ...parsed.value };
    if (raw.description === '') change.description = '';
    if (raw.beneficiaries === '') change.beneficiaries = '';
    if (raw.title === '') change.title = '';
    return this.save(reply, user, id, 'task', change, labels, page.locale, stay, fail);
  }

  private async areaChoices(): Promise<Array<{ id: string; name: string }>> {
    return (await this.areas.list()).map((x) => ({ id: x.id, name: x.name }));
  }

  @Get('initiatives/:id/edit/location')
  async locationPage(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.editable(user, id, reply, page, 'GET');
    if (!a) return reply;
    const form = emptyForm({ location: a.location, areaId: a.areaId ?? '', landOwner: a.landOwner });
    return this.pages.send(reply, page, <LocationView a={a} form={form} areas={await this.areaChoices()} />);
  }

  @Post('initiatives/:id/edit/location')
  async saveLocation(
    @Param('id', InitiativeId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.editable(user, id, reply, page, 'POST');
    if (!a) return reply;
    const raw = formBody(body);
    const stay = ApplicationsPagesController.action(raw);
    const labels = { location: L.locationLabel, areaId: L.areaLabel, landOwner: L.landOwnerLegend };
    const fail = async (errors: FormErrors) =>
      this.pages.send(reply, page, <LocationView a={a} form={{ values: typedValues(raw), errors }} areas={await this.areaChoices()} />, { status: 422 });
    const parsed = await parseForm(LocationForm, raw, labels, page.locale);
    if (!parsed.ok) return fail(parsed.errors);
    const change: ApplicationInput = { ...parsed.value };
    if (raw.areaId === '') change.areaId = null;
    if (raw.location === '') change.location = '';
    return this.save(reply, user, id, 'location', change, labels, page.locale, stay, fail);
  }

  @Get('initiatives/:id/edit/schedule')
  async schedulePage(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.editable(user, id, reply, page, 'GET');
    if (!a) return reply;
    return this.pages.send(reply, page, <ScheduleView a={a} form={emptyForm(rowValues('schedule', a.schedule as never))} rows={rowCount(a.schedule.length)} />);
  }

  @Post('initiatives/:id/edit/schedule')
  async saveSchedule(
    @Param('id', InitiativeId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.editable(user, id, reply, page, 'POST');
    if (!a) return reply;
    const raw = formBody(body);
    const stay = ApplicationsPagesController.action(raw);
    const rows = rowsOf(raw, 'schedule', ['from', 'to', 'activity'] as const).map((r) => ({ from: r.from.trim(), to: r.to.trim(), activity: r.activity }));
    const labels: FieldLabels = { schedule: L.schedule, ...rowLabels(rows.length, 'schedule', { from: L.fromOf, to: L.toOf, activity: L.activityOf }) };
    const values = { ...typedValues(raw), ...rowValues('schedule', rows) };
    const fail = (errors: FormErrors) =>
      this.pages.send(reply, page, <ScheduleView a={a} form={{ values, errors }} rows={rowCount(rows.length)} />, { status: 422 });
    const parsed = await parseForm(ScheduleForm, { ...raw, schedule: rows }, labels, page.locale);
    if (!parsed.ok) return fail(parsed.errors);
    return this.save(reply, user, id, 'schedule', { schedule: parsed.value.schedule ?? [] }, labels, page.locale, stay, fail);
  }

  /** The costs' (and the final report's) amounts and rows from a form: the input for the DTO, the values as typed, our problems. */
  private static costsInput(raw: Raw, locale: Locale) {
    const problems: FormError[] = [];
    const fmt = (l: Text, i: number): Text => ({ pl: format(l.pl, { n: i + 1 }), en: format(l.en, { n: i + 1 }) });
    // Amounts typed in złoty → grosze; what cannot be read is a problem of its field, in our words.
    const amount = (v: unknown, field: string, label: Text): number => {
      const r = typeof v === 'string' ? parseZloty(v) : { problem: 'format' as const };
      if ('grosze' in r) return r.grosze;
      problems.push({ field, text: format((r.problem === 'format' ? L.amountFormat : L.amountTooLarge)[locale], { field: label[locale] }) });
      return 0;
    };
    const inKindRows = rowsOf(raw, 'inKind', ['item', 'value'] as const);
    const shareRows = rowsOf(raw, 'cityShare', ['kind', 'description', 'value'] as const, ['description', 'value']);
    const values = { ...typedValues(raw), ...rowValues('inKind', inKindRows), ...rowValues('cityShare', shareRows) };
    const totalCost = raw.totalCost !== undefined ? amount(raw.totalCost, 'totalCost', L.totalCostLabel) : 0;
    const inKind = inKindRows.map((r, i) => ({ item: r.item, value: amount(r.value, `inKind.${i}.value`, fmt(L.itemValueOf, i)) }));
    const cash = amount(raw.cash ?? '', 'cash', L.cashLabel);
    const cityShare = shareRows.map((r, i) => ({
      kind: r.kind,
      description: r.description,
      value: amount(r.value, `cityShare.${i}.value`, fmt(L.shareValueOf, i)),
    }));
    const labels: FieldLabels = {
      summary: L.summaryLabel,
      totalCost: L.totalCostLabel,
      volunteerPeople: L.volunteerPeople,
      volunteerHours: L.volunteerHours,
      inKind: L.inKindHeading,
      ...rowLabels(inKindRows.length, 'inKind', IN_KIND_LABELS),
      cash: L.cashLabel,
      cityShare: L.cityShareHeading,
      ...rowLabels(shareRows.length, 'cityShare', SHARE_LABELS),
    };
    return { inKind, cityShare, amounts: { totalCost, cash }, problems, values, labels, inKindRows: inKindRows.length, shareRows: shareRows.length };
  }

  @Get('initiatives/:id/edit/costs')
  async costsPage(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.editable(user, id, reply, page, 'GET');
    if (!a) return reply;
    const p = await this.programmes.get(a.year);
    const l = page.locale;
    const c = a.contribution;
    const form = emptyForm({
      totalCost: zlotyInput(a.totalCost, l),
      volunteerPeople: c.volunteerPeople ? String(c.volunteerPeople) : '',
      volunteerHours: c.volunteerHours ? String(c.volunteerHours) : '',
      cash: zlotyInput(c.cash, l),
      ...rowValues(
        'inKind',
        c.inKind.map((k) => ({ item: k.item, value: zlotyInput(k.value, l) })),
      ),
      ...rowValues(
        'cityShare',
        a.cityShare.map((s) => ({ kind: s.kind, description: s.description, value: zlotyInput(s.value, l) })),
      ),
    });
    return this.pages.send(
      reply,
      page,
      <CostsView a={a} form={form} inKindRows={rowCount(c.inKind.length)} shareRows={rowCount(a.cityShare.length)} programme={p} />,
    );
  }

  @Post('initiatives/:id/edit/costs')
  async saveCosts(
    @Param('id', InitiativeId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.editable(user, id, reply, page, 'POST');
    if (!a) return reply;
    const p = await this.programmes.get(a.year);
    const raw = formBody(body);
    const stay = ApplicationsPagesController.action(raw);
    if (raw.totalCost === undefined) raw.totalCost = '';
    const x = ApplicationsPagesController.costsInput(raw, page.locale);
    const fail = (errors: FormErrors) =>
      this.pages.send(
        reply,
        page,
        <CostsView a={a} form={{ values: x.values, errors }} inKindRows={rowCount(x.inKindRows)} shareRows={rowCount(x.shareRows)} programme={p} />,
        { status: 422 },
      );
    const input: Raw = {
      ...raw,
      totalCost: x.amounts.totalCost,
      cash: x.amounts.cash,
      volunteerPeople: raw.volunteerPeople === '' ? 0 : intOf(raw.volunteerPeople),
      volunteerHours: raw.volunteerHours === '' ? 0 : intOf(raw.volunteerHours),
      inKind: x.inKind,
      cityShare: x.cityShare,
    };
    const parsed = await parseForm(CostsForm, input, x.labels, page.locale);
    const errors = [...x.problems, ...(parsed.ok ? [] : parsed.errors.list)];
    if (errors.length || !parsed.ok) return fail(new FormErrors(errors));
    return this.save(reply, user, id, 'costs', parsed.value, x.labels, page.locale, stay, fail);
  }

  @Get('initiatives/:id/edit/attachments')
  async attachmentsPage(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.editable(user, id, reply, page, 'GET');
    if (!a) return reply;
    const kind =
      a.landOwner === 'other' && !a.attachments.some((f) => f.kind === 'owner_consent')
        ? 'owner_consent'
        : a.applicantType === 'ngo'
          ? 'authorisation'
          : 'other';
    return this.pages.send(reply, page, <AttachmentsView a={a} form={emptyForm({ kind })} />);
  }

  /** A file from the upload form (multipart), checked by the service (type by content, size, count). */
  @Post('initiatives/:id/edit/attachments')
  async upload(
    @Param('id', InitiativeId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.editable(user, id, reply, page, 'POST');
    if (!a) return reply;
    const raw = formBody(body);
    const file = raw.file;
    delete raw.file;
    const values = typedValues(raw);
    const fail = (errors: FormErrors) => this.pages.send(reply, page, <AttachmentsView a={a} form={{ values, errors }} />, { status: 422 });
    const chosen = isUploadedFile(file) && file.fileName !== '' ? file : null;
    const labels = { kind: L.kindLegend, name: L.fileLabel };
    const parsed = await parseForm(AttachmentQuery, { ...raw, name: chosen?.fileName ?? '' }, labels, page.locale);
    if (!chosen)
      return fail(
        new FormErrors([{ field: 'file', text: L.chooseFile[page.locale] }, ...(parsed.ok ? [] : parsed.errors.list.filter((e) => e.field !== 'name'))]),
      );
    if (!parsed.ok) return fail(new FormErrors(parsed.errors.list.map((e) => (e.field === 'name' ? { ...e, field: 'file' } : e))));
    try {
      await this.applications.attach(user, id, { kind: parsed.value.kind, fileName: parsed.value.name, mediaType: chosen.mediaType, content: chosen.content });
    } catch (err) {
      if (err instanceof DomainError && (err.code === InitiativesErrorCode.InvalidFile || err.fields?.some((f) => f.field === 'body' || f.field === 'name'))) {
        const text = err.fields?.[0]?.text ?? err.text;
        return fail(new FormErrors([{ field: 'file', text: text[page.locale] }]));
      }
      throw err;
    }
    return this.pages.redirect(reply, `${tasksPath(id)}/attachments`, { kind: 'success', text: textWith(L.uploaded, { name: parsed.value.name }) });
  }

  // ---- Check and submit ----

  @Get('initiatives/:id/edit/check')
  async checkPage(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.editable(user, id, reply, page, 'GET');
    if (!a) return reply;
    return this.pages.send(reply, page, <CheckView a={a} programme={await this.programmes.get(a.year)} problems={[]} declared={false} />);
  }

  /** Submits the application (or sends a corrected one back); what the service finds missing links to its section. */
  private async submitOrFail(user: AuthenticatedUser, a: FullInitiative, locale: Locale): Promise<LinkedProblem[]> {
    try {
      await this.applications.submit(user, a.id);
      return [];
    } catch (err) {
      if (!(err instanceof DomainError) || !['invalid', 'conflict'].includes(err.kind)) throw err;
      if (!err.fields?.length) return [{ href: null, text: err.text[locale] }];
      return err.fields.map((f) => ({ href: fieldHref(a.id, f.field), text: f.text[locale] }));
    }
  }

  @Post('initiatives/:id/edit/check')
  async submit(
    @Param('id', InitiativeId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.editable(user, id, reply, page, 'POST');
    if (!a) return reply;
    const declared = formBody(body).declaration === 'yes';
    const p = await this.programmes.get(a.year);
    const fail = (problems: LinkedProblem[]) =>
      this.pages.send(reply, page, <CheckView a={a} programme={p} problems={problems} declared={declared} />, { status: 422 });
    if (!declared) return fail([{ href: '#declaration', text: L.declarationMissing[page.locale] }]);
    const problems = await this.submitOrFail(user, a, page.locale);
    if (problems.length) return fail(problems);
    return this.pages.redirect(reply, `/initiatives/${id}/submitted${a.status === 'correction_requested' ? '?corrected=1' : ''}`);
  }

  @Get('initiatives/:id/submitted')
  async submitted(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.own(user, id);
    if (isEditable(a.status)) return this.pages.redirect(reply, tasksPath(id));
    const corrected = (reply.request.query as Record<string, unknown>).corrected === '1';
    return this.pages.send(reply, page, <SubmittedView a={a} resubmitted={corrected} />);
  }

  // ---- The correction request ----

  @Get('initiatives/:id/correction')
  async correctionPage(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    return this.pages.send(reply, page, <CorrectionView a={await this.own(user, id)} now={this.clock.now()} problems={[]} />);
  }

  @Post('initiatives/:id/correction')
  async answerCorrection(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.own(user, id);
    if (a.status !== 'correction_requested')
      return this.pages.send(reply, page, <CorrectionView a={a} now={this.clock.now()} problems={[]} />, { status: 409 });
    const problems = await this.submitOrFail(user, a, page.locale);
    if (problems.length) return this.pages.send(reply, page, <CorrectionView a={a} now={this.clock.now()} problems={problems} />, { status: 422 });
    return this.pages.redirect(reply, `/initiatives/${id}`, { kind: 'success', text: L.resubmitted });
  }

  // ---- The agreement ----

  @Get('initiatives/:id/agreement')
  async agreementPage(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    return this.pages.send(reply, page, <AgreementView a={await this.own(user, id)} />);
  }

  private async document(user: AuthenticatedUser, id: string, reply: FastifyReply, download: boolean): Promise<FastifyReply> {
    await this.own(user, id);
    const doc = await this.agreements.document(user, id, true);
    const name = encodeURIComponent(doc.fileName);
    return reply
      .status(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', DOCUMENT_CSP)
      .header('content-disposition', `${download ? 'attachment' : 'inline'}; filename*=UTF-8''${name}`)
      .send(doc.html);
  }

  /** The agreement as its own clean page, to read and print (the document the API gives, shown inline). */
  @Get('initiatives/:id/agreement/document')
  async agreementDocument(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.document(user, id, reply, false);
  }

  @Get('initiatives/:id/agreement/download')
  async agreementDownload(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.document(user, id, reply, true);
  }

  // ---- The final report ----

  @Get('initiatives/:id/final-report')
  async reportPage(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.own(user, id);
    return this.pages.send(reply, page, this.reportView(a, page.locale));
  }

  /** The final report page, its form filled with the last report filed, else the plan. */
  private reportView(a: FullInitiative, l: Locale, photoForm?: FormState) {
    // The last report filed, else the plan.
    const r = a.finalReport as null | {
      summary: string;
      volunteerPeople: number;
      volunteerHours: number;
      inKind: Array<{ item: string; value: number }>;
      cash: number;
      cityShare: FullInitiative['cityShare'];
    };
    const src = r ?? { summary: '', ...a.contribution, cityShare: a.cityShare };
    const form = emptyForm({
      summary: src.summary,
      volunteerPeople: String(src.volunteerPeople),
      volunteerHours: String(src.volunteerHours),
      cash: zlotyInput(src.cash, l),
      ...rowValues(
        'inKind',
        src.inKind.map((k) => ({ item: k.item, value: zlotyInput(k.value, l) })),
      ),
      ...rowValues(
        'cityShare',
        src.cityShare.map((s) => ({ kind: s.kind, description: s.description, value: zlotyInput(s.value, l) })),
      ),
    });
    return <FinalReportView a={a} form={form} inKindRows={rowCount(src.inKind.length)} shareRows={rowCount(src.cityShare.length)} photoForm={photoForm} />;
  }

  /** A photo of what was done for the final report (multipart), checked by the service (PNG/JPEG by content, size, count). */
  @Post('initiatives/:id/final-report/photos')
  async addPhoto(
    @Param('id', InitiativeId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.own(user, id);
    if (a.status !== 'in_progress') return this.pages.send(reply, page, this.reportView(a, page.locale), { status: 409 });
    const file = formBody(body).photo;
    const fail = (text: Text) =>
      this.pages.send(reply, page, this.reportView(a, page.locale, { values: {}, errors: new FormErrors([{ field: 'photo', text: text[page.locale] }]) }), {
        status: 422,
      });
    if (!isUploadedFile(file) || file.fileName === '') return fail(L.choosePhoto);
    try {
      await this.applications.attach(user, id, { kind: 'report_photo', fileName: file.fileName, mediaType: file.mediaType, content: file.content });
    } catch (err) {
      if (err instanceof DomainError && (err.code === InitiativesErrorCode.InvalidFile || err.fields?.some((f) => f.field === 'body' || f.field === 'name')))
        return fail(err.fields?.[0]?.text ?? err.text);
      throw err;
    }
    return this.pages.redirect(reply, `/initiatives/${id}/final-report#photos-heading`, {
      kind: 'success',
      text: textWith(L.photoAdded, { name: file.fileName }),
    });
  }

  @Post('initiatives/:id/final-report')
  async fileReport(
    @Param('id', InitiativeId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.own(user, id);
    if (a.status !== 'in_progress')
      return this.pages.send(reply, page, <FinalReportView a={a} form={emptyForm()} inKindRows={1} shareRows={1} />, { status: 409 });
    const raw = formBody(body);
    const x = ApplicationsPagesController.costsInput(raw, page.locale);
    const fail = (errors: FormErrors) =>
      this.pages.send(
        reply,
        page,
        <FinalReportView a={a} form={{ values: x.values, errors }} inKindRows={rowCount(x.inKindRows)} shareRows={rowCount(x.shareRows)} />,
        {
          status: 422,
        },
      );
    const input: Raw = {
      ...raw,
      cash: x.amounts.cash,
      volunteerPeople: raw.volunteerPeople === '' ? 0 : intOf(raw.volunteerPeople),
      volunteerHours: raw.volunteerHours === '' ? 0 : intOf(raw.volunteerHours),
      inKind: x.inKind,
      cityShare: x.cityShare,
    };
    const parsed = await parseForm(FinalReportDto, input, x.labels, page.locale);
    const errors = [...x.problems, ...(parsed.ok ? [] : parsed.errors.list)];
    if (errors.length || !parsed.ok) return fail(new FormErrors(errors));
    try {
      await this.agreements.fileReport(user, id, parsed.value);
    } catch (err) {
      const e = formErrorsOf(err, x.labels, page.locale);
      if (!e) throw err;
      return fail(e);
    }
    return this.pages.redirect(reply, `/initiatives/${id}`, { kind: 'success', text: L.reportSaved });
  }
}

export { MINE };
