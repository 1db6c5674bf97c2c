import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { areaTree, AreasService } from '@civitas/areas';
import { CurrentUser, type AuthenticatedUser } from '@civitas/auth';
import { Public } from '@civitas/common';
import {
  emptyForm,
  FormErrors,
  formErrorsOf,
  PageController,
  pageNotFound,
  parseForm,
  WebPages,
  type FormState,
  type PageContext,
  type SharedAnswer,
  type View,
} from '@civitas/web';
import { CommentsService, type DocumentComment } from '../comments.service';
import { ConsultationsError, ConsultationsErrorCode } from '../consultations.errors';
import { ConsultationsService, type ConsultationSummary } from '../consultations.service';
import { DocumentsService, type ConsultationDocument } from '../documents.service';
import { CommentDto, DocumentQuery, ReportDto } from '../http/comments.dto';
import { CommentId, ConsultationId, SectionId } from '../http/params';
import { SurveyService } from '../survey.service';
import { COMMENT_FIELDS, DocumentView, REPORT_FIELDS, ReportCommentView, SectionView, type Participation } from './consultation-document.view';
import { consultationFacts, type ConsultationFacts } from './consultation-frame.view';
import { ConsultationOverviewView } from './consultation-overview.view';
import { ConsultationsPageQuery, LIST_QUERY_KEYS } from './consultation-pages.dto';
import { CL } from './consultation-pages.texts';
import { ConsultationsListView, LIST_FIELDS } from './consultations-list.view';
import { diffVersions } from './document-diff';
import { Clock } from '@civitas/config';

const PAGE_SIZE = 20;

/** The order of the list: open ones (closing soonest first), announced (opening soonest), then the rest (newest first). */
function listOrder(a: ConsultationSummary, b: ConsultationSummary): number {
  const rank = (c: ConsultationSummary) => (c.status === 'open' ? 0 : c.status === 'announced' ? 1 : 2);
  const time = (d: Date | null) => (d ? new Date(d).getTime() : 0);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (rank(a) === 0) return time(a.closesAt) - time(b.closesAt);
  if (rank(a) === 1) return time(a.opensAt) - time(b.opensAt);
  return time(b.closesAt ?? b.opensAt) - time(a.closesAt ?? a.opensAt);
}

/**
 * The consultations' public pages: the list (filters by state, area and topic), a consultation (what, when, who, its
 * files, how to take part), its document with the comments (versions, what changed, a comment form per section while
 * open), one section with all its comments, and "report this comment". Every page calls the services the API calls.
 */
