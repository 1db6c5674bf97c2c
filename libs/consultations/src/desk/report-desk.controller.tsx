import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, type AuthenticatedUser } from '@civitas/auth';
import { renderMarkdown } from '@civitas/common';
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
  tr,
  typedValues,
  WebPages,
  type FormState,
  type PageContext,
} from '@civitas/web';
import { ConsultationsError } from '../consultations.errors';
import { ConsultationsService } from '../consultations.service';
import { CommentId, ConsultationId } from '../http/params';
import { ConclusionsDto, ResponseDto } from '../http/report.controller';
import { ReportService, type Report } from '../report.service';
import { commentPath, nextToAnswer, reportPath, reportSections, unanswered, type ReportSection } from './report-desk.model';
import { RD } from './report-desk.texts';
import { CommentResponseView, ConclusionsView, ReportDeskView, ReportSectionView, ReportsQueueView } from './report-desk.views';

const RESPONSE_LABELS = { verdict: RD.verdict, justification: RD.justification };
const CONCLUSIONS_LABELS = { conclusions: RD.conclusions };

/**
 * The report at the desk (officials who run the consultation, after it closes): a response to every comment worked
 * through section by section, the conclusions with a preview, and publication — all through `ReportService`, the
 * API's own rules, refusals and audit log.
 */
@PageController('desk/consultations')
@Roles('official')
export class ReportDeskController {
  constructor(
    private readonly pages: WebPages,
    private readonly report: ReportService,
    private readonly consultations: ConsultationsService,
  ) {}

  /** The report as it stands (the service checks the official may run it and that it has closed) with its sections. */
  private async load(user: AuthenticatedUser, id: string): Promise<{ report: Report; sections: ReportSection[] }> {
    const report = await this.report.draft(user, id);
    const c = await this.consultations.get(id, { includeDraft: true });
    return { report, sections: reportSections(report, c.sections) };
  }

  @Get('reports')
  async queue(@Query('page') rawPage: unknown, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = queuePageNumber(rawPage);
    if (page === null) throw pageNotFound();
    const { rows, total } = await this.consultations.listManaged(user, { status: 'closed', sort: 'closes', page, pageSize: QUEUE_PAGE_SIZE });
    const q = { rows, total, page, pageSize: QUEUE_PAGE_SIZE };
    if (!queuePageExists(q)) throw pageNotFound();
    return this.pages.send(reply, this.pages.context(reply), <ReportsQueueView q={q} />);
  }

  private overview(
    reply: FastifyReply,
    page: PageContext,
    loaded: { report: Report; sections: ReportSection[] },
    opts: { errors?: FormErrors; status?: number } = {},
  ): FastifyReply {
    const { report, sections } = loaded;
    const first = opts.errors ? sections.flatMap((s) => s.comments).find(unanswered) : undefined;
    const errors =
      opts.errors && first
        ? new FormErrors([
            ...opts.errors.list,
            { field: 'first-unanswered', text: tr(page.locale, RD.firstUnanswered, { comment: tr(page.locale, RD.commentNumber, { n: first.number }) }) },
          ])
        : opts.errors;
    return this.pages.send(
      reply,
      page,
      <ReportDeskView
        report={report}
        sections={sections}
        next={nextToAnswer(sections)}
        firstUnanswered={first ? { comment: first, href: commentPath(report.consultation.id, first.id) } : null}
        errors={errors}
      />,
      { status: opts.status },
    );
  }

