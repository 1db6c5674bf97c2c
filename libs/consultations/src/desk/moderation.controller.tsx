import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, type AuthenticatedUser } from '@civitas/auth';
import { zonedDate, type Text } from '@civitas/common';
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
  safeNext,
  textWith,
  typedValues,
  WebPages,
  type FieldLabels,
  type FormState,
} from '@civitas/web';
import { CommentsService, type ModerationAct, type ModerationKind, type ModerationSort } from '../comments.service';
import { ConsultationsService } from '../consultations.service';
import { AdminCommentsQuery, EnteredCommentDto, HideDto, ModerationQueueQuery } from '../http/comments.dto';
import { CommentId, ConsultationId } from '../http/params';
import { MOD } from './moderation.texts';
import {
  actionField,
  CommentModerationView,
  commentPath,
  commentsPath,
  ConsultationCommentsView,
  EnterCommentView,
  HIDDEN_PATH,
  HiddenCommentsView,
  ModerationQueueView,
  onComment,
  QUEUE_PATH,
} from './moderation.views';
import { Clock } from '@civitas/config';

const FILTER_LABELS: FieldLabels = { kind: MOD.kind, consultation: MOD.consultation, sort: MOD.sort, status: MOD.status };
const HIDE_LABELS: FieldLabels = { reason: MOD.hideLegend, note: MOD.note };
const ENTER_LABELS: FieldLabels = {
  channel: MOD.channelLegend,
  receivedOn: MOD.receivedOn,
  authorName: MOD.authorName,
  contactEmail: MOD.contactEmail,
  sectionId: MOD.sectionLabel,
  body: MOD.body,
  proposedWording: MOD.proposedWordingLabel,
};
/** A consultation's comments list: a page of rows (the service gives them all; a consultation has hundreds at most). */
const COMMENTS_PAGE_SIZE = 50;

const DONE: Record<ModerationAct, Text> = { hide: MOD.hidden, approve: MOD.approved, keep: MOD.kept, restore: MOD.restored };

/** The query's fields other than the page, as strings (a repeated field is a wrong type for the DTO). */
function filtersOf(query: Record<string, unknown>): Record<string, unknown> {
  const { page: _page, ...rest } = query ?? {};
  return rest;
}

/**
 * The moderation desk of consultations: the queue of reported and pending comments across every consultation the
 * person may moderate, the hidden comments, a comment's page, the acts (hide with a reason, approve, keep, restore —
 * each one step, through `CommentsService.moderate` as the API), a consultation's comments and entering a comment
 * received on paper, by e-mail or at a meeting (`CommentsService.enter`).
 */
@PageController('desk/consultations')
export class ModerationDeskController {
  constructor(
    private readonly pages: WebPages,
    private readonly comments: CommentsService,
    private readonly consultations: ConsultationsService,
    private readonly clock: Clock,
  ) {}

  @Get('moderation')
  @Roles('moderator', 'official')
  async queue(@Query() query: Record<string, unknown>, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const n = queuePageNumber(query?.page);
    if (n === null) throw pageNotFound();
    const parsed = await parseForm(ModerationQueueQuery, filtersOf(query), FILTER_LABELS, page.locale);
    const f = parsed.ok ? parsed.value : {};
    const opts = { kind: f.kind as ModerationKind | undefined, consultationId: f.consultation, sort: f.sort as ModerationSort | undefined };
    const res = await this.comments.moderationQueue(user, { ...opts, page: parsed.ok ? n : 1, pageSize: QUEUE_PAGE_SIZE });
    const q = { ...res, page: parsed.ok ? n : 1, pageSize: QUEUE_PAGE_SIZE };
    if (!queuePageExists(q)) throw pageNotFound();
    const consultations = await this.comments.moderationConsultations(user, opts.kind);
    const filters = parsed.ok ? { kind: f.kind, consultation: f.consultation, sort: f.sort } : {};
    return this.pages.send(
      reply,
      page,
      <ModerationQueueView q={q} filters={filters} consultations={consultations} back={page.path} errors={parsed.ok ? undefined : parsed.errors} />,
      { status: parsed.ok ? 200 : 422 },
    );
  }