@Public()
@PageController()
export class ConsultationPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly consultations: ConsultationsService,
    private readonly documents: DocumentsService,
    private readonly comments: CommentsService,
    private readonly survey: SurveyService,
    private readonly areas: AreasService,
    private readonly clock: Clock,
  ) {}

  private facts(id: string): Promise<ConsultationFacts> {
    return consultationFacts(this.consultations, this.survey, id);
  }

  private async areaNames(): Promise<Map<string, string>> {
    return new Map((await this.areas.list()).map((a) => [a.id, a.name]));
  }

  @Get('consultations')
  async listPage(@Query() query: Record<string, unknown>, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const raw: Record<string, unknown> = {};
    for (const k of LIST_QUERY_KEYS) if (query[k] !== undefined) raw[k] = query[k];
    const strings = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<string, string>;
    const canonical = (extra: Record<string, string> = {}) => {
      const params = new URLSearchParams();
      for (const k of LIST_QUERY_KEYS) {
        const v = { ...strings, ...extra }[k];
        if (v && !(k === 'page' && v === '1')) params.set(k, v);
      }
      const s = params.toString();
      return `/consultations${s ? `?${s}` : ''}`;
    };
    // Empty fields of the GET form leave the address (one address per list).
    if (Object.values(raw).some((v) => v === '')) return this.pages.redirect(reply, canonical());
    const page = this.pages.context(reply);
    return this.pages.sendShared(reply, page, () => this.listView(page, raw, canonical));
  }

  private async listView(page: PageContext, raw: Record<string, unknown>, canonical: (extra?: Record<string, string>) => string): Promise<View | SharedAnswer> {
    const all = await this.areas.list();
    const names = new Map(all.map((a) => [a.id, a.name]));
    const topics = await this.consultations.topics();
    const parsed = await parseForm(ConsultationsPageQuery, raw, LIST_FIELDS, page.locale);
    const errors = parsed.ok ? [] : [...parsed.errors.list];
    if (errors.some((e) => e.field === 'page')) throw pageNotFound();
    const v = parsed.ok ? parsed.value : null;
    if (v?.area && !all.some((a) => a.id === v.area)) errors.push({ field: 'area', text: CL.noSuchArea[page.locale] });
    if (v?.topic && !topics.includes(v.topic)) errors.push({ field: 'topic', text: CL.noSuchTopic[page.locale] });
    const filtered = !!(v && (v.status || v.area || v.topic));
    const view = (form: FormState, result: Parameters<typeof ConsultationsListView>[0]['result']) => (
      <ConsultationsListView
        form={form}
        areas={areaTree(all)}
        areaNames={names}
        topics={topics}
        result={result}
        filtered={filtered}
        href={(n) => canonical({ page: String(n) })}
      />
    );
    if (errors.length || !v) return { status: 422, view: view({ values: parsed.values, errors: new FormErrors(errors) }, null) };
    const items = (await this.consultations.list({ status: v.status, areaId: v.area })).filter((c) => !v.topic || c.topic === v.topic).sort(listOrder);
    const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
    const n = v.page ?? 1;
    if (n > pages) throw pageNotFound();
    const shown = items.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE);
    const facts = await this.consultations.participationFacts(shown.map((c) => c.id));
    return view(emptyForm(parsed.values), { items: shown, facts, total: items.length, page: n, pages });
  }

  @Get('consultations/:id')
  async overviewPage(@Param('id', ConsultationId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    return this.pages.sendShared(reply, page, async () => {
      const facts = await this.facts(id);
      const counts = await this.consultations.participationFacts([id]);
      return <ConsultationOverviewView facts={facts} areaNames={await this.areaNames()} commentCount={counts.get(id)?.comments ?? 0} now={this.clock.now()} />;
    });
  }

  /** What the viewer may do with comments (the service decides again when a comment is sent). */
  private async participation(facts: ConsultationFacts, user: AuthenticatedUser | undefined): Promise<Participation> {
    const c = facts.c;
    if (c.status !== 'open') return { kind: 'closed' };
    if (!user) return { kind: 'anonymous', ngoOnly: c.audience === 'ngo' };
    const organisation = await this.consultations.isOrganisation(user.id);
    if (c.audience === 'ngo' && !organisation) return { kind: 'not_ngo' };
    return { kind: 'allowed', organisation: organisation?.name ?? null, name: user.displayName, preModerated: c.moderation === 'pre' };
  }

  @Get('consultations/:id/document')
  async documentPage(
    @Param('id', ConsultationId) id: string,
    @Query() query: Record<string, unknown>,
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const raw = query.version === undefined || query.version === '' ? {} : { version: query.version };
    const parsed = await parseForm(DocumentQuery, raw, { version: CL.versionLabel }, page.locale);
    if (!parsed.ok) throw pageNotFound();
    return this.pages.sendShared(reply, page, async () => {
      const facts = await this.facts(id);
      const doc = await this.documents.get(id, { version: parsed.value.version });
      const diff = doc.version > 1 ? diffVersions((await this.documents.get(id, { version: doc.version - 1 })).sections, doc.sections) : null;
      const comments = await this.comments.forDocument(id, user?.id ?? null);
      return <DocumentView facts={facts} doc={doc} diff={diff} comments={comments} participation={await this.participation(facts, user)} signedIn={!!user} />;
    });
  }

  private async sectionView(
    id: string,
    sectionId: string | null,
    user: AuthenticatedUser | undefined,
    form: FormState,
  ): Promise<{ view: View; facts: ConsultationFacts; doc: ConsultationDocument }> {
    const facts = await this.facts(id);
    const doc = await this.documents.get(id);
    const comments = (await this.comments.forDocument(id, user?.id ?? null)).filter((k) => k.sectionId === sectionId);
    let section = sectionId ? (doc.sections.find((s) => s.id === sectionId) ?? null) : null;
    if (sectionId && !section) {
      // A section left out of the current version: shown as its last version had it, without a form.
      for (const v of [...doc.versions].reverse()) {
        section = (await this.documents.get(id, { version: v.version })).sections.find((s) => s.id === sectionId) ?? null;
        if (section) break;
      }
      if (!section) throw ConsultationsError.sectionNotFound();
    }
    const current = !sectionId || doc.sections.some((s) => s.id === sectionId);
    const participation = current ? await this.participation(facts, user) : ({ kind: 'closed' } as const);
    const view = <SectionView facts={facts} doc={doc} section={section} comments={comments} participation={participation} signedIn={!!user} form={form} />;
    return { view, facts, doc };
  }

  @Get('consultations/:id/document/sections/:sectionId')
  async sectionPage(
    @Param('id', ConsultationId) id: string,
    @Param('sectionId', SectionId) sectionId: string,
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    return this.pages.sendShared(reply, page, async () => (await this.sectionView(id, sectionId, user, emptyForm())).view);
  }

  @Get('consultations/:id/document/general')
  async generalPage(
    @Param('id', ConsultationId) id: string,
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    return this.pages.sendShared(reply, page, async () => (await this.sectionView(id, null, user, emptyForm())).view);
  }

  /** A comment from the document page or a section's page; with errors, the section's page comes back (422). */
  @Post('consultations/:id/document/comments')
  async comment(
    @Param('id', ConsultationId) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    if (!user) return this.pages.redirect(reply, `/sign-in?next=${encodeURIComponent(`/consultations/${id}/document`)}`);
    const page = this.pages.context(reply);
    const parsed = await parseForm(CommentDto, body, COMMENT_FIELDS, page.locale);
    const sectionOf = (values: FormState['values']) =>
      typeof values.sectionId === 'string' && /^[0-9a-f-]{36}$/i.test(values.sectionId) ? values.sectionId : null;
    const fail = async (form: FormState) => {
      // The section the form named, or — when it names none this consultation has — the general comments' page.
      const shown = await this.sectionView(id, sectionOf(form.values), user, form).catch((err: unknown) => {
        if (err instanceof ConsultationsError && err.code === ConsultationsErrorCode.SectionNotFound) return this.sectionView(id, null, user, form);
        throw err;
      });
      return this.pages.send(reply, page, shown.view, { status: 422 });
    };
    if (!parsed.ok) return fail(parsed);
    let created;
    try {
      created = await this.comments.create(user, id, parsed.value);
    } catch (err) {
      const errors = formErrorsOf(err, COMMENT_FIELDS, page.locale);
      if (!errors) throw err;
      return fail({ values: parsed.values, errors });
    }
    const anchor = `comment-${created.id}`;
    const back = created.sectionId
      ? `/consultations/${id}/document/sections/${created.sectionId}#${anchor}`
      : `/consultations/${id}/document/general#${anchor}`;
    return this.pages.redirect(reply, back, { kind: 'success', text: created.status === 'pending' ? CL.commentWaiting : CL.commentPublished });
  }

  private async reportable(id: string, commentId: string, user: AuthenticatedUser): Promise<{ facts: ConsultationFacts; comment: DocumentComment }> {
    const facts = await this.facts(id);
    const comment = (await this.comments.forDocument(id, user.id)).find((k) => k.id === commentId && k.status === 'visible');
    if (!comment) throw ConsultationsError.commentNotFound();
    return { facts, comment };
  }

  @Get('consultations/:id/comments/:commentId/report')
  async reportPage(
    @Param('id', ConsultationId) id: string,
    @Param('commentId', CommentId) commentId: string,
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const path = `/consultations/${id}/comments/${commentId}/report`;
    if (!user) return this.pages.redirect(reply, `/sign-in?next=${encodeURIComponent(path)}`);
    const page = this.pages.context(reply);
    const { facts, comment } = await this.reportable(id, commentId, user);
    if (comment.reported) return this.pages.redirect(reply, `/consultations/${id}/document#comment-${commentId}`, { kind: 'info', text: CL.alreadyReported });
    return this.pages.send(reply, page, <ReportCommentView facts={facts} comment={comment} form={emptyForm()} />);
  }

  @Post('consultations/:id/comments/:commentId/report')
  async report(
    @Param('id', ConsultationId) id: string,
    @Param('commentId', CommentId) commentId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const path = `/consultations/${id}/comments/${commentId}/report`;
    if (!user) return this.pages.redirect(reply, `/sign-in?next=${encodeURIComponent(path)}`);
    const page = this.pages.context(reply);
    const parsed = await parseForm(ReportDto, body, REPORT_FIELDS, page.locale);
    const fail = async (form: FormState) => {
      const { facts, comment } = await this.reportable(id, commentId, user);
      return this.pages.send(reply, page, <ReportCommentView facts={facts} comment={comment} form={form} />, { status: 422 });
    };
    if (!parsed.ok) return fail(parsed);
    try {
      await this.comments.report(user, id, commentId, parsed.value.reason);
    } catch (err) {
      if (err instanceof ConsultationsError && err.code === ConsultationsErrorCode.AlreadyReported)
        return this.pages.redirect(reply, `/consultations/${id}/document#comment-${commentId}`, { kind: 'info', text: CL.alreadyReported });
      const errors = formErrorsOf(err, REPORT_FIELDS, page.locale);
      if (!errors) throw err;
      return fail({ values: parsed.values, errors });
    }
    return this.pages.redirect(reply, `/consultations/${id}/document#comment-${commentId}`, { kind: 'success', text: CL.reportDone });
  }
}
