import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { ClassConstructor } from 'class-transformer';
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
  type FieldLabels,
  type FormState,
  type PageContext,
} from '@civitas/web';
import { AgreementService } from '../agreement.service';
import { ApplicationsService, type FullInitiative } from '../applications.service';
import { AgreementDto, SignDto, TerminateDto } from '../http/agreement.dto';
import { InitiativeId } from '../http/params';
import { CorrectionDto, DecisionDto, FormalFailDto, ScoresDto } from '../http/review.dto';
import { ProgrammesService } from '../programmes.service';
import { ReviewService } from '../review.service';
import { STATUS_NAMES } from '../web/initiatives-pages.texts';
import { InitiativeQueueQuery, INITIATIVE_QUEUE_KEYS } from './initiatives-desk.dto';
import { ID } from './initiatives-desk.texts';
import {
  AGREEMENT_FIELDS,
  applicationPath,
  ApplicationDeskView,
  CORRECTION_FIELDS,
  DECISION_FIELDS,
  DecisionView,
  FAIL_FIELDS,
  QUEUE_FIELDS,
  QUEUE_PATH,
  QueueView,
  scoreLabels,
  SIGN_FIELDS,
  TERMINATE_FIELDS,
} from './initiatives-desk.views';
import { Clock } from '@civitas/config';

/**
 * The local initiatives' desk: the queue of applications waiting on the official (their areas, nearest deadline
 * first) and one application's page with the act it waits for — registration, the formal check with corrections,
 * the official's own scores, the decision within the allocation, the agreement and its signature, the start, the
 * final report, completion or termination. Every act goes through the services the API uses (same access rule,
 * audit, notices and errors) and reads its form with the API's DTO.
 */
@PageController('desk/initiatives')
@Roles('official')
export class InitiativesDeskController {
  constructor(
    private readonly pages: WebPages,
    private readonly applications: ApplicationsService,
    private readonly review: ReviewService,
    private readonly agreements: AgreementService,
    private readonly programmes: ProgrammesService,
    private readonly areas: AreasService,
    private readonly clock: Clock,
  ) {}

  @Get('applications')
  async queue(@CurrentUser() user: AuthenticatedUser, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const n = queuePageNumber(query.page);
    if (n === null) throw pageNotFound();
    const raw: Record<string, unknown> = {};
    for (const k of INITIATIVE_QUEUE_KEYS) if (query[k] !== undefined) raw[k] = query[k];
    const parsed = await parseForm(InitiativeQueueQuery, raw, QUEUE_FIELDS, page.locale);
    const filters = parsed.ok ? parsed.value : {};
    const years = (await this.applications.programmeYears()).map((y) => ({ value: String(y), label: String(y) }));
    const areas = (await this.areas.list()).map((a) => ({ value: a.id, label: a.name }));
    const params = Object.fromEntries(INITIATIVE_QUEUE_KEYS.map((k) => [k, filters[k]]));
    const href = (p: number) => queueHref(QUEUE_PATH, params, p);
    const now = this.clock.now();
    if (!parsed.ok) {
      const q = { rows: [], total: 0, page: 1, pageSize: QUEUE_PAGE_SIZE };
      const form = { values: parsed.values, errors: parsed.errors };
      return this.pages.send(reply, page, <QueueView q={q} form={form} years={years} areas={areas} href={href} now={now} />, { status: 422 });
    }
    const f = parsed.value;
    const found = await this.applications.queue(user, {
      kind: f.status,
      year: f.year ? Number(f.year) : undefined,
      areaId: f.area,
      page: n,
      pageSize: QUEUE_PAGE_SIZE,
    });
    const q = { rows: found.rows, total: found.total, page: n, pageSize: QUEUE_PAGE_SIZE };
    if (!queuePageExists(q)) throw pageNotFound();
    return this.pages.send(reply, page, <QueueView q={q} form={emptyForm(parsed.values)} years={years} areas={areas} href={href} now={now} />);
  }

