import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import { PickType } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IsIn, IsOptional } from 'class-validator';
import { AreasService } from '@civitas/areas';
import { CurrentUser, Roles, type AuthenticatedUser } from '@civitas/auth';
import { DomainError, renderMarkdown } from '@civitas/common';
import {
  emptyForm,
  formBody,
  formErrorsOf,
  FormErrors,
  PageController,
  pageNotFound,
  parseForm,
  QUEUE_PAGE_SIZE,
  queuePageExists,
  queuePageNumber,
  textWith,
  typedValues,
  WebPages,
  type FieldLabels,
  type FormState,
  type PageContext,
} from '@civitas/web';
import { ConsultationsErrorCode } from '../consultations.errors';
import { CONSULTATION_STATUSES as STATUSES, type ConsultationStatus } from '../consultation-status';
import { ConsultationsService, type Consultation } from '../consultations.service';
import { DocumentsService } from '../documents.service';
import { DocumentDto } from '../http/comments.dto';
import { CancelDto, ConsultationDto } from '../http/consultations.dto';
import { ConsultationId } from '../http/params';
import {
  CONSULTATION_LABELS,
  consultationInput,
  consultationValues,
  documentInput,
  documentLabels,
  documentRows,
  documentValues,
  managePath,
  RUNNING,
} from './manage-desk.model';
import { MD } from './manage-desk.texts';
import { CancelView, ConsultationFormView, DocumentFormView, ManageListView, ManageView, type AreaChoice } from './manage-desk.views';

/** The list's filters (a GET form). */
class ManageListQuery {
  @IsOptional()
  @IsIn(STATUSES)
  status?: ConsultationStatus;

  @IsOptional()
  @IsIn(['newest', 'closes'])
  sort?: 'newest' | 'closes';

  @IsOptional()
  page?: string;
}

/** What an announced or open consultation may still change (the service refuses the rest). */
class RunningConsultationDto extends PickType(ConsultationDto, ['title', 'summary', 'body', 'topic', 'organiserUnit', 'contact', 'closesAt'] as const) {}

const FORBIDDEN_ON_FORM = new Set<string>([ConsultationsErrorCode.NotAnOfficial]);
const statusOf = (err: unknown) =>
  err instanceof DomainError && err.kind === 'conflict' ? 409 : err instanceof DomainError && err.kind === 'forbidden' ? 403 : 422;
const EDITABLE_DOC: readonly ConsultationStatus[] = ['draft', 'announced', 'open'];

/**
 * The consultations' management at the desk (officials of the areas concerned): the list, create and change (every
 * field of the API's DTO, the description's preview), the document's versions, announce, cancel with a public reason
 * — each through the API's services, so the same rules, refusals and audit log apply.
 */
@PageController('desk/consultations')
@Roles('official')
export class ManageDeskController {
  constructor(
    private readonly pages: WebPages,
    private readonly consultations: ConsultationsService,
    private readonly documents: DocumentsService,
    private readonly areas: AreasService,
  ) {}

  private async areaChoices(): Promise<AreaChoice[]> {
    const all = await this.areas.list();
    return all.filter((a) => a.kind !== 'city').map((a) => ({ id: a.id, name: a.name }));
  }

  /** The consultation, if this official may run it (404 / the API's 403 otherwise). */
  private async managed(user: AuthenticatedUser, id: string): Promise<Consultation> {
    await this.consultations.manageable(user, id);
    return this.consultations.get(id, { includeDraft: true });
  }

  @Get('list')
  async list(@Query() query: Record<string, unknown>, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const labels = { status: MD.status, sort: MD.sort };
    const pageNo = queuePageNumber(query.page);
    if (pageNo === null) throw pageNotFound();
    const parsed = await parseForm(ManageListQuery, query, labels, page.locale);
    const areas = await this.areaChoices();
    if (!parsed.ok) {
      const q = { rows: [], total: 0, page: 1, pageSize: QUEUE_PAGE_SIZE };
      return this.pages.send(reply, page, <ManageListView q={q} filters={{}} form={parsed} areas={areas} />, { status: 422 });
    }
    const { status, sort } = parsed.value;
    const { rows, total } = await this.consultations.listManaged(user, { status, sort, page: pageNo, pageSize: QUEUE_PAGE_SIZE });
    const q = { rows, total, page: pageNo, pageSize: QUEUE_PAGE_SIZE };
    if (!queuePageExists(q)) throw pageNotFound();
    return this.pages.send(reply, page, <ManageListView q={q} filters={{ status, sort }} form={emptyForm({ status, sort })} areas={areas} />);
  }

