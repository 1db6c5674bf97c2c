import { Body, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentUser, type AuthenticatedUser } from '@civitas/auth';
import { format, type Text } from '@civitas/common';
import { emptyForm, formErrorsOf, FormErrors, PageController, parseForm, WebPages, type FieldLabels, type FormState } from '@civitas/web';
import { AuthorsService } from '../authors.service';
import { BudgetError } from '../budget.errors';
import { CostCorrectionsService } from '../cost-corrections.service';
import { EditionsService, type Edition } from '../editions.service';
import { AnswerDto, ConsentDto } from '../http/dto/collaboration.dto';
import { AppealDto } from '../http/dto/budget.dto';
import { MergeId, ProjectId, ProposalId } from '../http/params';
import { MergesService } from '../merges.service';
import { ProjectsService, type ProjectView } from '../projects.service';
import { ReviewsService } from '../reviews.service';
import { M } from './my-projects.texts';
import {
  ANSWER_FIELDS,
  APPEAL_FIELDS,
  AppealView,
  CONSENT_FIELDS,
  CostProposalView,
  InvitationView,
  MergeView,
  MyProjectsView,
  type MyProject,
  type Waiting,
} from './my-projects.views';
import { MY_PROJECTS, tasksPath } from './submit-page.view';
import { EDITABLE_STATUSES, statusIn } from '../project-status';
import { Clock } from '@civitas/config';

const titled = (text: Text, title: string): Text => ({ pl: format(text.pl, { title }), en: format(text.en, { title }) });

/** The reason of the latest history entry that moved the project into its status (the official's justification). */
function lastReason(p: ProjectView): string | null {
  return [...p.history].reverse().find((h) => h.toStatus === p.status)?.reason ?? null;
}

/** A radio question the DTO asks as a boolean: not answered is our sentence, not the validator's. */
function unanswered(body: unknown, field: string, text: Text, locale: 'pl' | 'en'): FormErrors | null {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  return raw === undefined || raw === '' ? new FormErrors([{ field, text: text[locale] }]) : null;
}

/**
 * "My projects" (/budget/my-projects): the projects a resident authors or co-authors, with what waits on them — a
 * correction request, a cost correction to accept or refuse, a merge to consent to, an appeal they may file, an
 * invitation to co-author — and the page of each action, which spells out its consequences before the button.
 * Every action calls the same service as its JSON route, with the same DTO.
 */
@PageController()
export class MyProjectsController {
  constructor(
    private readonly pages: WebPages,
    private readonly editions: EditionsService,
    private readonly projects: ProjectsService,
    private readonly authors: AuthorsService,
    private readonly costs: CostCorrectionsService,
    private readonly merges: MergesService,
    private readonly reviews: ReviewsService,
    private readonly clock: Clock,
  ) {}

  @Get('budget/my-projects')
  async list(@CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const now = this.clock.now();
    const mine: MyProject[] = await this.projects.mine(user);
    const invitations = await this.authors.mine(user);
    const proposals = await this.costs.pendingFor(user);
    const merges = await this.merges.pendingFor(user);
    const editions = new Map<string, Edition>();
    for (const e of await this.editions.list()) {
      if (e.currentPhase === 'submission' || mine.some((p) => p.editionId === e.id)) editions.set(e.id, await this.editions.get(e.id));
    }
    const byId = new Map(mine.map((p) => [p.id, p]));
    const waiting: Waiting[] = [];
    for (const p of mine) {
      if (p.status === 'correction_requested' && p.correctionDeadline && p.correctionDeadline.getTime() >= now.getTime()) {
        waiting.push({ kind: 'correction', project: p, deadline: p.correctionDeadline, reasons: lastReason(await this.projects.get(user, p.id)) });
      }
      const inAppeals = editions.get(p.editionId)?.currentPhase === 'appeals';
      const inTime = !!p.appealDeadline && p.appealDeadline.getTime() >= now.getTime();
      if (p.status === 'rejected' && (inTime || inAppeals)) {
        waiting.push({ kind: 'appeal', project: p, deadline: inTime ? p.appealDeadline : null, reasons: lastReason(await this.projects.get(user, p.id)) });
      }
    }
    for (const proposal of proposals) {
      const p = byId.get(proposal.projectId);
      if (p) waiting.push({ kind: 'cost', project: p, proposal });
    }
    for (const merge of merges) {
      for (const id of [merge.targetId, ...merge.sourceIds]) {
        const p = byId.get(id);
        if (p)
          waiting.push({ kind: 'merge', project: p, merge, canDecide: p.role === 'main' && merge.consents.find((c) => c.projectId === id)?.consent === null });
      }
    }
    const open = [...editions.values()]
      .filter((e) => e.currentPhase === 'submission' && e.pools.length > 0)
      .map((e) => ({ id: e.id, name: e.name, endsAt: e.phases.find((w) => w.phase === 'submission')!.endsAt }));
    return this.pages.send(reply, page, <MyProjectsView projects={mine} waiting={waiting} invitations={invitations} open={open} />);
  }

