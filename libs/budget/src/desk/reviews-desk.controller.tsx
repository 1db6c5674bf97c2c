import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AreasService } from '@civitas/areas';
import { CurrentUser, Roles, type AuthenticatedUser } from '@civitas/auth';
import {
  emptyForm,
  formBody,
  formErrorsOf,
  FormErrors,
  PageController,
  pageNotFound,
  parseForm,
  QUEUE_PAGE_SIZE,
  queueHref,
  queuePageExists,
  queuePageNumber,
  typedValues,
  WebPages,
  type Choice,
  type FormState,
  type PageContext,
} from '@civitas/web';
import { EditionsService } from '../editions.service';
import { AppealDecisionDto, ReviewDto } from '../http/dto/budget.dto';
import { ProjectId } from '../http/params';
import { ProjectsService, type ProjectView } from '../projects.service';
import { ReviewsService } from '../reviews.service';
import type { ProjectPageModel } from '../web/budget-project.view';
import { ReviewQueueQuery, REVIEW_QUEUE_KEYS } from './budget-desk.dto';
import { BD } from './budget-desk.texts';
import { ActLinks, actLinks } from './project-acts-desk.views';
import { APPEAL_DECISION_FIELDS, QUEUE_FIELDS, ReviewPageView, ReviewQueueView, reviewLabels, REVIEWS_PATH } from './reviews-desk.views';
import type { ComponentChildren } from 'preact';
import { Clock } from '@civitas/config';

/**
 * The budget's review desk: the queue of projects to review, corrections and appeals (the official's areas, nearest
 * deadline first), and a project's review page with the decision it waits for. Every act goes through ReviewsService,
 * as the API's does (same access rule, history, mails and errors).
 */
@PageController('desk/budget')
@Roles('official')
export class ReviewsDeskController {
  constructor(
    private readonly pages: WebPages,
    private readonly reviews: ReviewsService,
    private readonly projects: ProjectsService,
    private readonly editions: EditionsService,
    private readonly areas: AreasService,
    private readonly clock: Clock,
  ) {}

  /** The filters' choices: editions, the pools (of the chosen edition, else of every edition), areas. */
  private async choices(editionId?: string): Promise<{ editions: Choice[]; pools: Choice[]; areas: Choice[] }> {
    const all = await this.editions.list({ includeDraft: true });
    const chosen = editionId ? all.filter((e) => e.id === editionId) : all;
    const pools: Choice[] = [];
    for (const e of chosen) {
      const edition = await this.editions.get(e.id, { includeDraft: true });
      for (const p of edition.pools) pools.push({ value: p.id, label: editionId ? p.name : `${edition.name}: ${p.name}` });
    }
    const areas = await this.areas.list();
    return {
      editions: all.map((e) => ({ value: e.id, label: e.name })),
      pools,
      areas: areas.map((a) => ({ value: a.id, label: a.name })),
    };
  }

  @Get('reviews')
  async queue(@CurrentUser() user: AuthenticatedUser, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const n = queuePageNumber(query.page);
    if (n === null) throw pageNotFound();
    const raw: Record<string, unknown> = {};
    for (const k of REVIEW_QUEUE_KEYS) if (query[k] !== undefined) raw[k] = query[k];
    const parsed = await parseForm(ReviewQueueQuery, raw, QUEUE_FIELDS, page.locale);
    const filters = parsed.ok ? parsed.value : {};
    const choices = await this.choices(parsed.ok ? parsed.value.edition : undefined);
    const params = Object.fromEntries(REVIEW_QUEUE_KEYS.map((k) => [k, filters[k]]));
    const href = (p: number) => queueHref(REVIEWS_PATH, params, p);
    if (!parsed.ok) {
      const q = { rows: [], total: 0, page: 1, pageSize: QUEUE_PAGE_SIZE };
      const form = { values: parsed.values, errors: parsed.errors };
      return this.pages.send(reply, page, <ReviewQueueView q={q} form={form} {...choices} href={href} now={this.clock.now()} />, { status: 422 });
    }
    const f = parsed.value;
    const found = await this.reviews.queue(user, { kind: f.status, editionId: f.edition, poolId: f.pool, areaId: f.area, page: n, pageSize: QUEUE_PAGE_SIZE });
    const q = { rows: found.rows, total: found.total, page: n, pageSize: QUEUE_PAGE_SIZE };
    if (!queuePageExists(q)) throw pageNotFound();
    return this.pages.send(reply, page, <ReviewQueueView q={q} form={emptyForm(parsed.values)} {...choices} href={href} now={this.clock.now()} />);
  }

