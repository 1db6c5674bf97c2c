import { Get, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentUser, type AuthenticatedUser } from '@civitas/auth';
import { AreasService } from '@civitas/areas';
import { Public, zonedDate } from '@civitas/common';
import { PageController, WebPages } from '@civitas/web';
import { ApplicationsService } from '../applications.service';
import { INITIATIVE_STATUSES, type InitiativeStatus } from '../initiative-status';
import { InitiativeId } from '../http/params';
import { InitiativesError, InitiativesErrorCode } from '../initiatives.errors';
import { ProgrammesService } from '../programmes.service';
import { TASK_AREA_KEYS, type TaskArea } from '../task-areas';
import { REGISTER } from './initiatives-page.view';
import { MyApplicationView } from './mine.views';
import { NoProgrammeView, ProgrammeView, PublicApplicationView, RegisterView, type RegisterFilters } from './public.views';
import { Clock } from '@civitas/config';

const PER_PAGE = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const one = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * The public pages of the local initiatives: the year's programme, the register of applications (no personal
 * data) and one application — which its author sees in full, as their own page.
 */
@Public()
@PageController()
export class InitiativesPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly applications: ApplicationsService,
    private readonly programmes: ProgrammesService,
    private readonly areas: AreasService,
    private readonly clock: Clock,
  ) {}

  @Get('initiatives')
  async programmePage(@Query('year') yearParam: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const today = zonedDate(this.clock.now());
    const raw = one(yearParam);
    if (yearParam !== undefined && (!/^\d{4}$/.test(raw) || Number(raw) < 2000 || Number(raw) > 2100)) throw InitiativesError.programmeNotFound();
    const year = raw ? Number(raw) : Number(today.slice(0, 4));
    const programme = await this.programmes.get(year).catch((err: unknown) => {
      if (err instanceof InitiativesError && err.code === InitiativesErrorCode.ProgrammeNotFound) return null;
      throw err;
    });
    if (!programme) return this.pages.send(reply, page, <NoProgrammeView year={year} />);
    return this.pages.send(reply, page, <ProgrammeView programme={programme} open={this.programmes.intakeOpen(programme, today)} signedIn={!!page.user} />);
  }

  @Get('initiatives/register')
  async register(@Query() query: Record<string, unknown>, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const thisYear = Number(zonedDate(this.clock.now()).slice(0, 4));
    // Filters that are not understood are left out (the list is shown unfiltered by them).
    const year = /^\d{4}$/.test(one(query.year)) && Number(query.year) >= 2000 && Number(query.year) <= 2100 ? Number(query.year) : undefined;
    const status =
      (INITIATIVE_STATUSES as readonly string[]).includes(one(query.status)) && query.status !== 'draft' ? (query.status as InitiativeStatus) : undefined;
    const taskArea = (TASK_AREA_KEYS as string[]).includes(one(query.taskArea)) ? (query.taskArea as TaskArea) : undefined;
    const area = UUID.test(one(query.area)) ? one(query.area) : undefined;
    const all = (await this.applications.publicRegister({ year, status, areaId: area })).filter((a) => !taskArea || a.taskArea === taskArea);
    const pages = Math.max(1, Math.ceil(all.length / PER_PAGE));
    const n = /^\d{1,4}$/.test(one(query.page)) ? Math.min(Math.max(1, Number(query.page)), pages) : 1;
    const filters: RegisterFilters = { year: year ? String(year) : '', status: status ?? '', taskArea: taskArea ?? '', area: area ?? '' };
    const href = (p: number) => {
      const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
      if (p > 1) q.set('page', String(p));
      const s = q.toString();
      return s ? `${REGISTER}?${s}` : REGISTER;
    };
    const years = Array.from({ length: 5 }, (_, i) => thisYear + 1 - i);
    const areas = (await this.areas.list()).map((x) => ({ id: x.id, name: x.name }));
    return this.pages.send(
      reply,
      page,
      <RegisterView
        items={all.slice((n - 1) * PER_PAGE, n * PER_PAGE)}
        total={all.length}
        page={n}
        pages={pages}
        filters={filters}
        years={years}
        areas={areas}
        href={href}
      />,
    );
  }

  /** The application: its author's own page (in full), or the public one; a draft exists for its author only. */
  @Get('initiatives/:id')
  async application(
    @Param('id', InitiativeId) id: string,
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const a = await this.applications.full(id);
    if (user && a.createdBy === user.id) {
      const p = await this.programmes.get(a.year);
      return this.pages.send(reply, page, <MyApplicationView a={a} hourValue={p.volunteerHourValue} now={this.clock.now()} />);
    }
    if (a.status === 'draft') throw InitiativesError.notFound();
    return this.pages.send(reply, page, <PublicApplicationView a={this.applications.toPublic(a)} />);
  }
}
