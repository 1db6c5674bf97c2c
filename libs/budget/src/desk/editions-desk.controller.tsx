import { Body, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AreasService } from '@civitas/areas';
import { Roles } from '@civitas/auth';
import { DomainError, format, type Text } from '@civitas/common';
import {
  emptyForm,
  FormErrors,
  formBody,
  formErrorsOf,
  PageController,
  parseForm,
  typedValues,
  WebPages,
  type FieldLabels,
  type FormState,
  type PageContext,
} from '@civitas/web';
import { BallotService } from '../ballot.service';
import { DEFAULT_RULES } from '../edition-rules';
import { EditionsService, type Edition } from '../editions.service';
import { CategoryDto, CreateEditionDto, PoolDto, UpdateEditionDto } from '../http/dto/budget.dto';
import { EditionId } from '../http/params';
import { phaseAt } from '../phases';
import { editionInput, editionLabels, editionPath, editionValues, newEditionValues, POOL_LABELS, poolInput, typedWithLists } from './editions-desk.model';
import { ED } from './editions-desk.texts';
import { EditionDeskView, EditionFormView, EditionsListView, PoolFormView, type AreaCap } from './editions-desk.views';
import { Clock } from '@civitas/config';

const textWith = (template: Text, params: Record<string, string | number>): Text => ({ pl: format(template.pl, params), en: format(template.en, params) });

const CATEGORY_LABELS: FieldLabels = { namePl: ED.namePl, nameEn: ED.nameEn };

/**
 * The administration of budget editions on the desk (administrators, as the API's /api/v1/admin/editions): the list,
 * a new edition and its changes (schedule, rules, criteria, categories) with a preview of what residents will read,
 * an edition's page with its categories and pools, a new pool with the statutory signature caps shown (the service
 * enforces them), publishing, and drawing up the ballot list at once. Forms are read with the API's DTOs and go through EditionsService.
 */
@PageController('desk/budget/editions')
@Roles('admin')
export class EditionsDeskController {
  constructor(
    private readonly pages: WebPages,
    private readonly editions: EditionsService,
    private readonly areas: AreasService,
    private readonly ballot: BallotService,
    private readonly clock: Clock,
  ) {}

  /** A service's refusal on the form; the schedule's problems each in the summary. */
  private errorsOf(err: unknown, labels: FieldLabels, page: PageContext): FormErrors | null {
    if (err instanceof DomainError && err.code === 'invalid_phase_plan' && err.fields?.length) {
      return new FormErrors([{ field: null, text: err.text[page.locale] }, ...err.fields.map((f) => ({ field: null, text: f.text[page.locale] }))]);
    }
    return formErrorsOf(err, labels, page.locale);
  }

  @Get()
  async list(@Res() reply: FastifyReply): Promise<FastifyReply> {
    const editions = await this.editions.list({ includeDraft: true });
    return this.pages.send(reply, this.pages.context(reply), <EditionsListView editions={editions.map((e) => ({ ...e }))} />);
  }

  /** The unsaved form as an edition, for the preview (what residents would read). */
  private previewOf(value: CreateEditionDto | UpdateEditionDto, current?: Edition): Edition {
    const phases = (value.phases ?? current?.phases ?? []).map((p) => ({ phase: p.phase, startsAt: new Date(p.startsAt), endsAt: new Date(p.endsAt) }));
    const rules = { ...(current?.rules ?? DEFAULT_RULES) };
    for (const [k, v] of Object.entries(value.rules ?? {})) if (v !== undefined && v !== null) (rules as Record<string, unknown>)[k] = v;
    const categories =
      'categories' in value && value.categories
        ? value.categories.map((c, i) => ({ id: String(i), namePl: c.namePl, nameEn: c.nameEn }))
        : (current?.categories ?? []);
    return {
      id: current?.id ?? 'preview',
      name: value.name ?? current?.name ?? '',
      year: value.year ?? current?.year ?? 0,
      status: current?.status ?? 'draft',
      rules,
      ballotOrder: value.ballotOrder ?? current?.ballotOrder ?? 'alphabetical',
      phases,
      currentPhase: phaseAt(phases, this.clock.now()),
      categories,
      pools: current?.pools ?? [],
    };
  }