  @Get(':id/report')
  async reportPage(@Param('id', ConsultationId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.overview(reply, this.pages.context(reply), await this.load(user, id));
  }

  @Get(':id/report/sections/:section')
  async sectionPage(
    @Param('id', ConsultationId) id: string,
    @Param('section') slug: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const loaded = await this.load(user, id);
    const at = loaded.sections.findIndex((s) => s.slug === slug);
    if (at < 0) throw pageNotFound();
    return this.pages.send(reply, this.pages.context(reply), <ReportSectionView report={loaded.report} sections={loaded.sections} at={at} />);
  }

  private commentPage(
    reply: FastifyReply,
    page: PageContext,
    loaded: { report: Report; sections: ReportSection[] },
    commentId: string,
    form: FormState | null,
    status?: number,
  ): FastifyReply {
    const section = loaded.sections.find((s) => s.comments.some((x) => x.id === commentId));
    const comment = section?.comments.find((x) => x.id === commentId);
    if (!section || !comment) throw ConsultationsError.commentNotFound();
    const shown = form ?? emptyForm(comment.response ? { verdict: comment.response.verdict, justification: comment.response.justification } : {});
    const total = loaded.sections.reduce((a, s) => a + s.total, 0);
    const answered = loaded.sections.reduce((a, s) => a + s.answered, 0);
    return this.pages.send(
      reply,
      page,
      <CommentResponseView report={loaded.report} section={section} comment={comment} form={shown} answered={answered} total={total} />,
      { status },
    );
  }

  @Get(':id/report/comments/:commentId')
  async commentForm(
    @Param('id', ConsultationId) id: string,
    @Param('commentId', CommentId) commentId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.commentPage(reply, this.pages.context(reply), await this.load(user, id), commentId, null);
  }

  @Post(':id/report/comments/:commentId')
  async respond(
    @Param('id', ConsultationId) id: string,
    @Param('commentId', CommentId) commentId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const fail = async (form: FormState, status: number) => this.commentPage(reply, page, await this.load(user, id), commentId, form, status);
    const parsed = await parseForm(ResponseDto, body, RESPONSE_LABELS, page.locale);
    if (!parsed.ok) return fail(parsed, 422);
    let saved;
    try {
      saved = await this.report.respond(user, id, commentId, parsed.value.verdict, parsed.value.justification);
    } catch (err) {
      const errors = formErrorsOf(err, RESPONSE_LABELS, page.locale);
      if (!errors) throw err;
      const kind = (err as { kind?: string }).kind;
      return fail({ values: parsed.values, errors }, kind === 'conflict' ? 409 : 422);
    }
    const { sections } = await this.load(user, id);
    const next = nextToAnswer(sections, commentId);
    if (!next) return this.pages.redirect(reply, reportPath(id), { kind: 'success', text: textWith(RD.savedAll, { n: String(saved.number) }) });
    return this.pages.redirect(reply, commentPath(id, next.id), { kind: 'success', text: textWith(RD.saved, { n: String(saved.number) }) });
  }

  @Get(':id/report/conclusions')
  async conclusionsPage(@Param('id', ConsultationId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const { report } = await this.load(user, id);
    return this.pages.send(
      reply,
      this.pages.context(reply),
      <ConclusionsView report={report} form={emptyForm({ conclusions: report.conclusions })} previewHtml={null} />,
    );
  }

  @Post(':id/report/conclusions')
  async conclusions(
    @Param('id', ConsultationId) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const raw = formBody(body);
    const preview = raw.action === 'preview';
    delete raw.action;
    const { report } = await this.load(user, id);
    const parsed = await parseForm(ConclusionsDto, raw, CONCLUSIONS_LABELS, page.locale);
    if (!parsed.ok) return this.pages.send(reply, page, <ConclusionsView report={report} form={parsed} previewHtml={null} />, { status: 422 });
    if (preview)
      return this.pages.send(
        reply,
        page,
        <ConclusionsView report={report} form={emptyForm(typedValues(raw))} previewHtml={renderMarkdown(parsed.value.conclusions)} />,
      );
    try {
      await this.report.setConclusions(user, id, parsed.value.conclusions);
    } catch (err) {
      const errors = formErrorsOf(err, CONCLUSIONS_LABELS, page.locale);
      if (!errors) throw err;
      return this.pages.send(reply, page, <ConclusionsView report={report} form={{ values: parsed.values, errors }} previewHtml={null} />, { status: 409 });
    }
    return this.pages.redirect(reply, reportPath(id), { kind: 'success', text: RD.conclusionsSaved });
  }

  @Post(':id/report/publish')
  async publish(@Param('id', ConsultationId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    try {
      await this.report.publish(user, id);
    } catch (err) {
      const errors = formErrorsOf(err, {}, page.locale);
      if (!errors) throw err;
      return this.overview(reply, page, await this.load(user, id), { errors, status: 409 });
    }
    return this.pages.redirect(reply, reportPath(id), { kind: 'success', text: RD.published });
  }
}