  /** The project for one of its authors (a draft does not exist for others; a public project is not theirs). */
  private async authored(user: AuthenticatedUser, id: string): Promise<{ project: ProjectView; role: 'main' | 'co' }> {
    const project = await this.projects.get(user, id);
    const me = project.authors.find((a) => a.userId === user.id);
    if (!me) throw project.status === 'draft' ? BudgetError.projectNotFound() : BudgetError.notAnAuthor();
    return { project, role: me.role };
  }

  private done(reply: FastifyReply, text: Text, title: string): FastifyReply {
    return this.pages.redirect(reply, MY_PROJECTS, { kind: 'success', text: titled(text, title) });
  }

  // ---- Appeal ----

  private async appealView(user: AuthenticatedUser, project: ProjectView, form: FormState) {
    if (project.status !== 'rejected') throw BudgetError.invalidTransition(project.status, { pl: 'zaskarżyć', en: 'appealed' });
    return <AppealView project={project} review={await this.reviews.latest(user, project.id)} reason={lastReason(project)} form={form} />;
  }

  @Get('projects/:id/appeal')
  async appealPage(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const { project } = await this.authored(user, id);
    return this.pages.send(reply, page, await this.appealView(user, project, emptyForm()));
  }

  @Post('projects/:id/appeal')
  async appeal(
    @Param('id', ProjectId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const { project } = await this.authored(user, id);
    const parsed = await parseForm(AppealDto, body, APPEAL_FIELDS, page.locale);
    const fail = async (form: FormState) => this.pages.send(reply, page, await this.appealView(user, project, form), { status: 422 });
    if (!parsed.ok) return fail(parsed);
    try {
      await this.reviews.appeal(user, id, parsed.value.justification);
    } catch (err) {
      const errors = formErrorsOf(err, APPEAL_FIELDS, page.locale);
      if (!errors) throw err;
      return fail({ values: parsed.values, errors });
    }
    return this.done(reply, M.appealed, project.title);
  }

  // ---- Cost correction ----

  private async proposal(user: AuthenticatedUser, id: string, proposalId: string) {
    const { project } = await this.authored(user, id);
    const proposal = (await this.costs.list(user, id)).find((c) => c.id === proposalId && c.status === 'pending');
    if (!proposal) throw BudgetError.proposalNotFound();
    return { project, proposal };
  }

  @Get('projects/:id/cost-proposals/:proposalId')
  async costPage(
    @Param('id', ProjectId) id: string,
    @Param('proposalId', ProposalId) proposalId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const { project, proposal } = await this.proposal(user, id, proposalId);
    return this.pages.send(reply, page, <CostProposalView project={project} proposal={proposal} form={emptyForm()} />);
  }

  @Post('projects/:id/cost-proposals/:proposalId')
  async answerCost(
    @Param('id', ProjectId) id: string,
    @Param('proposalId', ProposalId) proposalId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const { project, proposal } = await this.proposal(user, id, proposalId);
    const fail = (form: FormState) => this.pages.send(reply, page, <CostProposalView project={project} proposal={proposal} form={form} />, { status: 422 });
    const parsed = await parseForm(AnswerDto, body, ANSWER_FIELDS, page.locale);
    const missing = unanswered(body, 'accept', M.acceptMissing, page.locale);
    if (missing)
      return fail({
        values: parsed.values,
        errors: new FormErrors([...missing.list, ...(parsed.ok ? [] : parsed.errors.list.filter((e) => e.field !== 'accept'))]),
      });
    if (!parsed.ok) return fail(parsed);
    try {
      await this.costs.respond(user, id, proposalId, parsed.value);
    } catch (err) {
      const errors = formErrorsOf(err, ANSWER_FIELDS, page.locale);
      if (!errors) throw err;
      return fail({ values: parsed.values, errors });
    }
    return this.done(reply, parsed.value.accept ? M.costAccepted : M.costRefused, project.title);
  }

  // ---- Merge ----

  private async merge(user: AuthenticatedUser, id: string, mergeId: string) {
    const { project, role } = await this.authored(user, id);
    const merge = await this.merges.get(user, mergeId);
    const all = [merge.targetId, ...merge.sourceIds];
    if (!all.includes(id)) throw BudgetError.mergeNotFound();
    const titles = new Map<string, string>();
    for (const pid of all) titles.set(pid, pid === id ? project.title : (await this.projects.get(user, pid)).title);
    const canDecide = role === 'main' && merge.status === 'pending';
    return { project, merge, titles, canDecide };
  }

  @Get('projects/:id/merges/:mergeId')
  async mergePage(
    @Param('id', ProjectId) id: string,
    @Param('mergeId', MergeId) mergeId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const m = await this.merge(user, id, mergeId);
    return this.pages.send(reply, page, <MergeView {...m} form={emptyForm()} />);
  }

  @Post('projects/:id/merges/:mergeId')
  async consent(
    @Param('id', ProjectId) id: string,
    @Param('mergeId', MergeId) mergeId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const m = await this.merge(user, id, mergeId);
    const fail = (form: FormState) => this.pages.send(reply, page, <MergeView {...m} form={form} />, { status: 422 });
    const missing = unanswered(body, 'consent', M.consentMissing, page.locale);
    const parsed = await parseForm(ConsentDto, body, CONSENT_FIELDS as FieldLabels, page.locale);
    if (missing) return fail({ values: parsed.values, errors: missing });
    if (!parsed.ok) return fail(parsed);
    try {
      await this.merges.consent(user, mergeId, parsed.value.consent);
    } catch (err) {
      const errors = formErrorsOf(err, CONSENT_FIELDS, page.locale);
      if (!errors) throw err;
      return fail({ values: parsed.values, errors });
    }
    return this.done(reply, parsed.value.consent ? M.consented : M.refused, m.project.title);
  }

  // ---- Invitation ----

  private async invitation(user: AuthenticatedUser, id: string) {
    const invitation = (await this.authors.mine(user)).find((i) => i.projectId === id);
    if (!invitation) throw BudgetError.invitationNotFound();
    return { invitation, project: await this.projects.get(user, id) };
  }

  @Get('projects/:id/invitation')
  async invitationPage(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const { project } = await this.invitation(user, id);
    const edition = await this.editions.get(project.editionId);
    return this.pages.send(reply, page, <InvitationView project={project} editionName={edition.name} verified={user.emailVerifiedAt !== null} />);
  }

  @Post('projects/:id/invitation/accept')
  async accept(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    await this.invitation(user, id);
    const project = await this.authors.respond(user, id, true);
    const to = statusIn(project.status, EDITABLE_STATUSES) ? tasksPath(id) : MY_PROJECTS;
    return this.pages.redirect(reply, to, { kind: 'success', text: titled(M.accepted, project.title) });
  }

  @Post('projects/:id/invitation/decline')
  async decline(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const { project } = await this.invitation(user, id);
    await this.authors.respond(user, id, false);
    return this.done(reply, M.declined, project.title);
  }
}