  @Get('new')
  newPage(@Res() reply: FastifyReply): FastifyReply {
    return this.pages.send(reply, this.pages.context(reply), <EditionFormView form={emptyForm(newEditionValues())} />);
  }

  /** "Preview" shows the form again with the edition as residents would read it (nothing stored); "create" stores a draft. */
  @Post('new')
  async create(@Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const raw = formBody(body);
    const action = raw.action === 'preview' ? 'preview' : 'save';
    delete raw.action;
    const labels = editionLabels(4);
    const form = (errors: FormErrors): FormState => ({ values: typedWithLists(raw), errors });
    const parsed = await parseForm(CreateEditionDto, editionInput(raw, true), labels, page.locale);
    if (!parsed.ok) return this.pages.send(reply, page, <EditionFormView form={form(parsed.errors)} />, { status: 422 });
    if (action === 'preview') {
      return this.pages.send(reply, page, <EditionFormView form={form(FormErrors.none())} preview={this.previewOf(parsed.value)} />);
    }
    let created: Edition;
    try {
      created = await this.editions.create(parsed.value);
    } catch (err) {
      const errors = this.errorsOf(err, labels, page);
      if (!errors) throw err;
      return this.pages.send(reply, page, <EditionFormView form={form(errors)} />, { status: 422 });
    }
    return this.pages.redirect(reply, editionPath(created.id), { kind: 'success', text: textWith(ED.created, { name: created.name }) });
  }

  private async editionPage(reply: FastifyReply, page: PageContext, id: string, form: FormState, status = 200): Promise<FastifyReply> {
    const edition = await this.editions.get(id, { includeDraft: true });
    const areas = await this.areas.list();
    const areaNames = new Map(areas.map((a) => [a.id, a.name]));
    return this.pages.send(reply, page, <EditionDeskView edition={edition} areaNames={areaNames} form={form} />, { status });
  }

