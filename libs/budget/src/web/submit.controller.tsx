import { Body, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentUser, type AuthenticatedUser } from '@civitas/auth';
import { AreasService } from '@civitas/areas';
import { DomainError, format, type Locale } from '@civitas/common';
import {
  AssetsService,
  emptyForm,
  formErrorsOf,
  type FieldLabels,
  FormErrors,
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
} from '@civitas/web';
import { AttachmentsService } from '../attachments.service';
import { AuthorsService } from '../authors.service';
import { BudgetError, BudgetErrorCode } from '../budget.errors';
import { EditionsService } from '../editions.service';
import { UploadAttachmentQueryDto } from '../http/dto/attachments.dto';
import { InvitationDto } from '../http/dto/collaboration.dto';
import { AttachmentId, EditionId, InvitationId, ProjectId } from '../http/params';
import { ProjectsService } from '../projects.service';
import { ReviewsService } from '../reviews.service';
import { CheckView, fieldHref, SubmittedView } from './submit-check.view';
import type { DraftContext, LinkedProblem } from './submit-page.view';
import { tasksPath } from './submit-page.view';
import {
  AttachmentsView,
  AuthorsView,
  BASICS_FIELDS,
  BasicsView,
  costLabels,
  CostsView,
  DESCRIPTION_FIELDS,
  DescriptionView,
  INVITE_FIELDS,
  LOCATION_FIELDS,
  LocationView,
  MAX_COST_ITEMS,
  UPLOAD_FIELDS,
  type CostRow,
} from './submit-sections.view';
import { START_FIELDS, StartView, SubmissionClosedView } from './submit-start.view';
import { NotEditableView, TaskListView } from './submit-tasks.view';
import { BasicsForm, CostsForm, DescriptionForm, LocationForm, StartProjectForm } from './submit.dto';
import { coordinateOf, parseZloty, taskStatuses, zlotyInput, type FieldSection } from './submit.model';
import { EDITABLE_STATUSES, statusIn } from '../project-status';
import { MISSING_FIELD, S, SECTION_NAMES } from './submit.texts';
import { Clock } from '@civitas/config';

/** The upload problems the attachment service finds, shown on the file field (not as error pages). */
const FILE_CODES = new Set<string>([BudgetErrorCode.UnsupportedFileType, BudgetErrorCode.FileTooLarge, BudgetErrorCode.TooManyAttachments]);

/**
 * The resident's side of writing a project: starting a draft in an edition's submission phase, the task list of
 * its sections (each saved on its own, so the application can be resumed later or elsewhere), and checking and
 * submitting it — or resubmitting a project sent back for correction. Every page calls the same service as the JSON
 * API (ProjectsService, AttachmentsService, AuthorsService, ReviewsService) and validates with the API's DTOs; a
 * draft is its authors' alone (anyone else gets the 404 page).
 */
@PageController()
export class SubmitController {
  constructor(
    private readonly pages: WebPages,
    private readonly assets: AssetsService,
    private readonly editions: EditionsService,
    private readonly projects: ProjectsService,
    private readonly attachments: AttachmentsService,
    private readonly authors: AuthorsService,
    private readonly reviews: ReviewsService,
    private readonly areas: AreasService,
    private readonly clock: Clock,
  ) {}

  // ---- Start ----

  @Get('budget/:editionId/submit')
  async startPage(@Param('editionId', EditionId) editionId: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const edition = await this.editions.get(editionId);
    if (edition.currentPhase !== 'submission' || edition.pools.length === 0) {
      return this.pages.send(reply, page, <SubmissionClosedView edition={edition} now={this.clock.now()} />);
    }
    return this.pages.send(reply, page, <StartView edition={edition} form={emptyForm()} />);
  }