  @Get('moderation/hidden')
  @Roles('moderator', 'official')
  async hidden(@Query() query: Record<string, unknown>, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const n = queuePageNumber(query?.page);
    if (n === null) throw pageNotFound();
    const parsed = await parseForm(ModerationQueueQuery, filtersOf(query), FILTER_LABELS, page.locale);
    const ok = parsed.ok && parsed.value.kind === undefined && parsed.value.sort === undefined;
    const consultation = parsed.ok && ok ? parsed.value.consultation : undefined;
    const res = await this.comments.moderationQueue(user, { kind: 'hidden', consultationId: consultation, page: ok ? n : 1, pageSize: QUEUE_PAGE_SIZE });
    const q = { ...res, page: ok ? n : 1, pageSize: QUEUE_PAGE_SIZE };
    if (!queuePageExists(q)) throw pageNotFound();
    const consultations = await this.comments.moderationConsultations(user, 'hidden');
    const errors = ok ? undefined : parsed.ok ? new FormErrors([{ field: null, text: MOD.badFilter[page.locale] }]) : parsed.errors;
    return this.pages.send(
      reply,
      page,
      <HiddenCommentsView q={q} consultation={consultation} consultations={consultations} back={page.path} errors={errors} />,
      {
        status: ok ? 200 : 422,
      },
    );
  }

  @Get(':id/comments')
  @Roles('moderator', 'official')
  async list(
    @Param('id', ConsultationId) id: string,
    @Query() query: Record<string, unknown>,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const n = queuePageNumber(query?.page);
    if (n === null) throw pageNotFound();
    const parsed = await parseForm(AdminCommentsQuery, filtersOf(query), FILTER_LABELS, page.locale);
    const status = parsed.ok ? parsed.value.status : undefined;
    const all = await this.comments.listAdmin(user, id, { status });
    const c = await this.consultations.get(id, { includeDraft: true });
    const p = parsed.ok ? n : 1;
    const q = { rows: all.slice((p - 1) * COMMENTS_PAGE_SIZE, p * COMMENTS_PAGE_SIZE), total: all.length, page: p, pageSize: COMMENTS_PAGE_SIZE };
    if (!queuePageExists(q)) throw pageNotFound();
    const canEnter = await this.consultations.canManage(user, c);
    return this.pages.send(
      reply,
      page,
      <ConsultationCommentsView c={c} q={q} status={status} canEnter={canEnter} errors={parsed.ok ? undefined : parsed.errors} />,
      { status: parsed.ok ? 200 : 422 },
    );
  }

