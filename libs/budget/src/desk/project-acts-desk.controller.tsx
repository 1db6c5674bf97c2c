import { Body, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AccessService, CurrentUser, Roles, type AuthenticatedUser } from '@civitas/auth';
import { DomainError, format, type Text } from '@civitas/common';
import { PickType } from '@nestjs/swagger';
import {
  emptyForm,
  FormErrors,
  formBody,
  formErrorsOf,
  isUploadedFile,
  PageController,
  parseForm,
  parseZloty,
  typedValues,
  WebPages,
  zlotyInput,
  type Choice,
  type FieldLabels,
  type FormError,
  type FormState,
  type PageContext,
} from '@civitas/web';
import { ParseUUIDPipe } from '@nestjs/common';
import { AttachmentsService } from '../attachments.service';
import { CostCorrectionsService } from '../cost-corrections.service';
import { EditionsService } from '../editions.service';
import { EnterSupportListDto } from '../http/dto/attachments.dto';
import { CostProposalDto, ExclusionDto, MergeDto } from '../http/dto/collaboration.dto';
import { ImplementationUpdateDto } from '../http/dto/implementation.dto';
import { ProjectId } from '../http/params';
import { ImplementationService } from '../implementation.service';
import { MergesService } from '../merges.service';
import { ProjectsService, type ProjectView } from '../projects.service';
import { statusIn, UNDER_REVIEW_STATUSES } from '../project-status';
import { ReviewsService } from '../reviews.service';
import { S } from '../web/submit.texts';
import { PA } from './project-acts-desk.texts';
import {
  actPath,
  costLabels,
  CostsView,
  EXCLUSION_FIELDS,
  ExclusionsView,
  IMPLEMENTATION_FIELDS,
  ImplementationListView,
  ImplementationView,
  MERGE_FIELDS,
  MergeView,
  mayBeExclusive,
  reviewPath,
  SUPPORT_FIELDS,
  SupportListsView,
  type CostRow,
  type ImplementationRow,
} from './project-acts-desk.views';

const PHOTO_PROBLEMS = new Set(['invalid', 'conflict', 'unsupported_media_type', 'too_large']);

/** The merge's fields the page offers (the merged cost breakdown stays the continuing project's). */
class MergeForm extends PickType(MergeDto, ['projectIds', 'title', 'justification'] as const) {}

/** Most cost items a proposal may have (the API's limit). */
const MAX_COST_ITEMS = 100;

const textWith = (template: Text, params: Record<string, string | number>): Text => ({ pl: format(template.pl, params), en: format(template.en, params) });

/** A whole number typed in a field as a number for the DTO; anything else stays as typed (the DTO refuses it). */
function wholeNumber(v: unknown): unknown {
  return typeof v === 'string' && /^\s*\d{1,9}\s*$/.test(v) ? Number(v) : v;
}

/**
 * The other acts of officials on a project, beside its review: cost corrections, the signatures of paper support
 * lists, merges, groups of mutually exclusive projects, and the implementation updates of a selected project (with
 * photos). Each page reads its form with the API's DTO and calls the service the API calls — the same access rule
 * (an official of the project's area, or an admin), the same errors, shown on the form (422) with nothing stored.
 */
@PageController('desk/budget')
@Roles('official')
export class ProjectActsDeskController {
  constructor(
    private readonly pages: WebPages,
    private readonly reviews: ReviewsService,
    private readonly projects: ProjectsService,
    private readonly editions: EditionsService,
    private readonly costs: CostCorrectionsService,
    private readonly attachments: AttachmentsService,
    private readonly merges: MergesService,
    private readonly implementation: ImplementationService,
    private readonly access: AccessService,
  ) {}

  /** The project as an official of its area reads it (others: the API's 403; a draft or unknown project: 404). */
  private project(user: AuthenticatedUser, id: string): Promise<ProjectView> {
    return this.reviews.forReview(user, id);
  }

  private success(reply: FastifyReply, to: string, text: Text): FastifyReply {
    return this.pages.redirect(reply, to, { kind: 'success', text });
  }

  /** Runs a service act; a refusal the form can show comes back as the form's errors (nothing was stored). */
  private async attempt<T>(act: () => Promise<T>, labels: FieldLabels, page: PageContext): Promise<{ ok: true; value: T } | { ok: false; errors: FormErrors }> {
    try {
      return { ok: true, value: await act() };
    } catch (err) {
      const errors = formErrorsOf(err, labels, page.locale);
      if (!errors) throw err;
      return { ok: false, errors };
    }
  }

  // ---- Cost corrections ----

  @Get('projects/:id/costs')
  async costsPage(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const p = await this.project(user, id);
    const rows: CostRow[] = p.costItems.map((c) => ({ description: c.description, amount: zlotyInput(c.amount, page.locale) }));
    const proposals = await this.costs.list(user, id);
    return this.pages.send(reply, page, <CostsView project={p} rows={rows} form={emptyForm()} proposals={proposals} />);
  }