  // ---- create and change ----

  @Get('new')
  async newPage(@Res() reply: FastifyReply): Promise<FastifyReply> {
    const form = emptyForm({ audience: 'everyone', moderation: 'post', surveyAccess: 'account', minNoticeDays: '7', areaIds: [] });
    return this.pages.send(reply, this.pages.context(reply), <ConsultationFormView c={null} form={form} areas={await this.areaChoices()} previewHtml={null} />);
  }

  /** The consultation form's submission: a preview (nothing saved) or the API's DTO and service. */
  private async saveConsultation(
    reply: FastifyReply,
    page: PageContext,
    c: Consultation | null,
    body: unknown,
    save: (input: ConsultationDto) => Promise<Consultation>,
  ): Promise<FastifyReply> {
    const raw = formBody(body);
    const preview = raw.action === 'preview';
    delete raw.action;
    const areas = await this.areaChoices();
    const running = !!c && RUNNING.includes(c.status);
    const typed: FormState['values'] = {
      ...typedValues(raw),
      areaIds: Array.isArray(raw.areaIds) ? (raw.areaIds as string[]) : typeof raw.areaIds === 'string' ? [raw.areaIds] : [],
    };
    const show = (form: FormState, status: number, previewHtml: string | null = null) =>
      this.pages.send(reply, page, <ConsultationFormView c={c} form={form} areas={areas} previewHtml={previewHtml} />, { status });
    if (preview) return show({ values: typed, errors: FormErrors.none() }, 200, renderMarkdown(typeof raw.body === 'string' ? raw.body : ''));
    const parsed = await parseForm(running ? RunningConsultationDto : ConsultationDto, consultationInput(raw, c), CONSULTATION_LABELS, page.locale);
    if (!parsed.ok) return show({ values: typed, errors: parsed.errors }, 422);
    let saved: Consultation;
    try {
      saved = await save(parsed.value);
    } catch (err) {
      const errors = formErrorsOf(err, CONSULTATION_LABELS, page.locale, FORBIDDEN_ON_FORM);
      if (!errors) throw err;
      return show({ values: typed, errors }, statusOf(err));
    }
    return this.pages.redirect(reply, managePath(saved.id), { kind: 'success', text: c ? MD.saved : MD.created });
  }

  @Post('new')
  async create(@Body() body: unknown, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.saveConsultation(reply, this.pages.context(reply), null, body, (input) => this.consultations.create(user, input));
  }