  @Get(':id/comments/new')
  @Roles('official')
  async newPage(@Param('id', ConsultationId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    await this.consultations.manageable(user, id);
    const c = await this.consultations.get(id, { includeDraft: true });
    return this.pages.send(reply, page, <EnterCommentView c={c} form={emptyForm({ receivedOn: zonedDate(this.clock.now()) })} />);
  }

  @Post(':id/comments/new')
  @Roles('official')
  async enter(
    @Param('id', ConsultationId) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    await this.consultations.manageable(user, id);
    const c = await this.consultations.get(id, { includeDraft: true });
    const raw = formBody(body);
    const fail = (form: FormState) => this.pages.send(reply, page, <EnterCommentView c={c} form={form} />, { status: 422 });
    const parsed = await parseForm(EnteredCommentDto, raw, ENTER_LABELS, page.locale);
    if (!parsed.ok) return fail({ values: typedValues(raw), errors: parsed.errors });
    try {
      await this.comments.enter(user, id, parsed.value);
    } catch (err) {
      const errors = formErrorsOf(err, ENTER_LABELS, page.locale);
      if (!errors) throw err;
      return fail({ values: typedValues(raw), errors });
    }
    return this.pages.redirect(reply, commentsPath(id), { kind: 'success', text: MOD.entered });
  }

  @Get(':id/comments/:commentId')
  @Roles('moderator', 'official')
  async comment(
    @Param('id', ConsultationId) id: string,
    @Param('commentId', CommentId) commentId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const k = await this.comments.moderationItem(user, id, commentId);
    return this.pages.send(reply, page, <CommentModerationView k={k} back={commentPath(id, commentId)} />);
  }

  @Post(':id/comments/:commentId/:act')
  @Roles('moderator', 'official')
  async act(
    @Param('id', ConsultationId) id: string,
    @Param('commentId', CommentId) commentId: string,
    @Param('act') act: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    if (act !== 'hide' && act !== 'approve' && act !== 'keep' && act !== 'restore') throw pageNotFound();
    const page = this.pages.context(reply);
    const raw = formBody(body);
    const back = safeNext(raw.back, QUEUE_PATH);
    const input: Record<string, unknown> = {};
    if (act === 'hide') {
      for (const name of ['reason', 'note'] as const) if (raw[actionField(commentId, name)] !== undefined) input[name] = raw[actionField(commentId, name)];
    }
    const values = { reason: typeof input.reason === 'string' ? input.reason : undefined, note: typeof input.note === 'string' ? input.note : undefined };
    const before = await this.comments.moderationItem(user, id, commentId);
    const fail = async (errors: FormErrors) => {
      const k = await this.comments.moderationItem(user, id, commentId);
      return this.pages.send(reply, page, <CommentModerationView k={k} back={back} form={{ values, errors: onComment(commentId, errors) }} />, {
        status: 422,
      });
    };
    let hideInput: { reason?: string; note?: string } = {};
    if (act === 'hide') {
      const parsed = await parseForm(HideDto, input, HIDE_LABELS, page.locale);
      if (!parsed.ok) return fail(parsed.errors);
      hideInput = parsed.value;
    }
    let done;
    try {
      done = await this.comments.moderate(user, id, commentId, act, hideInput);
    } catch (err) {
      const errors = formErrorsOf(err, HIDE_LABELS, page.locale);
      if (!errors) throw err;
      return fail(errors);
    }
    const text = act === 'hide' && before.status === 'pending' ? MOD.rejected : DONE[act];
    const told = act !== 'keep' && before.authorHasAccount;
    const flash = textWith(told ? { pl: `${text.pl}${MOD.authorTold.pl}`, en: `${text.en}${MOD.authorTold.en}` } : text, { author: done.authorName });
    return this.pages.redirect(reply, await this.landing(user, back), { kind: 'success', text: flash });
  }

  /**
   * Where to go after an act: back to the page the form was on; a queue's page that no longer exists (its last
   * comment dealt with) becomes the queue's last page.
   */
  private async landing(user: AuthenticatedUser, back: string): Promise<string> {
    const url = new URL(back, 'http://x');
    if (url.pathname !== QUEUE_PATH && url.pathname !== HIDDEN_PATH) return back;
    const n = queuePageNumber(url.searchParams.get('page') ?? undefined);
    if (!n || n === 1) return back;
    const parsed = await parseForm(ModerationQueueQuery, filtersOf(Object.fromEntries(url.searchParams)), FILTER_LABELS, 'pl');
    if (!parsed.ok) return url.pathname;
    const hidden = url.pathname === HIDDEN_PATH;
    const { total } = await this.comments.moderationQueue(user, {
      kind: hidden ? 'hidden' : parsed.value.kind,
      consultationId: parsed.value.consultation,
      sort: parsed.value.sort,
      page: 1,
      pageSize: 1,
    });
    const last = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
    if (n <= last) return back;
    const params = hidden
      ? { consultation: parsed.value.consultation }
      : { kind: parsed.value.kind, consultation: parsed.value.consultation, sort: parsed.value.sort };
    return queueHref(url.pathname, params, last);
  }
}