  /**
   * "Add an item" shows the form again with an empty row; "propose" (also Enter in a field) reads the rows — amounts in
   * złoty, stored in grosze —, validates them with CostProposalDto and calls CostCorrectionsService.propose.
   */
  @Post('projects/:id/costs')
  async propose(
    @Param('id', ProjectId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const p = await this.project(user, id);
    const raw = formBody(body);
    const action = raw.action === 'add' ? 'add' : 'save';
    delete raw.action;
    delete raw._csrf;
    const byIndex = new Map<number, { description: unknown; amount: unknown }>();
    for (const [k, v] of Object.entries(raw)) {
      const m = /^costItems\.(\d{1,3})\.(description|amount)$/.exec(k);
      if (!m) continue;
      const row = byIndex.get(Number(m[1])) ?? { description: '', amount: '' };
      row[m[2] as 'description' | 'amount'] = v;
      byIndex.set(Number(m[1]), row);
      delete raw[k];
    }
    const rows = [...byIndex.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, r]) => r)
      .filter((r) => !(r.description === '' && r.amount === ''));
    const shown: CostRow[] = rows.map((r) => ({
      description: typeof r.description === 'string' ? r.description : '',
      amount: typeof r.amount === 'string' ? r.amount : '',
    }));
    const justification = typeof raw.justification === 'string' ? raw.justification : '';
    const render = async (errors: FormErrors, status: number, list = shown) =>
      this.pages.send(
        reply,
        page,
        <CostsView project={p} rows={list} form={{ values: { justification }, errors }} proposals={await this.costs.list(user, id)} />,
        { status },
      );
    if (action === 'add') return render(FormErrors.none(), 200, [...shown, { description: '', amount: '' }].slice(0, MAX_COST_ITEMS));
    const amountErrors: FormError[] = [];
    const items = rows.map((r, i) => {
      const amount = typeof r.amount === 'string' ? parseZloty(r.amount) : { problem: 'format' as const };
      if ('grosze' in amount) return { description: r.description, amount: amount.grosze };
      const text = { missing: S.amountMissing, format: S.amountFormat, zero: S.amountZero, too_large: S.amountTooLarge }[amount.problem];
      amountErrors.push({ field: `costItems.${i}.amount`, text: format(text[page.locale], { n: i + 1 }) });
      return { description: r.description, amount: 1 };
    });
    const labels = costLabels(rows.length);
    const parsed = await parseForm(CostProposalDto, { ...raw, costItems: items }, labels, page.locale);
    const dto = parsed.ok ? FormErrors.none() : parsed.errors;
    const ordered: FormError[] = [];
    rows.forEach((_, i) => {
      const description = dto.for(`costItems.${i}.description`);
      if (description) ordered.push({ field: `costItems.${i}.description`, text: description });
      const amount = amountErrors.find((e) => e.field === `costItems.${i}.amount`)?.text ?? dto.for(`costItems.${i}.amount`);
      if (amount) ordered.push({ field: `costItems.${i}.amount`, text: amount });
    });
    // No rows at all: the error points at the first (empty) row's description.
    ordered.push(
      ...dto.list.filter((e) => e.field === null || !e.field.startsWith('costItems.')).map((e) => (e.field === 'costItems' ? { ...e, field: null } : e)),
    );
    if (ordered.length || !parsed.ok) return render(new FormErrors(ordered), 422, shown.length ? shown : [{ description: '', amount: '' }]);
    const done = await this.attempt(() => this.costs.propose(user, id, parsed.value), labels, page);
    if (!done.ok) return render(done.errors, 422);
    return this.success(reply, reviewPath(id), textWith(PA.proposed, { title: p.title }));
  }

  // ---- Paper support lists ----

  @Get('projects/:id/support-lists')
  async supportPage(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const p = await this.project(user, id);
    const counted = await this.attachments.supportLists(user, id);
    return this.pages.send(reply, page, <SupportListsView project={p} counted={counted} form={emptyForm()} />);
  }

  @Post('projects/:id/support-lists')
  async enterSupport(
    @Param('id', ProjectId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const p = await this.project(user, id);
    const raw = formBody(body);
    const render = async (errors: FormErrors) =>
      this.pages.send(
        reply,
        page,
        <SupportListsView project={p} counted={await this.attachments.supportLists(user, id)} form={{ values: typedValues(raw), errors }} />,
        { status: 422 },
      );
    const parsed = await parseForm(EnterSupportListDto, { ...raw, signatures: wholeNumber(raw.signatures) }, SUPPORT_FIELDS, page.locale);
    if (!parsed.ok) return render(parsed.errors);
    const done = await this.attempt(() => this.attachments.enterSupportList(user, id, parsed.value), SUPPORT_FIELDS, page);
    if (!done.ok) return render(done.errors);
    return this.success(reply, reviewPath(id), textWith(PA.counted, { title: p.title }));
  }

  // ---- Merges ----

  /** The other projects of the pool a project could be merged with or grouped with (by number). */
  private async poolmates(p: ProjectView, statuses: (s: string) => boolean): Promise<Choice[]> {
    const { items } = await this.projects.list(p.editionId, { poolId: p.poolId, page: 1, pageSize: 1000 });
    return items
      .filter((x) => x.id !== p.id && statuses(x.status))
      .map((x) => {
        const label = `${x.number !== null ? `${x.number}. ` : ''}${x.title}`;
        return { value: x.id, label: { pl: label, en: label } };
      });
  }

  @Get('projects/:id/merge')
  async mergePage(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const p = await this.project(user, id);
    const candidates = await this.poolmates(p, (s) => statusIn(s, UNDER_REVIEW_STATUSES));
    return this.pages.send(reply, page, <MergeView project={p} candidates={candidates} form={emptyForm()} />);
  }

  @Post('projects/:id/merge')
  async proposeMerge(
    @Param('id', ProjectId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const p = await this.project(user, id);
    const raw = formBody(body);
    const chosen = raw.projectIds === undefined ? [] : Array.isArray(raw.projectIds) ? (raw.projectIds as unknown[]) : [raw.projectIds];
    const values = { ...typedValues(raw), projectIds: chosen.filter((x): x is string => typeof x === 'string') };
    const render = async (errors: FormErrors) => {
      const candidates = await this.poolmates(p, (s) => statusIn(s, UNDER_REVIEW_STATUSES));
      return this.pages.send(reply, page, <MergeView project={p} candidates={candidates} form={{ values, errors }} />, { status: 422 });
    };
    // None ticked: the merge needs at least one other project (the DTO's two, this one included).
    if (!chosen.length) return render(new FormErrors([{ field: 'projectIds', text: PA.mergeNone[page.locale] }]));
    const parsed = await parseForm(MergeForm, { ...raw, projectIds: [id, ...chosen] }, MERGE_FIELDS, page.locale);
    if (!parsed.ok) return render(parsed.errors);
    const done = await this.attempt(() => this.merges.propose(user, p.editionId, parsed.value), MERGE_FIELDS, page);
    if (!done.ok) return render(done.errors);
    return this.success(reply, reviewPath(id), textWith(PA.mergeProposed, { title: p.title }));
  }

  // ---- Exclusions ----

  private async exclusionModel(p: ProjectView): Promise<{ candidates: Choice[]; titles: Map<string, string> }> {
    const candidates = await this.poolmates(p, mayBeExclusive);
    const ids = new Set<string>();
    for (const g of p.exclusiveWith) for (const x of g.projectIds) ids.add(x);
    const found = await this.projects.publicTitles([...ids]);
    const titles = new Map([...found].map(([k, v]) => [k, `${v.number !== null ? `${v.number}. ` : ''}${v.title}`]));
    return { candidates, titles };
  }

  @Get('projects/:id/exclusions')
  async exclusionsPage(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const p = await this.project(user, id);
    const m = await this.exclusionModel(p);
    return this.pages.send(reply, page, <ExclusionsView project={p} {...m} form={emptyForm()} />);
  }

  @Post('projects/:id/exclusions')
  async exclude(
    @Param('id', ProjectId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const p = await this.project(user, id);
    const raw = formBody(body);
    const chosen = raw.projectIds === undefined ? [] : Array.isArray(raw.projectIds) ? (raw.projectIds as unknown[]) : [raw.projectIds];
    const values = { ...typedValues(raw), projectIds: chosen.filter((x): x is string => typeof x === 'string') };
    const render = async (errors: FormErrors) =>
      this.pages.send(reply, page, <ExclusionsView project={p} {...await this.exclusionModel(p)} form={{ values, errors }} />, { status: 422 });
    const parsed = await parseForm(ExclusionDto, { ...raw, projectIds: [id, ...chosen] }, EXCLUSION_FIELDS, page.locale);
    const errors = parsed.ok ? FormErrors.none() : parsed.errors;
    const list = chosen.length ? [...errors.list] : [{ field: 'projectIds', text: PA.exclusionNone[page.locale] }, ...errors.list];
    if (!parsed.ok || !chosen.length) return render(new FormErrors(list));
    const done = await this.attempt(() => this.merges.exclude(user, p.editionId, parsed.value), EXCLUSION_FIELDS, page);
    if (!done.ok) return render(done.errors);
    return this.success(reply, actPath(id, 'exclusions'), PA.groupCreated);
  }

  @Post('projects/:id/exclusions/:groupId/remove')
  async removeExclusion(
    @Param('id', ProjectId) id: string,
    @Param('groupId', new ParseUUIDPipe({ version: 'all' })) groupId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const p = await this.project(user, id);
    if (!p.exclusiveWith.some((g) => g.groupId === groupId)) {
      const m = await this.exclusionModel(p);
      return this.pages.send(
        reply,
        page,
        <ExclusionsView project={p} {...m} form={{ values: {}, errors: new FormErrors([{ field: null, text: PA.groupGone[page.locale] }]) }} />,
        {
          status: 422,
        },
      );
    }
    const done = await this.attempt(() => this.merges.removeExclusion(user, groupId), {}, page);
    if (!done.ok) {
      const m = await this.exclusionModel(p);
      return this.pages.send(reply, page, <ExclusionsView project={p} {...m} form={{ values: {}, errors: done.errors }} />, { status: 422 });
    }
    return this.success(reply, actPath(id, 'exclusions'), PA.groupRemoved);
  }

  // ---- Implementation ----

  /** The selected projects of published results in the official's areas (an admin: all), with their state. */
  @Get('implementation')
  async implementationList(@CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const rows: ImplementationRow[] = [];
    for (const e of await this.editions.list()) {
      if (!(await this.editions.resultsPublishedAt(e.id))) continue;
      const list = await this.implementation.listForEdition(e.id, { page: 1, pageSize: 1000 });
      for (const i of list.items) {
        if (!(await this.access.hasRole(user, 'official', i.areaId))) continue;
        rows.push({
          projectId: i.projectId,
          number: i.number,
          title: i.title,
          editionName: e.name,
          status: i.status,
          percent: i.percent,
          happenedOn: i.happenedOn,
        });
      }
    }
    return this.pages.send(reply, page, <ImplementationListView rows={rows} />);
  }

  private async renderImplementation(
    reply: FastifyReply,
    page: PageContext,
    p: ProjectView,
    form: FormState,
    status = 200,
    photoError?: string,
  ): Promise<FastifyReply> {
    const timeline = await this.implementation.timeline(p.id);
    return this.pages.send(reply, page, <ImplementationView project={p} timeline={timeline} form={form} photoError={photoError} />, { status });
  }

  @Get('projects/:id/implementation')
  async implementationPage(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const p = await this.project(user, id);
    return this.renderImplementation(reply, page, p, emptyForm());
  }

  @Post('projects/:id/implementation')
  async postUpdate(
    @Param('id', ProjectId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const p = await this.project(user, id);
    const raw = formBody(body);
    const form = (errors: FormErrors): FormState => ({ values: typedValues(raw), errors });
    const input: Record<string, unknown> = { ...raw, percent: wholeNumber(raw.percent) };
    if (input.reason === '') delete input.reason;
    const parsed = await parseForm(ImplementationUpdateDto, input, IMPLEMENTATION_FIELDS, page.locale);
    if (!parsed.ok) return this.renderImplementation(reply, page, p, form(parsed.errors), 422);
    const done = await this.attempt(() => this.implementation.postUpdate(user, id, parsed.value), IMPLEMENTATION_FIELDS, page);
    if (!done.ok) return this.renderImplementation(reply, page, p, form(done.errors), 422);
    return this.success(reply, actPath(id, 'implementation'), textWith(PA.posted, { title: p.title }));
  }

  /** A photo of an update, from a multipart form (works without JavaScript): ImplementationService.addPhoto. */
  @Post('projects/:id/implementation/updates/:updateId/photos')
  async addPhoto(
    @Param('id', ProjectId) id: string,
    @Param('updateId', new ParseUUIDPipe({ version: 'all' })) updateId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const p = await this.project(user, id);
    const file = formBody(body).file;
    const fail = (text: string) => this.renderImplementation(reply, page, p, { values: {}, errors: new FormErrors([{ field: 'file', text }]) }, 422, text);
    if (!isUploadedFile(file) || file.fileName === '') return fail(PA.chooseFile[page.locale]);
    const timeline = await this.implementation.timeline(id);
    if (!timeline.updates.some((u) => u.id === updateId)) return fail(PA.chooseFile[page.locale]);
    let name: string;
    try {
      name = (await this.implementation.addPhoto(user, updateId, file.fileName, file.mediaType, file.content)).fileName;
    } catch (err) {
      // The file's own problems (type, content, size, count, name) are shown on the file field; anything else is an error page.
      if (err instanceof DomainError && PHOTO_PROBLEMS.has(err.kind)) return fail((err.fields?.[0]?.text ?? err.text)[page.locale]);
      throw err;
    }
    return this.success(reply, actPath(id, 'implementation'), textWith(PA.photoAdded, { name }));
  }
}