  @Post('budget/:editionId/submit')
  async start(
    @Param('editionId', EditionId) editionId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const edition = await this.editions.get(editionId);
    if (edition.currentPhase !== 'submission' || edition.pools.length === 0) {
      return this.pages.send(reply, page, <SubmissionClosedView edition={edition} now={this.clock.now()} />, { status: 409 });
    }
    const parsed = await parseForm(StartProjectForm, body, START_FIELDS, page.locale);
    const fail = (form: FormState) => this.pages.send(reply, page, <StartView edition={edition} form={form} />, { status: 422 });
    if (!parsed.ok) return fail(parsed);
    let id: string;
    try {
      id = (await this.projects.createDraft(user, editionId, { ...parsed.value, costItems: [] })).id;
    } catch (err) {
      const errors = formErrorsOf(err, START_FIELDS, page.locale);
      if (!errors) throw err;
      return fail({ values: parsed.values, errors });
    }
    return this.pages.redirect(reply, tasksPath(id), { kind: 'success', text: S.draftCreated });
  }

  // ---- The task list ----

  /** The project for one of its authors: a draft does not exist for anyone else, a public project is not theirs. */
  private async draft(user: AuthenticatedUser, projectId: string): Promise<DraftContext> {
    const project = await this.projects.get(user, projectId);
    const me = project.authors.find((a) => a.userId === user.id);
    if (!me) throw project.status === 'draft' ? BudgetError.projectNotFound() : BudgetError.notAnAuthor();
    const edition = await this.editions.get(project.editionId);
    const pool = edition.pools.find((p) => p.id === project.poolId);
    const areaName = project.areaId ? ((await this.areas.list()).find((a) => a.id === project.areaId)?.name ?? null) : null;
    return { project, edition, pool, role: me.role, areaName };
  }

  /** A draft that may still be changed, or the page saying it cannot (409 after a POST: nothing changed). */
  private async editable(user: AuthenticatedUser, projectId: string, reply: FastifyReply, page: PageContext, method: 'GET' | 'POST') {
    const d = await this.draft(user, projectId);
    if (statusIn(d.project.status, EDITABLE_STATUSES)) return d;
    this.pages.send(reply, page, <NotEditableView draft={d} />, { status: method === 'GET' ? 200 : 409 });
    return null;
  }

  private async review(user: AuthenticatedUser, d: DraftContext) {
    return d.project.status === 'correction_requested' ? this.reviews.latest(user, d.project.id) : null;
  }

  @Get('projects/:id/edit')
  async tasks(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const d = await this.editable(user, id, reply, page, 'GET');
    if (!d) return reply;
    const invitations = await this.authors.list(user, id);
    const statuses = taskStatuses({
      project: d.project,
      rules: d.edition.rules,
      pool: d.pool,
      pendingInvitations: invitations.filter((i) => i.status === 'pending').length,
    });
    return this.pages.send(reply, page, <TaskListView draft={d} statuses={statuses} review={await this.review(user, d)} now={this.clock.now()} />);
  }

  private saved(reply: FastifyReply, projectId: string, section: FieldSection) {
    return this.pages.redirect(reply, tasksPath(projectId), { kind: 'success', text: textWith(S.saved, { section: SECTION_NAMES[section] }) });
  }

  /**
   * Saves one section's change through the API's service: back to the task list with "saved", or the section's form
   * again with the service's refusal on its fields (anything not the form's to show is an error page).
   */
  private async saveSection(
    reply: FastifyReply,
    user: AuthenticatedUser,
    id: string,
    section: FieldSection,
    change: Parameters<ProjectsService['update']>[2],
    labels: FieldLabels,
    locale: Locale,
    fail: (errors: FormErrors) => FastifyReply | Promise<FastifyReply>,
  ): Promise<FastifyReply> {
    try {
      await this.projects.update(user, id, change);
    } catch (err) {
      const errors = formErrorsOf(err, labels, locale);
      if (!errors) throw err;
      return fail(errors);
    }
    return this.saved(reply, id, section);
  }

  /** Areas a project of the pool may lie in: the pool's area and everything inside it (any area for a city-wide pool). */
  private async areaChoices(d: DraftContext): Promise<Array<{ id: string; name: string }>> {
    const all = await this.areas.list();
    if (!d.pool?.areaId) return all.map((a) => ({ id: a.id, name: a.name }));
    const inside = new Set([d.pool.areaId]);
    for (let grew = true; grew;) {
      grew = false;
      for (const a of all) if (a.parentId && inside.has(a.parentId) && !inside.has(a.id)) grew = !!inside.add(a.id);
    }
    return all.filter((a) => inside.has(a.id)).map((a) => ({ id: a.id, name: a.name }));
  }

  // ---- Basic information ----