  /** The application's page, with a form that came back with problems (by its name) when there is one. */
  private async render(
    reply: FastifyReply,
    page: PageContext,
    user: AuthenticatedUser,
    id: string,
    sent?: { name: string; form: FormState },
    status = 200,
  ): Promise<FastifyReply> {
    // The history first: it applies the access rule (404 for a draft, the API's 403 for another area).
    const history = await this.applications.history(user, id);
    const a = (await this.applications.view(user, id)) as FullInitiative;
    const programme = await this.programmes.get(a.year);
    const { scores, disclosed } = await this.review.visibleScores(user, id);
    const areaName = a.areaId ? ((await this.areas.list()).find((x) => x.id === a.areaId)?.name ?? null) : null;
    return this.pages.send(
      reply,
      page,
      <ApplicationDeskView
        m={{ a, programme, scores, disclosed, sent, now: this.clock.now() }}
        areaName={areaName}
        history={history}
        errors={sent?.form.errors.any ? sent.form.errors : undefined}
      />,
      { status },
    );
  }

  @Get('applications/:id')
  async application(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.render(reply, this.pages.context(reply), user, id);
  }

  /**
   * One act: the form read with the API's DTO (422 with the form again, nothing done), then the service; its refusal
   * (422/409) comes back on the form in its own words. Done: back to the queue with what happened.
   */
  private async act<T extends object>(
    reply: FastifyReply,
    user: AuthenticatedUser,
    id: string,
    body: unknown,
    spec: { name: string; dto?: ClassConstructor<T>; labels?: FieldLabels; raw?: (b: Record<string, unknown>) => Record<string, unknown> },
    run: (value: T) => Promise<{ title: string; status: FullInitiative['status'] }>,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const labels = spec.labels ?? {};
    const sent = formBody(body);
    const form = (errors: FormErrors): FormState => ({ values: typedValues(sent), errors });
    let value = {} as T;
    if (spec.dto) {
      const parsed = await parseForm(spec.dto, spec.raw ? spec.raw(sent) : sent, labels, page.locale);
      if (!parsed.ok) return this.render(reply, page, user, id, { name: spec.name, form: form(parsed.errors) }, 422);
      value = parsed.value;
    }
    let done: { title: string; status: FullInitiative['status'] };
    try {
      done = await run(value);
    } catch (err) {
      const errors = formErrorsOf(err, labels, page.locale);
      if (!errors) throw err;
      return this.render(reply, page, user, id, { name: spec.name, form: form(errors) }, 422);
    }
    const status = STATUS_NAMES[done.status];
    return this.pages.redirect(reply, applicationPath(id), {
      kind: 'success',
      text: { pl: fill(ID.done.pl, done.title, status.pl), en: fill(ID.done.en, done.title, status.en) },
    });
  }

  @Post('applications/:id/register')
  register(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Body() body: unknown, @Res() reply: FastifyReply) {
    return this.act(reply, user, id, body, { name: 'register' }, () => this.applications.register(user, id));
  }

  @Post('applications/:id/formal-check')
  startCheck(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Body() body: unknown, @Res() reply: FastifyReply) {
    return this.act(reply, user, id, body, { name: 'check' }, () => this.review.startFormalCheck(user, id));
  }

  @Post('applications/:id/request-correction')
  requestCorrection(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Body() body: unknown, @Res() reply: FastifyReply) {
    return this.act(reply, user, id, body, { name: 'correction', dto: CorrectionDto, labels: CORRECTION_FIELDS }, (v) =>
      this.review.requestCorrection(user, id, v),
    );
  }

  @Post('applications/:id/formal-check/pass')
  passCheck(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Body() body: unknown, @Res() reply: FastifyReply) {
    return this.act(reply, user, id, body, { name: 'pass' }, () => this.review.passFormalCheck(user, id));
  }

  @Post('applications/:id/formal-check/fail')
  failCheck(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Body() body: unknown, @Res() reply: FastifyReply) {
    return this.act(reply, user, id, body, { name: 'fail', dto: FormalFailDto, labels: FAIL_FIELDS }, (v) => this.review.failFormalCheck(user, id, v));
  }