  /** The page's model: the project as its reviewer reads it (officials of its area: the API's 403 otherwise). */
  private async model(user: AuthenticatedUser, id: string): Promise<{ model: ProjectPageModel; areaName: string | null }> {
    const project = await this.reviews.forReview(user, id);
    const edition = await this.editions.get(project.editionId, { includeDraft: true });
    const ids = new Set<string>();
    for (const h of project.history) {
      const d = h.details ?? {};
      for (const v of [d.projectIds, d.merged, [d.into]]) if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') ids.add(x);
    }
    for (const g of project.exclusiveWith) for (const x of g.projectIds) ids.add(x);
    const related = await this.projects.publicTitles([...ids]);
    const areas = await this.areas.list();
    const areaNames = new Map(areas.map((a) => [a.id, a.name]));
    return {
      model: { project, edition, areaNames, related, support: 'closed', supportUntil: null, tiles: { url: null, attribution: null } },
      areaName: project.areaId ? (areaNames.get(project.areaId) ?? null) : null,
    };
  }

  private async render(
    reply: FastifyReply,
    page: PageContext,
    user: AuthenticatedUser,
    id: string,
    form: FormState,
    status = 200,
    actions?: (p: ProjectView) => ComponentChildren,
  ): Promise<FastifyReply> {
    const { model, areaName } = await this.model(user, id);
    const links = actions ?? ((p: ProjectView) => (actLinks(p).length ? <ActLinks project={p} /> : undefined));
    return this.pages.send(
      reply,
      page,
      <ReviewPageView
        model={model}
        areaName={areaName}
        form={form}
        errors={form.errors.any ? form.errors : undefined}
        now={this.clock.now()}
        actions={links(model.project)}
      />,
      { status },
    );
  }

  @Get('projects/:id/review')
  async reviewPage(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.render(reply, this.pages.context(reply), user, id, emptyForm());
  }

  /** A formal or merit review: a verdict and justification per criterion, the outcome (admit, correction, reject). */
  @Post('projects/:id/review')
  async review(
    @Param('id', ProjectId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const raw = formBody(body);
    delete raw._csrf;
    // The criteria as sent: criteria.<n>.criterion / .met / .justification; other fields stay, to be refused as unknown.
    const rows = new Map<number, Record<string, unknown>>();
    for (const [k, v] of Object.entries(raw)) {
      const m = /^criteria\.(\d{1,2})\.(criterion|met|justification)$/.exec(k);
      if (!m) continue;
      const row = rows.get(Number(m[1])) ?? {};
      row[m[2]] = m[2] === 'met' && (v === 'true' || v === 'false') ? v === 'true' : v;
      rows.set(Number(m[1]), row);
      delete raw[k];
    }
    const criteria = [...rows.entries()].sort(([a], [b]) => a - b).map(([, r]) => r);
    const labels = reviewLabels(criteria.map((c) => c.criterion as never));
    const form = (errors: FormErrors): FormState => ({ values: typedValues(formBody(body)), errors });
    const parsed = await parseForm(ReviewDto, { ...raw, criteria }, labels, page.locale);
    if (!parsed.ok) return this.render(reply, page, user, id, form(parsed.errors), 422);
    let title: string;
    try {
      title = (await this.reviews.review(user, id, parsed.value)).title;
    } catch (err) {
      const errors = formErrorsOf(err, labels, page.locale);
      if (!errors) throw err;
      return this.render(reply, page, user, id, form(errors), 422);
    }
    return this.pages.redirect(reply, REVIEWS_PATH, { kind: 'success', text: { pl: fill(BD.recorded.pl, title), en: fill(BD.recorded.en, title) } });
  }

  /** An appeal upheld (the project is admitted) or dismissed, with the reasons. */
  @Post('projects/:id/appeal-decision')
  async decideAppeal(
    @Param('id', ProjectId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const raw = formBody(body);
    const form = (errors: FormErrors): FormState => ({ values: typedValues(raw), errors });
    const parsed = await parseForm(AppealDecisionDto, raw, APPEAL_DECISION_FIELDS, page.locale);
    if (!parsed.ok) return this.render(reply, page, user, id, form(parsed.errors), 422);
    let title: string;
    try {
      title = (await this.reviews.decideAppeal(user, id, parsed.value)).title;
    } catch (err) {
      const errors = formErrorsOf(err, APPEAL_DECISION_FIELDS, page.locale);
      if (!errors) throw err;
      return this.render(reply, page, user, id, form(errors), 422);
    }
    return this.pages.redirect(reply, REVIEWS_PATH, { kind: 'success', text: { pl: fill(BD.recorded.pl, title), en: fill(BD.recorded.en, title) } });
  }
}

const fill = (template: string, title: string) => template.replace('{title}', title);