  @Get('projects/:id/edit/basics')
  async basicsPage(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const d = await this.editable(user, id, reply, page, 'GET');
    if (!d) return reply;
    const p = d.project;
    const form = emptyForm({ title: p.title, poolId: p.poolId, categoryId: p.categoryId ?? '', areaId: p.areaId ?? '' });
    return this.pages.send(reply, page, <BasicsView draft={d} form={form} areas={await this.areaChoices(d)} />);
  }

  @Post('projects/:id/edit/basics')
  async saveBasics(
    @Param('id', ProjectId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const d = await this.editable(user, id, reply, page, 'POST');
    if (!d) return reply;
    const raw = formBody(body);
    delete raw.action;
    const parsed = await parseForm(BasicsForm, raw, BASICS_FIELDS, page.locale);
    const fail = async (errors: FormErrors) =>
      this.pages.send(reply, page, <BasicsView draft={d} form={{ values: typedValues(raw), errors }} areas={await this.areaChoices(d)} />, { status: 422 });
    if (!parsed.ok) return fail(parsed.errors);
    // An emptied choice clears it (the form always sends both).
    const change = {
      ...parsed.value,
      ...(raw.categoryId === '' ? { categoryId: null } : {}),
      ...(raw.areaId === '' ? { areaId: null } : {}),
    };
    return this.saveSection(reply, user, id, 'basics', change, BASICS_FIELDS, page.locale, fail);
  }

  // ---- Description ----

  @Get('projects/:id/edit/description')
  async descriptionPage(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const d = await this.editable(user, id, reply, page, 'GET');
    if (!d) return reply;
    const p = d.project;
    const form = emptyForm({ summary: p.summary, description: p.description, justification: p.justification, beneficiaries: p.beneficiaries });
    return this.pages.send(reply, page, <DescriptionView draft={d} form={form} />);
  }

  @Post('projects/:id/edit/description')
  async saveDescription(
    @Param('id', ProjectId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const d = await this.editable(user, id, reply, page, 'POST');
    if (!d) return reply;
    const raw = formBody(body);
    delete raw.action;
    const parsed = await parseForm(DescriptionForm, raw, DESCRIPTION_FIELDS, page.locale);
    const fail = (errors: FormErrors) =>
      this.pages.send(reply, page, <DescriptionView draft={d} form={{ values: typedValues(raw), errors }} />, { status: 422 });
    if (!parsed.ok) return fail(parsed.errors);
    const change: Record<string, string> = { ...(parsed.value as Record<string, string>) };
    // An emptied field empties the text (the form always sends every field).
    for (const k of Object.keys(DESCRIPTION_FIELDS)) if (raw[k] === '') change[k] = '';
    return this.saveSection(reply, user, id, 'description', change, DESCRIPTION_FIELDS, page.locale, fail);
  }

  // ---- Location ----

  @Get('projects/:id/edit/location')
  async locationPage(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const d = await this.editable(user, id, reply, page, 'GET');
    if (!d) return reply;
    const p = d.project;
    const coord = (n: number | null) => (n === null ? '' : page.locale === 'pl' ? String(n).replace('.', ',') : String(n));
    const form = emptyForm({ address: p.address, latitude: coord(p.latitude), longitude: coord(p.longitude) });
    return this.pages.send(reply, page, <LocationView draft={d} form={form} />);
  }

  @Post('projects/:id/edit/location')
  async saveLocation(
    @Param('id', ProjectId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const d = await this.editable(user, id, reply, page, 'POST');
    if (!d) return reply;
    const raw = formBody(body);
    delete raw.action;
    // Coordinates are typed as text ("54,4065"); the DTO wants numbers, and says so about anything else.
    const input = { ...raw, latitude: coordinateOf(raw.latitude), longitude: coordinateOf(raw.longitude) };
    if (raw.latitude === undefined) delete input.latitude;
    if (raw.longitude === undefined) delete input.longitude;
    const parsed = await parseForm(LocationForm, input, LOCATION_FIELDS, page.locale);
    const fail = (errors: FormErrors) => this.pages.send(reply, page, <LocationView draft={d} form={{ values: typedValues(raw), errors }} />, { status: 422 });
    if (!parsed.ok) return fail(parsed.errors);
    const change: Record<string, unknown> = { ...parsed.value };
    if (raw.address === '') change.address = '';
    if (raw.latitude === '') change.latitude = null;
    if (raw.longitude === '') change.longitude = null;
    return this.saveSection(reply, user, id, 'location', change, LOCATION_FIELDS, page.locale, fail);
  }

  // ---- Costs ----

  /** The costs page loads the live total script (a progressive enhancement; the server computes the same total). */
  private withCostScript(page: PageContext): PageContext {
    try {
      page.assets.js.push(this.assets.url('cost-total.js'));
    } catch {
      // Assets built before the script existed: the page works without it.
    }
    return page;
  }

  @Get('projects/:id/edit/costs')
  async costsPage(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.withCostScript(this.pages.context(reply));
    const d = await this.editable(user, id, reply, page, 'GET');
    if (!d) return reply;
    const rows: CostRow[] = d.project.costItems.map((c) => ({ description: c.description, amount: zlotyInput(c.amount, page.locale) }));
    if (rows.length < MAX_COST_ITEMS) rows.push({ description: '', amount: '' });
    return this.pages.send(reply, page, <CostsView draft={d} rows={rows} errors={FormErrors.none()} total={d.project.totalCost} />);
  }

  /**
   * The cost form's buttons: save (also Enter in a field), add an item, remove item n, recalculate. Only "save"
   * writes; the others show the form again with the rows as typed and the total computed here.
   */
  @Post('projects/:id/edit/costs')
  async saveCosts(
    @Param('id', ProjectId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.withCostScript(this.pages.context(reply));
    const d = await this.editable(user, id, reply, page, 'POST');
    if (!d) return reply;
    const raw = formBody(body);
    // Any other value (or none: Enter in a field of a browser that sends no button) saves.
    const action = typeof raw.action === 'string' && /^(add|recalculate|remove-\d{1,3})$/.test(raw.action) ? raw.action : 'save';
    delete raw.action;
    delete raw._csrf;
    // The rows as sent: costItems.<n>.description / .amount; other fields stay, to be refused as unknown.
    const byIndex = new Map<number, { description: unknown; amount: unknown }>();
    for (const [k, v] of Object.entries(raw)) {
      const m = /^costItems\.(\d{1,3})\.(description|amount)$/.exec(k);
      if (!m) continue;
      const row = byIndex.get(Number(m[1])) ?? { description: '', amount: '' };
      row[m[2] as 'description' | 'amount'] = v;
      byIndex.set(Number(m[1]), row);
      delete raw[k];
    }
    const removeAt = /^remove-(\d{1,3})$/.exec(action);
    const rows = [...byIndex.entries()]
      .sort(([a], [b]) => a - b)
      .filter(([i]) => !removeAt || i !== Number(removeAt[1]))
      .map(([, r]) => r)
      // A row left empty is no row.
      .filter((r) => !(r.description === '' && r.amount === ''));
    const shown: CostRow[] = rows.map((r) => ({
      description: typeof r.description === 'string' ? r.description : '',
      amount: typeof r.amount === 'string' ? r.amount : '',
    }));
    // Amounts in złoty → grosze; what cannot be read is a problem of its field, in our words.
    const amountErrors: FormError[] = [];
    let total = 0n;
    const items = rows.map((r, i) => {
      const amount = typeof r.amount === 'string' ? parseZloty(r.amount) : { problem: 'format' as const };
      if ('grosze' in amount) {
        total += BigInt(amount.grosze);
        return { description: r.description, amount: amount.grosze };
      }
      const text = { missing: S.amountMissing, format: S.amountFormat, zero: S.amountZero, too_large: S.amountTooLarge }[amount.problem];
      amountErrors.push({ field: `costItems.${i}.amount`, text: format(text[page.locale], { n: i + 1 }) });
      return { description: r.description, amount: 1 };
    });
    const render = (errors: FormErrors, status: number, list = shown) =>
      this.pages.send(reply, page, <CostsView draft={d} rows={list} errors={errors} total={Number(total)} />, { status });
    if (action === 'add') return render(FormErrors.none(), 200, [...shown, { description: '', amount: '' }].slice(0, MAX_COST_ITEMS));
    if (removeAt) return render(FormErrors.none(), 200);
    if (action === 'recalculate') return render(new FormErrors(amountErrors), amountErrors.length ? 422 : 200);
    const labels = costLabels(rows.length);
    const parsed = await parseForm(CostsForm, { ...raw, costItems: items }, labels, page.locale);
    // One message per field in the order of the form: each row's description, then its amount (ours first).
    const dto = parsed.ok ? FormErrors.none() : parsed.errors;
    const ordered: FormError[] = [];
    rows.forEach((_, i) => {
      const description = dto.for(`costItems.${i}.description`);
      if (description) ordered.push({ field: `costItems.${i}.description`, text: description });
      const amount = amountErrors.find((e) => e.field === `costItems.${i}.amount`)?.text ?? dto.for(`costItems.${i}.amount`);
      if (amount) ordered.push({ field: `costItems.${i}.amount`, text: amount });
    });
    ordered.push(...dto.list.filter((e) => e.field === null || !e.field.startsWith('costItems.')));
    if (ordered.length) return render(new FormErrors(ordered), 422);
    const costItems = items as Array<{ description: string; amount: number }>;
    return this.saveSection(reply, user, id, 'costs', { costItems }, labels, page.locale, (errors) => render(errors, 422));
  }

  // ---- Attachments ----

  @Get('projects/:id/edit/attachments')
  async attachmentsPage(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const d = await this.editable(user, id, reply, page, 'GET');
    if (!d) return reply;
    return this.pages.send(reply, page, <AttachmentsView draft={d} form={emptyForm({ kind: 'document' })} />);
  }

  /** A file from the upload form (multipart): checked by the attachment service (type by content, size, count). */
  @Post('projects/:id/edit/attachments')
  async upload(
    @Param('id', ProjectId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const d = await this.editable(user, id, reply, page, 'POST');
    if (!d) return reply;
    const raw = formBody(body);
    const file = raw.file;
    delete raw.file;
    const values = typedValues(raw);
    const fail = (errors: FormErrors) => this.pages.send(reply, page, <AttachmentsView draft={d} form={{ values, errors }} />, { status: 422 });
    const chosen = isUploadedFile(file) && file.fileName !== '' ? file : null;
    const parsed = await parseForm(UploadAttachmentQueryDto, { ...raw, name: chosen?.fileName ?? '' }, UPLOAD_FIELDS, page.locale);
    if (!chosen)
      return fail(
        new FormErrors([{ field: 'file', text: S.chooseFile[page.locale] }, ...(parsed.ok ? [] : parsed.errors.list.filter((e) => e.field !== 'name'))]),
      );
    if (!parsed.ok) return fail(new FormErrors(parsed.errors.list.map((e) => (e.field === 'name' ? { ...e, field: 'file' } : e))));
    try {
      await this.attachments.upload(user, id, { kind: parsed.value.kind, fileName: parsed.value.name, mediaType: chosen.mediaType, content: chosen.content });
    } catch (err) {
      if (err instanceof DomainError && (FILE_CODES.has(err.code) || err.fields?.some((f) => f.field === 'body'))) {
        const text = err.fields?.find((f) => f.field === 'body')?.text ?? err.text;
        return fail(new FormErrors([{ field: 'file', text: text[page.locale] }]));
      }
      const errors = formErrorsOf(err, UPLOAD_FIELDS, page.locale);
      if (!errors) throw err;
      return fail(errors);
    }
    return this.pages.redirect(reply, `${tasksPath(id)}/attachments`, { kind: 'success', text: textWith(S.uploaded, { name: parsed.value.name }) });
  }

  @Post('projects/:id/edit/attachments/:attachmentId/remove')
  async removeAttachment(
    @Param('id', ProjectId) id: string,
    @Param('attachmentId', AttachmentId) attachmentId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const d = await this.editable(user, id, reply, page, 'POST');
    if (!d) return reply;
    const file = d.project.attachments.find((a) => a.id === attachmentId);
    if (!file) throw BudgetError.attachmentNotFound();
    await this.attachments.remove(user, id, attachmentId);
    return this.pages.redirect(reply, `${tasksPath(id)}/attachments`, { kind: 'success', text: textWith(S.removedFile, { name: file.fileName }) });
  }

  // ---- Co-authors ----

  @Get('projects/:id/edit/authors')
  async authorsPage(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const d = await this.editable(user, id, reply, page, 'GET');
    if (!d) return reply;
    return this.pages.send(reply, page, <AuthorsView draft={d} invitations={await this.authors.list(user, id)} form={emptyForm()} />);
  }

  @Post('projects/:id/edit/authors')
  async invite(
    @Param('id', ProjectId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const d = await this.editable(user, id, reply, page, 'POST');
    if (!d) return reply;
    const parsed = await parseForm(InvitationDto, body, INVITE_FIELDS, page.locale);
    const fail = async (form: FormState) =>
      this.pages.send(reply, page, <AuthorsView draft={d} invitations={await this.authors.list(user, id)} form={form} />, { status: 422 });
    if (!parsed.ok) return fail(parsed);
    try {
      const invitation = await this.authors.invite(user, id, parsed.value);
      return this.pages.redirect(reply, `${tasksPath(id)}/authors`, { kind: 'success', text: textWith(S.invited, { email: invitation.email }) });
    } catch (err) {
      const errors = formErrorsOf(err, INVITE_FIELDS, page.locale);
      if (!errors) throw err;
      return fail({ values: parsed.values, errors });
    }
  }

  @Post('projects/:id/edit/authors/invitations/:invitationId/withdraw')
  async withdraw(
    @Param('id', ProjectId) id: string,
    @Param('invitationId', InvitationId) invitationId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const d = await this.editable(user, id, reply, page, 'POST');
    if (!d) return reply;
    const invitation = (await this.authors.list(user, id)).find((i) => i.id === invitationId);
    if (!invitation) throw BudgetError.invitationNotFound();
    await this.authors.revoke(user, id, invitationId);
    return this.pages.redirect(reply, `${tasksPath(id)}/authors`, { kind: 'success', text: textWith(S.withdrawn, { email: invitation.email }) });
  }

  // ---- Check and submit ----

  @Get('projects/:id/edit/check')
  async checkPage(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const d = await this.editable(user, id, reply, page, 'GET');
    if (!d) return reply;
    return this.pages.send(reply, page, <CheckView draft={d} problems={[]} declared={false} review={await this.review(user, d)} now={this.clock.now()} />);
  }

  /**
   * Submits the draft (or resubmits a corrected project) once the declaration is ticked. What the submission finds
   * missing — the edition's required fields, the pool's cost limits, an area outside the pool — is listed, each
   * problem linking to the section where it is fixed; nothing changes then.
   */
  @Post('projects/:id/edit/check')
  async submit(
    @Param('id', ProjectId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const d = await this.editable(user, id, reply, page, 'POST');
    if (!d) return reply;
    const declared = formBody(body).declaration === 'yes';
    const fail = async (problems: LinkedProblem[]) =>
      this.pages.send(reply, page, <CheckView draft={d} problems={problems} declared={declared} review={await this.review(user, d)} now={this.clock.now()} />, {
        status: 422,
      });
    if (!declared) return fail([{ href: '#declaration', text: S.declarationMissing[page.locale] }]);
    const correction = d.project.status === 'correction_requested';
    try {
      if (correction) await this.reviews.resubmit(user, id);
      else await this.projects.submit(user, id);
    } catch (err) {
      if (!(err instanceof DomainError) || !['invalid', 'conflict'].includes(err.kind)) throw err;
      if (!err.fields?.length) return fail([{ href: null, text: err.text[page.locale] }]);
      return fail(
        err.fields.map((f) => ({
          href: fieldHref(id, f.field),
          text: err.code === BudgetErrorCode.IncompleteProject && MISSING_FIELD[f.field] ? MISSING_FIELD[f.field][page.locale] : f.text[page.locale],
        })),
      );
    }
    return this.pages.redirect(reply, `/projects/${id}/submitted`);
  }

  @Get('projects/:id/submitted')
  async submitted(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const d = await this.draft(user, id);
    if (statusIn(d.project.status, EDITABLE_STATUSES)) return this.pages.redirect(reply, tasksPath(id));
    const resubmitted = d.project.history.at(-1)?.action === 'resubmitted';
    return this.pages.send(reply, page, <SubmittedView draft={d} resubmitted={resubmitted} />);
  }
}