  @Get(':id')
  show(@Param('id', EditionId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.editionPage(reply, this.pages.context(reply), id, emptyForm());
  }

  @Get(':id/edit')
  async editPage(@Param('id', EditionId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const edition = await this.editions.get(id, { includeDraft: true });
    return this.pages.send(reply, this.pages.context(reply), <EditionFormView edition={edition} form={emptyForm(editionValues(edition))} />);
  }

  @Post(':id/edit')
  async update(@Param('id', EditionId) id: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const edition = await this.editions.get(id, { includeDraft: true });
    const raw = formBody(body);
    const action = raw.action === 'preview' ? 'preview' : 'save';
    delete raw.action;
    const labels = editionLabels(0);
    const form = (errors: FormErrors): FormState => ({ values: typedWithLists(raw), errors });
    const parsed = await parseForm(UpdateEditionDto, editionInput(raw, false), labels, page.locale);
    if (!parsed.ok) return this.pages.send(reply, page, <EditionFormView edition={edition} form={form(parsed.errors)} />, { status: 422 });
    if (action === 'preview') {
      return this.pages.send(reply, page, <EditionFormView edition={edition} form={form(FormErrors.none())} preview={this.previewOf(parsed.value, edition)} />);
    }
    let saved: Edition;
    try {
      saved = await this.editions.update(id, parsed.value);
    } catch (err) {
      const errors = this.errorsOf(err, labels, page);
      if (!errors) throw err;
      return this.pages.send(reply, page, <EditionFormView edition={edition} form={form(errors)} />, { status: 422 });
    }
    return this.pages.redirect(reply, editionPath(id), { kind: 'success', text: textWith(ED.saved, { name: saved.name }) });
  }

  @Post(':id/categories')
  async addCategory(@Param('id', EditionId) id: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const raw = formBody(body);
    const form = (errors: FormErrors): FormState => ({ values: typedValues(raw), errors });
    const parsed = await parseForm(CategoryDto, raw, CATEGORY_LABELS, page.locale);
    if (!parsed.ok) return this.editionPage(reply, page, id, form(parsed.errors), 422);
    try {
      await this.editions.addCategory(id, parsed.value);
    } catch (err) {
      const errors = this.errorsOf(err, CATEGORY_LABELS, page);
      if (!errors) throw err;
      return this.editionPage(reply, page, id, form(errors), 422);
    }
    return this.pages.redirect(reply, editionPath(id), { kind: 'success', text: textWith(ED.categoryAdded, { name: parsed.value.namePl }) });
  }

  @Post(':id/publish')
  async publish(@Param('id', EditionId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const e = await this.editions.publish(id);
    return this.pages.redirect(reply, editionPath(id), { kind: 'success', text: textWith(ED.publishedDone, { name: e.name }) });
  }

  /** Draws up the ballot list now (BallotService.draw, as POST /api/v1/admin/editions/:id/ballot); its refusal on the page. */
  @Post(':id/ballot')
  async drawBallot(@Param('id', EditionId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const e = await this.editions.get(id, { includeDraft: true });
    try {
      await this.ballot.draw(id);
    } catch (err) {
      const errors = this.errorsOf(err, {}, page);
      if (!errors) throw err;
      return this.editionPage(reply, page, id, { values: {}, errors }, 422);
    }
    return this.pages.redirect(reply, editionPath(id), { kind: 'success', text: textWith(ED.ballotDrawn, { name: e.name }) });
  }

  private async poolPage(reply: FastifyReply, page: PageContext, edition: Edition, form: FormState, status = 200): Promise<FastifyReply> {
    const areas = await this.areas.list();
    const cityResidents = areas.filter((a) => a.parentId === null).reduce((s, a) => s + a.residentCount, 0);
    const caps: AreaCap[] = [
      { id: null, name: page.locale === 'pl' ? ED.wholeCity.pl : ED.wholeCity.en, residents: cityResidents, cap: Math.floor(cityResidents / 1000) },
      ...areas.map((a) => ({ id: a.id, name: a.name, residents: a.residentCount, cap: Math.floor(a.residentCount / 1000) })),
    ];
    const choices = areas.map((a) => ({ value: a.id, label: { pl: a.name, en: a.name } }));
    return this.pages.send(reply, page, <PoolFormView edition={edition} areas={choices} caps={caps} form={form} />, { status });
  }

  @Get(':id/pools/new')
  async poolForm(@Param('id', EditionId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const edition = await this.editions.get(id, { includeDraft: true });
    return this.poolPage(reply, this.pages.context(reply), edition, emptyForm({ signaturesRequired: '0' }));
  }

  /** A pool: amounts in złoty (stored in grosze), limits in złoty or percent; PoolDto, then the service's own checks (the cap). */
  @Post(':id/pools/new')
  async addPool(@Param('id', EditionId) id: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const edition = await this.editions.get(id, { includeDraft: true });
    const raw = formBody(body);
    const form = (errors: FormErrors): FormState => ({ values: typedValues(raw), errors });
    const { body: input, problems } = poolInput(raw, page.locale);
    const parsed = await parseForm(PoolDto, input, POOL_LABELS, page.locale);
    const dtoErrors = parsed.ok ? [] : parsed.errors.list.filter((e) => !problems.some((p) => p.field === e.field));
    if (problems.length || !parsed.ok) {
      const order = Object.keys(POOL_LABELS);
      const all = [...problems, ...dtoErrors].sort((a, b) => order.indexOf(a.field ?? '') - order.indexOf(b.field ?? ''));
      return this.poolPage(reply, page, edition, form(new FormErrors(all)), 422);
    }
    try {
      await this.editions.addPool(id, parsed.value);
    } catch (err) {
      const errors = this.errorsOf(err, POOL_LABELS, page);
      if (!errors) throw err;
      return this.poolPage(reply, page, edition, form(errors), 422);
    }
    return this.pages.redirect(reply, editionPath(id), { kind: 'success', text: textWith(ED.poolAdded, { name: parsed.value.name }) });
  }
}
