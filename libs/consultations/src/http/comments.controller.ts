import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '@civitas/auth';
import { CommentsService } from '../comments.service';
import { DocumentsService } from '../documents.service';
import {
  AdminCommentsQuery,
  CommentDto,
  DocumentDto,
  DocumentQuery,
  EnteredCommentDto,
  HideDto,
  ModerationNoteDto,
  ModerationQueuePageQuery,
  PublicCommentsQuery,
  ReportDto,
} from './comments.dto';
import {
  ConsultationAdminCommentResponse,
  ConsultationCommentReportedResponse,
  ConsultationCommentResponse,
  ConsultationModerationQueueResponse,
  ConsultationOwnCommentResponse,
} from './comments.response';
import { ConsultationDocumentResponse } from './documents.response';
import { CommentId, ConsultationId } from './params';

/**
 * The document of a consultation (numbered sections in versions) and the comments on it: written online by
 * participants, entered by officials from paper, e-mail or meetings, reported by users and moderated.
 */
@ApiTags('consultations')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Controller('api/v1')
export class CommentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly comments: CommentsService,
  ) {}

  @Get('consultations/:id/document')
  @Public()
  @ApiOperation({
    summary: 'The document: one version (?version=, default the current one) with its sections (Markdown and safe HTML) and the list of versions',
  })
  @ApiOkResponse({ type: ConsultationDocumentResponse })
  document(@Param('id', ConsultationId) id: string, @Query() q: DocumentQuery): Promise<ConsultationDocumentResponse> {
    return this.documents.get(id, { version: q.version });
  }

  @Get('admin/consultations/:id/document')
  @Roles('official')
  @ApiOperation({ summary: 'The document, also while the consultation is a draft (officials)' })
  @ApiOkResponse({ type: ConsultationDocumentResponse })
  adminDocument(@Param('id', ConsultationId) id: string, @Query() q: DocumentQuery): Promise<ConsultationDocumentResponse> {
    return this.documents.get(id, { version: q.version, includeDraft: true });
  }

  @Put('admin/consultations/:id/document')
  @Roles('official')
  @ApiOperation({ summary: 'Store the next version of the document (officials who run it; draft, announced or open); a known key keeps its section' })
  @ApiOkResponse({ type: ConsultationDocumentResponse, description: 'The new version.' })
  putDocument(
    @Param('id', ConsultationId) id: string,
    @Body() body: DocumentDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ConsultationDocumentResponse> {
    return this.documents.putVersion(user, id, body);
  }

  @Get('consultations/:id/comments')
  @Public()
  @ApiOperation({ summary: 'The visible comments, oldest first (?section=); author names only, never addresses or account ids' })
  @ApiOkResponse({ type: [ConsultationCommentResponse] })
  list(@Param('id', ConsultationId) id: string, @Query() q: PublicCommentsQuery): Promise<ConsultationCommentResponse[]> {
    return this.comments.listPublic(id, { sectionId: q.section });
  }

  @Post('consultations/:id/comments')
  @ApiOperation({ summary: 'Comment (signed-in participants while it is open; NGO accounts only when so limited); pending under pre-moderation' })
  @ApiCreatedResponse({ type: ConsultationOwnCommentResponse })
  create(@Param('id', ConsultationId) id: string, @Body() body: CommentDto, @CurrentUser() user: AuthenticatedUser): Promise<ConsultationOwnCommentResponse> {
    return this.comments.create(user, id, body);
  }

  @Post('consultations/:id/comments/:commentId/reports')
  @ApiOperation({ summary: 'Report a visible comment to the moderators (once per account)' })
  @ApiCreatedResponse({ type: ConsultationCommentReportedResponse })
  report(
    @Param('id', ConsultationId) id: string,
    @Param('commentId', CommentId) commentId: string,
    @Body() body: ReportDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ConsultationCommentReportedResponse> {
    return this.comments.report(user, id, commentId, body.reason);
  }

  @Get('admin/consultations/:id/comments')
  @Roles('official', 'moderator')
  @ApiOperation({ summary: 'Every comment with its status, the reason it was hidden and its report count (moderators and officials who run it)' })
  @ApiOkResponse({ type: [ConsultationAdminCommentResponse] })
  adminList(
    @Param('id', ConsultationId) id: string,
    @Query() q: AdminCommentsQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ConsultationAdminCommentResponse[]> {
    return this.comments.listAdmin(user, id, { status: q.status });
  }

  @Post('admin/consultations/:id/comments')
  @Roles('official')
  @ApiOperation({
    summary: 'Enter a comment received on paper, by e-mail or at a meeting (while open; after closing, if received by the closing day); visible at once',
  })
  @ApiCreatedResponse({ type: ConsultationAdminCommentResponse })
  enter(
    @Param('id', ConsultationId) id: string,
    @Body() body: EnteredCommentDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ConsultationAdminCommentResponse> {
    return this.comments.enter(user, id, body);
  }

  @Post('admin/consultations/:id/comments/:commentId/hide')
  @HttpCode(200)
  @Roles('official', 'moderator')
  @ApiOperation({ summary: 'Hide a visible comment or reject a pending one, with the reason (a note required for "other"); the author is told' })
  @ApiOkResponse({ type: ConsultationAdminCommentResponse })
  hide(
    @Param('id', ConsultationId) id: string,
    @Param('commentId', CommentId) commentId: string,
    @Body() body: HideDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ConsultationAdminCommentResponse> {
    return this.comments.moderate(user, id, commentId, 'hide', body);
  }

  @Post('admin/consultations/:id/comments/:commentId/restore')
  @HttpCode(200)
  @Roles('official', 'moderator')
  @ApiOperation({ summary: 'Show a hidden comment again; the author is told' })
  @ApiOkResponse({ type: ConsultationAdminCommentResponse })
  restore(
    @Param('id', ConsultationId) id: string,
    @Param('commentId', CommentId) commentId: string,
    @Body() body: ModerationNoteDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ConsultationAdminCommentResponse> {
    return this.comments.moderate(user, id, commentId, 'restore', body);
  }

  @Post('admin/consultations/:id/comments/:commentId/keep')
  @HttpCode(200)
  @Roles('official', 'moderator')
  @ApiOperation({
    summary:
      'Keep a reported visible comment: its reports are dealt with and it leaves the moderation queue until someone reports it again (409 without such reports)',
  })
  @ApiOkResponse({ type: ConsultationAdminCommentResponse })
  keep(
    @Param('id', ConsultationId) id: string,
    @Param('commentId', CommentId) commentId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ConsultationAdminCommentResponse> {
    return this.comments.moderate(user, id, commentId, 'keep');
  }

  @Get('admin/comments/moderation')
  @Roles('official', 'moderator')
  @ApiOperation({
    summary:
      'The moderation queue across every consultation the caller may moderate: reported and pending comments (?kind=reported|pending|hidden, ?consultation=, ?sort=oldest|reports, ?page=), 25 a page, each in its context with the reports not yet dealt with',
  })
  @ApiOkResponse({ type: ConsultationModerationQueueResponse })
  async moderationQueue(@Query() q: ModerationQueuePageQuery, @CurrentUser() user: AuthenticatedUser): Promise<ConsultationModerationQueueResponse> {
    const page = q.page ?? 1;
    const pageSize = 25;
    const res = await this.comments.moderationQueue(user, { kind: q.kind, consultationId: q.consultation, sort: q.sort, page, pageSize });
    return { ...res, page, pageSize };
  }

  @Post('admin/consultations/:id/comments/:commentId/approve')
  @HttpCode(200)
  @Roles('official', 'moderator')
  @ApiOperation({ summary: 'Approve a pending comment (pre-moderation): it becomes visible' })
  @ApiOkResponse({ type: ConsultationAdminCommentResponse })
  approve(
    @Param('id', ConsultationId) id: string,
    @Param('commentId', CommentId) commentId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ConsultationAdminCommentResponse> {
    return this.comments.moderate(user, id, commentId, 'approve');
  }
}
