import { randomInt } from 'node:crypto';
import { Get, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { areaTree, AreasService, type AreaEntity } from '@civitas/areas';
import { CurrentUser, type AuthenticatedUser } from '@civitas/auth';
import { Public } from '@civitas/common';
import { AppConfig, Clock } from '@civitas/config';
import {
  AssetsService,
  formatMoney,
  FormErrors,
  PageController,
  pageNotFound,
  parseForm,
  WebPages,
  type FormState,
  type PageContext,
  type SharedAnswer,
  type View,
} from '@civitas/web';
import { BallotService, type BallotList } from '../ballot.service';
import { BudgetError, BudgetErrorCode } from '../budget.errors';
import { EditionsService } from '../editions.service';
import { ImplementationService, type ImplementationTimeline } from '../implementation.service';
import { EditionId, ProjectId } from '../http/params';
import { ProjectsService, type ProjectSort } from '../projects.service';
import { BallotView } from './budget-ballot.view';
import { EditionsView, EditionView } from './budget-editions.view';
import type { MapPoint, MapTiles } from './budget-map.view';
import { IMPLEMENTATION_QUERY_KEYS, ImplementationPageQuery, PAGE_QUERY_KEYS, ProjectsPageQuery } from './budget-pages.dto';
import { P } from './budget-pages.texts';
import { ProjectPageView, type SupportState } from './budget-project.view';
import { FILTER_FIELDS, ProjectsView } from './budget-projects.view';
import { IMPLEMENTATION_FILTER_FIELDS, ImplementationListView, ImplementationSection } from './implementation-pages.view';

const PAGE_SIZE = 20;

/**
 * How many random orders a first visit draws from: enough that no project is favoured (each has the same chance of
 * any place), few enough that visitors share the rendered pages of each order.
 */
export const RANDOM_ORDERS = 100;

/** Statuses in which a project collects support (ProjectsService.endorse decides; the page only offers the form). */
const COLLECTING = ['submitted', 'formal_review', 'correction_requested'];

/** The query of a projects list, in a fixed order, without what is empty or the default (shareable, canonical). */
export function projectsQuery(values: Partial<Record<(typeof PAGE_QUERY_KEYS)[number], string>>): string {
  const params = new URLSearchParams();
  for (const k of PAGE_QUERY_KEYS) {
    const v = values[k];
    if (!v) continue;
    if (k === 'page' && v === '1') continue;
    if (k === 'sort' && v === 'random') continue;
    params.set(k, v);
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/**
 * The participatory budget's public pages (read side): the editions, an edition (schedule, what to do now, pools,
 * rules), its projects (filters, orders, pages, a map), a project (everything public about it, its history, and the
 * "support this project" form), and the ballot lists. Every page calls the services the JSON API calls.
 */
@Public()
@PageController()
export class BudgetPagesController {
  private readonly tiles: MapTiles;

  constructor(
    private readonly pages: WebPages,
    private readonly editions: EditionsService,
    private readonly projects: ProjectsService,
    private readonly ballot: BallotService,
    private readonly areas: AreasService,
    private readonly assets: AssetsService,
    private readonly implementation: ImplementationService,
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.tiles = { url: config.site.map.tileUrl, attribution: config.site.map.attribution };
  }

  private async areaNames(): Promise<{ all: AreaEntity[]; names: Map<string, string> }> {
    const all = await this.areas.list();
    return { all, names: new Map(all.map((a) => [a.id, a.name])) };
  }

  /** A page with a map loads Leaflet's stylesheet and the map module (only then). */
  private withMap(page: PageContext): void {
    page.assets.css.push(this.assets.url('leaflet.css'));
    page.assets.js.push(this.assets.url('budget-map.js'));
  }

  @Get('budget')
  async editionsPage(@Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    return this.pages.sendShared(reply, page, async () => <EditionsView editions={await this.editions.overview(100)} now={this.clock.now()} />);
  }

  @Get('budget/:editionId')
  async editionPage(@Param('editionId', EditionId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    return this.pages.sendShared(reply, page, async () => {
      const edition = await this.editions.get(id);
      const [{ names }, published] = [await this.areaNames(), await this.editions.resultsPublishedAt(id)];
      return <EditionView edition={edition} areaNames={names} now={this.clock.now()} resultsPublished={published !== null} />;
    });
  }

  @Get('budget/:editionId/projects')
  async projectsPage(@Param('editionId', EditionId) id: string, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const raw: Record<string, unknown> = {};
    for (const k of PAGE_QUERY_KEYS) if (query[k] !== undefined) raw[k] = query[k];
    const sort = raw.sort === undefined || raw.sort === '' ? 'random' : raw.sort;
    // A list in random order gets its seed on the first visit (in the address: the same order on every page, and
    // for whoever the address is shared with); empty fields of the GET form leave the address.
    const strings = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const empties = Object.values(raw).some((v) => v === '');
    if ((sort === 'random' && (raw.seed === undefined || raw.seed === '')) || empties) {
      await this.editions.get(id);
      const seed = sort === 'random' ? strings.seed || String(randomInt(1, RANDOM_ORDERS + 1)) : strings.seed;
      return this.pages.redirect(reply, `/budget/${id}/projects${projectsQuery({ ...strings, seed })}`);
    }
    const page = this.pages.context(reply);
    return this.pages.sendShared(reply, page, () => this.projectsView(page, id, raw, strings, sort));
  }

  /** The projects page's view for its query (a 422 answer for a bad filter). */
  private async projectsView(
    page: PageContext,
    id: string,
    raw: Record<string, unknown>,
    strings: Record<string, string>,
    sort: unknown,
  ): Promise<View | SharedAnswer> {
    const edition = await this.editions.get(id);
    const { all, names } = await this.areaNames();
    const parsed = await parseForm(ProjectsPageQuery, raw, FILTER_FIELDS, page.locale);
    const values: FormState['values'] = { ...parsed.values, sort: typeof sort === 'string' ? sort : '' };
    const errors = parsed.ok ? [] : [...parsed.errors.list];
    // The page and the seed are no fields of the form: a bad one is an address that leads nowhere.
    if (errors.some((e) => e.field === 'page' || e.field === 'seed')) throw pageNotFound();
    const v = parsed.ok ? parsed.value : null;
    if (v) {
      const choose = (field: string) => errors.push({ field, text: P.notInEdition[page.locale] });
      if (v.pool && !edition.pools.some((p) => p.id === v.pool)) choose('pool');
      if (v.category && !edition.categories.some((c) => c.id === v.category)) choose('category');
      if (v.area && !all.some((a) => a.id === v.area)) choose('area');
    }
    const areas = areaTree(all);
    const filtered = !!(v && (v.pool || v.area || v.category || v.status || v.q));
    const href = (n: number) => `/budget/${id}/projects${projectsQuery({ ...strings, page: String(n) })}`;
    if (errors.length || !v) {
      const form = { values, errors: new FormErrors(errors) };
      return {
        status: 422,
        view: (
          <ProjectsView
            edition={edition}
            areas={areas}
            areaNames={names}
            form={form}
            result={null}
            filtered={filtered}
            href={href}
            points={[]}
            tiles={this.tiles}
          />
        ),
      };
    }
    const current = v.page ?? 1;
    const result = await this.projects.list(edition, {
      poolId: v.pool,
      areaId: v.area,
      categoryId: v.category,
      status: v.status,
      q: v.q,
      sort: sort as ProjectSort,
      seed: v.seed,
      page: current,
      pageSize: PAGE_SIZE,
    });
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    if (current > pages) throw pageNotFound();
    const points: MapPoint[] = result.items
      .filter((p) => p.latitude !== null && p.longitude !== null)
      .map((p) => ({
        id: p.id,
        title: p.title,
        lat: p.latitude!,
        lng: p.longitude!,
        href: `/projects/${p.id}`,
        detail: `${p.areaId ? `${names.get(p.areaId) ?? ''} · ` : ''}${formatMoney(page.locale, p.totalCost)}`,
      }));
    if (points.length) this.withMap(page);
    return (
      <ProjectsView
        edition={edition}
        areas={areas}
        areaNames={names}
        form={{ values, errors: FormErrors.none() }}
        result={{ items: result.items, total: result.total, page: current, pages }}
        filtered={filtered}
        href={href}
        points={points}
        tiles={this.tiles}
      />
    );
  }

  /**
   * The implementation of an edition's selected projects: a GET filter form (state, pool, area, category), the count
   * per state, 20 a page. Before the results are published, a page that says so.
   */
  @Get('budget/:editionId/implementation')
  async implementationPage(
    @Param('editionId', EditionId) id: string,
    @Query() query: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const raw: Record<string, unknown> = {};
    for (const k of IMPLEMENTATION_QUERY_KEYS) if (query[k] !== undefined) raw[k] = query[k];
    const strings = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<string, string>;
    const canonical = (extra: Record<string, string> = {}) => {
      const params = new URLSearchParams();
      for (const k of IMPLEMENTATION_QUERY_KEYS) {
        const v = { ...strings, ...extra }[k];
        if (v && !(k === 'page' && v === '1')) params.set(k, v);
      }
      const s = params.toString();
      return `/budget/${id}/implementation${s ? `?${s}` : ''}`;
    };
    // Empty fields of the GET form leave the address (one address per list).
    if (Object.values(raw).some((v) => v === '')) {
      await this.editions.get(id);
      return this.pages.redirect(reply, canonical());
    }
    const page = this.pages.context(reply);
    return this.pages.sendShared(reply, page, async (): Promise<View | SharedAnswer> => {
      const edition = await this.editions.get(id);
      const { all, names } = await this.areaNames();
      const areas = areaTree(all);
      const published = (await this.editions.resultsPublishedAt(id)) !== null;
      const parsed = await parseForm(ImplementationPageQuery, raw, IMPLEMENTATION_FILTER_FIELDS, page.locale);
      const errors = parsed.ok ? [] : [...parsed.errors.list];
      // The page is no field of the form: a bad one is an address that leads nowhere.
      if (errors.some((e) => e.field === 'page')) throw pageNotFound();
      const v = parsed.ok ? parsed.value : null;
      if (v) {
        const choose = (field: string) => errors.push({ field, text: P.notInEdition[page.locale] });
        if (v.pool && !edition.pools.some((p) => p.id === v.pool)) choose('pool');
        if (v.category && !edition.categories.some((c) => c.id === v.category)) choose('category');
        if (v.area && !all.some((a) => a.id === v.area)) choose('area');
      }
      const filtered = !!(v && (v.status || v.pool || v.area || v.category));
      const href = (n: number) => canonical({ page: String(n) });
      const view = (form: FormState, result: Parameters<typeof ImplementationListView>[0]['result']) => (
        <ImplementationListView
          edition={edition}
          areas={areas}
          areaNames={names}
          form={form}
          published={published}
          result={result}
          filtered={filtered}
          href={href}
        />
      );
      if (errors.length || !v) {
        return { status: 422, view: view({ values: parsed.values, errors: new FormErrors(errors) }, null) };
      }
      if (!published) {
        if (v.page && v.page > 1) throw pageNotFound();
        return view({ values: parsed.values, errors: FormErrors.none() }, null);
      }
      const current = v.page ?? 1;
      const list = await this.implementation.listForEdition(id, {
        status: v.status,
        poolId: v.pool,
        areaId: v.area,
        categoryId: v.category,
        page: current,
        pageSize: PAGE_SIZE,
      });
      const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
      if (current > pages) throw pageNotFound();
      return view({ values: parsed.values, errors: FormErrors.none() }, { items: list.items, total: list.total, page: current, pages, counts: list.counts });
    });
  }

  /** The project's address inside its edition leads to its one page. */
  @Get('budget/:editionId/projects/:projectId')
  async projectInEdition(
    @Param('editionId', EditionId) editionId: string,
    @Param('projectId', ProjectId) projectId: string,
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const project = await this.projects.get(user, projectId);
    if (project.editionId !== editionId) throw BudgetError.projectNotFound();
    return reply.status(301).header('cache-control', 'no-store').header('location', `/projects/${projectId}`).send();
  }

  @Get('budget/:editionId/ballot')
  async ballotPage(@Param('editionId', EditionId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.pages.sendShared(reply, this.pages.context(reply), async () => {
      const edition = await this.editions.get(id);
      let lists: BallotList[] | null;
      try {
        lists = await this.ballot.lists(id);
      } catch (err) {
        // Before the list is drawn up: a page that says when it will be, not an error.
        if (!(err instanceof BudgetError && err.code === BudgetErrorCode.BallotNotReady)) throw err;
        lists = null;
      }
      return <BallotView edition={edition} lists={lists} now={this.clock.now()} />;
    });
  }

  @Get('projects/:id')
  async projectPage(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser | undefined, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    return this.pages.sendShared(reply, page, async () => {
      // Drafts: their authors and officials only (the service refuses others with "not found": the 404 page).
      const project = await this.projects.get(user, id, { details: true });
      const edition = await this.editions.get(project.editionId);
      const { names } = await this.areaNames();
      const related = new Set<string>([...(project.mergedInto ? [project.mergedInto] : []), ...project.exclusiveWith.flatMap((g) => g.projectIds)]);
      for (const h of project.history) {
        const d = h.details ?? {};
        for (const v of [d.projectIds, d.merged, [d.into]]) if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') related.add(x);
      }
      related.delete(project.id);
      const formalReview = edition.phases.find((w) => w.phase === 'formal_review');
      const open =
        edition.rules.onlineEndorsements &&
        COLLECTING.includes(project.status) &&
        (edition.currentPhase === 'submission' || edition.currentPhase === 'formal_review');
      let support: SupportState;
      if (!edition.rules.onlineEndorsements) support = COLLECTING.includes(project.status) ? 'paper_only' : 'closed';
      else if (!user) support = open ? 'anonymous' : 'closed';
      else if (project.authors.some((a) => a.userId === user.id)) support = open ? 'author' : 'closed';
      else if (await this.projects.hasEndorsed(user, id)) support = open ? 'supported' : 'supported_closed';
      else support = open ? 'can_support' : 'closed';
      // A selected project has an implementation once the results are published (the service says when it has not).
      let timeline: ImplementationTimeline | null = null;
      if (project.status === 'selected') {
        try {
          timeline = await this.implementation.timeline(id);
        } catch (err) {
          if (!(err instanceof BudgetError && (err.code === BudgetErrorCode.ResultsNotPublished || err.code === BudgetErrorCode.NotSelected))) throw err;
        }
      }
      if (project.latitude !== null && project.longitude !== null) this.withMap(page);
      return (
        <ProjectPageView
          project={project}
          edition={edition}
          areaNames={names}
          related={await this.projects.publicTitles([...related])}
          support={support}
          supportUntil={open && formalReview ? new Date(formalReview.endsAt.getTime() - 1) : null}
          tiles={this.tiles}
          implementation={timeline ? <ImplementationSection timeline={timeline} /> : undefined}
        />
      );
    });
  }

  /** "Support this project": an online endorsement (the service checks the phase, the author, the edition's rules). */
  @Post('projects/:id/support')
  async support(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser | undefined, @Res() reply: FastifyReply): Promise<FastifyReply> {
    if (!user) return this.pages.redirect(reply, `/sign-in?next=${encodeURIComponent(`/projects/${id}`)}`);
    await this.projects.endorse(user, id);
    return this.pages.redirect(reply, `/projects/${id}`, { kind: 'success', text: P.supportedFlash });
  }

  @Post('projects/:id/support/withdraw')
  async withdraw(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser | undefined, @Res() reply: FastifyReply): Promise<FastifyReply> {
    if (!user) return this.pages.redirect(reply, `/sign-in?next=${encodeURIComponent(`/projects/${id}`)}`);
    await this.projects.unendorse(user, id);
    return this.pages.redirect(reply, `/projects/${id}`, { kind: 'success', text: P.withdrawnFlash });
  }
}