  @Get(':id')
  async overview(@Param('id', ConsultationId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const c = await this.managed(user, id);
    return this.pages.send(reply, this.pages.context(reply), <ManageView c={c} areas={await this.areaChoices()} form={emptyForm()} />);
  }

  @Get(':id/edit')
  async editPage(@Param('id', ConsultationId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const c = await this.managed(user, id);
    return this.pages.send(
      reply,
      this.pages.context(reply),
      <ConsultationFormView c={c} form={emptyForm(consultationValues(c))} areas={await this.areaChoices()} previewHtml={null} />,
    );
  }

  @Post(':id/edit')
  async edit(
    @Param('id', ConsultationId) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const c = await this.managed(user, id);
    return this.saveConsultation(reply, this.pages.context(reply), c, body, (input) => this.consultations.update(user, id, input));
  }

  // ---- announce and cancel ----

  @Post(':id/announce')
  async announce(@Param('id', ConsultationId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    try {
      await this.consultations.announce(user, id);
    } catch (err) {
      const errors = formErrorsOf(err, {}, page.locale);
      if (!errors) throw err;
      // The schedule's problems name fields of the edit page: shown in the summary, with the page to change them a link away.
      const c = await this.managed(user, id);
      return this.pages.send(reply, page, <ManageView c={c} areas={await this.areaChoices()} form={{ values: {}, errors }} />, { status: statusOf(err) });
    }
    return this.pages.redirect(reply, managePath(id), { kind: 'success', text: MD.announcedFlash });
  }

  @Get(':id/cancel')
  async cancelPage(@Param('id', ConsultationId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const c = await this.managed(user, id);
    return this.pages.send(reply, this.pages.context(reply), <CancelView c={c} form={emptyForm()} />);
  }

  @Post(':id/cancel')
  async cancel(
    @Param('id', ConsultationId) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const c = await this.managed(user, id);
    const labels = { reason: MD.reason };
    const parsed = await parseForm(CancelDto, body, labels, page.locale);
    if (!parsed.ok) return this.pages.send(reply, page, <CancelView c={c} form={parsed} />, { status: 422 });
    try {
      await this.consultations.cancel(user, id, parsed.value.reason);
    } catch (err) {
      const errors = formErrorsOf(err, labels, page.locale);
      if (!errors) throw err;
      return this.pages.send(reply, page, <CancelView c={c} form={{ values: parsed.values, errors }} />, { status: statusOf(err) });
    }
    return this.pages.redirect(reply, managePath(id), { kind: 'success', text: MD.cancelledFlash });
  }

  // ---- the document ----

  @Get(':id/document')
  async documentPage(@Param('id', ConsultationId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const c = await this.managed(user, id);
    const doc = await this.documents.get(id, { includeDraft: true });
    const rows = Math.max(1, doc.sections.length);
    return this.pages.send(
      reply,
      this.pages.context(reply),
      <DocumentFormView c={c} doc={doc} form={emptyForm(documentValues(doc))} rows={rows} editable={EDITABLE_DOC.includes(c.status)} />,
    );
  }

  @Post(':id/document')
  async saveDocument(
    @Param('id', ConsultationId) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const c = await this.managed(user, id);
    const doc = await this.documents.get(id, { includeDraft: true });
    const raw = formBody(body);
    const add = raw.action === 'add';
    delete raw.action;
    delete raw._csrf;
    const typed = typedValues(raw);
    const rowCount = Math.max(1, documentRows(raw));
    const show = (errors: FormErrors, rows: number, status: number) =>
      this.pages.send(reply, page, <DocumentFormView c={c} doc={doc} form={{ values: typed, errors }} rows={rows} editable />, { status });
    if (add) return show(FormErrors.none(), Math.min(rowCount + 1, 500), 200);
    const { body: input, rows } = documentInput(raw);
    // Labels by the sent sections' places, named by the rows the official sees; problems put back on those rows.
    const labels: FieldLabels = { note: MD.note, sections: MD.documentTitle };
    const shown = documentLabels(rowCount);
    rows.forEach((row, j) => {
      for (const f of ['key', 'heading', 'body']) labels[`sections.${j}.${f}`] = shown[`sections.${row}.${f}`];
    });
    const onRows = (errors: FormErrors) =>
      new FormErrors(
        errors.list.map((e) => ({ ...e, field: e.field?.replace(/^sections\.(\d+)\./, (_, j: string) => `sections.${rows[Number(j)] ?? j}.`) ?? null })),
      );
    const parsed = await parseForm(DocumentDto, input, labels, page.locale);
    if (!parsed.ok) return show(onRows(parsed.errors), rowCount, 422);
    let version: number;
    try {
      version = (await this.documents.putVersion(user, id, parsed.value)).version;
    } catch (err) {
      const errors = formErrorsOf(err, labels, page.locale);
      if (!errors) throw err;
      return show(onRows(errors), rowCount, statusOf(err));
    }
    return this.pages.redirect(reply, managePath(id), { kind: 'success', text: textWith(MD.versionSaved, { n: String(version) }) });
  }
}