  /** The official's own scores: `scores.<criterion>` fields as whole numbers (anything else goes to the service as typed, to be refused). */
  @Post('applications/:id/scores')
  async score(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Body() body: unknown, @Res() reply: FastifyReply) {
    const a = (await this.applications.view(user, id)) as FullInitiative;
    const labels = scoreLabels(await this.programmes.get(a.year));
    const raw = (b: Record<string, unknown>) => {
      const rest: Record<string, unknown> = {};
      const scores: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(b)) {
        const m = /^scores\.([A-Za-z0-9_-]{1,64})$/.exec(k);
        if (!m) rest[k] = v;
        else if (v !== '') scores[m[1]] = typeof v === 'string' && /^\d{1,6}$/.test(v.trim()) ? Number(v.trim()) : v;
      }
      return { ...rest, scores };
    };
    return this.act(reply, user, id, body, { name: 'scores', dto: ScoresDto, labels, raw }, async (v) => {
      await this.review.score(user, id, v);
      return { title: a.title, status: a.status };
    });
  }

  /** The decision view: every evaluation and the mean — opening it is recorded, and the official no longer scores it. */
  private async decisionPage(reply: FastifyReply, page: PageContext, user: AuthenticatedUser, id: string, form: FormState, status = 200) {
    const scores = await this.review.scores(user, id, { forDecision: true });
    const a = (await this.applications.view(user, id)) as FullInitiative;
    const programme = await this.programmes.get(a.year);
    return this.pages.send(
      reply,
      page,
      <DecisionView a={a} scores={scores} programme={programme} form={form} errors={form.errors.any ? form.errors : undefined} />,
      { status },
    );
  }

  @Get('applications/:id/decision')
  decisionView(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply) {
    return this.decisionPage(reply, this.pages.context(reply), user, id, emptyForm());
  }

  @Post('applications/:id/decision')
  async decide(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Body() body: unknown, @Res() reply: FastifyReply) {
    const page = this.pages.context(reply);
    const sent = formBody(body);
    const form = (errors: FormErrors): FormState => ({ values: typedValues(sent), errors });
    const parsed = await parseForm(DecisionDto, sent, DECISION_FIELDS, page.locale);
    if (!parsed.ok) return this.decisionPage(reply, page, user, id, form(parsed.errors), 422);
    let done: FullInitiative;
    try {
      done = await this.review.decide(user, id, parsed.value);
    } catch (err) {
      const errors = formErrorsOf(err, DECISION_FIELDS, page.locale);
      if (!errors) throw err;
      return this.decisionPage(reply, page, user, id, form(errors), 422);
    }
    const status = STATUS_NAMES[done.status];
    return this.pages.redirect(reply, applicationPath(id), {
      kind: 'success',
      text: { pl: fill(ID.done.pl, done.title, status.pl), en: fill(ID.done.en, done.title, status.en) },
    });
  }

  @Post('applications/:id/agreement')
  draftAgreement(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Body() body: unknown, @Res() reply: FastifyReply) {
    return this.act(reply, user, id, body, { name: 'agreement', dto: AgreementDto, labels: AGREEMENT_FIELDS }, (v) => this.agreements.draft(user, id, v));
  }

  @Post('applications/:id/agreement/sign')
  sign(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Body() body: unknown, @Res() reply: FastifyReply) {
    return this.act(reply, user, id, body, { name: 'sign', dto: SignDto, labels: SIGN_FIELDS }, (v) => this.agreements.sign(user, id, v.signedOn));
  }

  @Post('applications/:id/start')
  start(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Body() body: unknown, @Res() reply: FastifyReply) {
    return this.act(reply, user, id, body, { name: 'start' }, () => this.agreements.start(user, id));
  }

  @Post('applications/:id/complete')
  complete(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Body() body: unknown, @Res() reply: FastifyReply) {
    return this.act(reply, user, id, body, { name: 'complete' }, () => this.agreements.complete(user, id));
  }

  @Post('applications/:id/terminate')
  terminate(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser, @Body() body: unknown, @Res() reply: FastifyReply) {
    return this.act(reply, user, id, body, { name: 'terminate', dto: TerminateDto, labels: TERMINATE_FIELDS }, (v) =>
      this.agreements.terminate(user, id, v.reason),
    );
  }
}

const fill = (template: string, title: string, status: string) => template.replace('{title}', title).replace('{status}', status);
