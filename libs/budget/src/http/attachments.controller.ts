import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '@civitas/auth';
import { ATTACHMENT_MEDIA_TYPES, contentDisposition, mediaTypeOf, UPLOAD_MAX_BYTES } from '@civitas/common';
import { AttachmentsService } from '../attachments.service';
import { BudgetError } from '../budget.errors';
import { EnterSupportListDto, UploadAttachmentQueryDto } from './dto/attachments.dto';
import { ProjectAttachmentResponse, ProjectSupportListResponse, ProjectSupportTotalsResponse } from './attachments.response';
import { AttachmentId, ProjectId } from './params';

@ApiTags('budget')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Controller('api/v1/projects/:id')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post('attachments')
  @ApiOperation({
    summary: 'Attach a file to a project (authors): the raw PDF, PNG or JPEG as the body, at most 10 MiB and 10 files per project',
    description:
      'Documents while the project is a draft or sent back for correction; scanned support lists also while it is submitted or in formal review. ' +
      'The content must match the declared Content-Type.',
  })
  @ApiConsumes(...ATTACHMENT_MEDIA_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary', maxLength: UPLOAD_MAX_BYTES } })
  @ApiCreatedResponse({ type: ProjectAttachmentResponse, description: 'The attachment’s metadata.' })
  upload(
    @Param('id', ProjectId) id: string,
    @Query() query: UploadAttachmentQueryDto,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProjectAttachmentResponse> {
    const mediaType = mediaTypeOf(contentType);
    // Other media types reach here parsed by their own parsers (JSON, text): not a file we take.
    if (!(ATTACHMENT_MEDIA_TYPES as readonly string[]).includes(mediaType) || (body !== undefined && !Buffer.isBuffer(body))) {
      throw BudgetError.unsupportedFileType();
    }
    return this.attachments.upload(user, id, { kind: query.kind, fileName: query.name, mediaType, content: (body as Buffer | undefined) ?? Buffer.alloc(0) });
  }

  @Get('attachments')
  @Public()
  @ApiOperation({
    summary: 'The attachments one may see: documents of a submitted project to anyone; drafts and scanned support lists to authors and officials',
  })
  @ApiOkResponse({ type: [ProjectAttachmentResponse], description: 'Metadata of the attachments, oldest first.' })
  list(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser | undefined): Promise<ProjectAttachmentResponse[]> {
    return this.attachments.list(user, id);
  }

  @Get('attachments/:attachmentId')
  @Public()
  @ApiOperation({ summary: 'Download an attachment (same visibility as the list); ETag is its SHA-256' })
  @ApiProduces(...ATTACHMENT_MEDIA_TYPES)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The file, as a download.' })
  async download(
    @Param('id', ProjectId) id: string,
    @Param('attachmentId', AttachmentId) attachmentId: string,
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.attachments.download(user, id, attachmentId);
    void reply.header('etag', `"${file.sha256}"`).header('x-content-type-options', 'nosniff');
    return new StreamableFile(file.content, { type: file.mediaType, disposition: contentDisposition(file.fileName), length: file.size });
  }

  @Delete('attachments/:attachmentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an attachment (authors; while one of its kind may be added); a counted support list stays' })
  @ApiNoContentResponse({ description: 'Removed.' })
  async remove(
    @Param('id', ProjectId) id: string,
    @Param('attachmentId', AttachmentId) attachmentId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    await this.attachments.remove(user, id, attachmentId);
  }

  @Post('support-lists')
  @Roles('official')
  @ApiOperation({
    summary: 'Enter the valid signatures of a scanned paper support list (officials of the project’s area; submitted, formal review or correction requested)',
  })
  @ApiCreatedResponse({ type: ProjectSupportTotalsResponse, description: 'The project’s support: online endorsements, paper signatures and their total.' })
  enterSupportList(
    @Param('id', ProjectId) id: string,
    @Body() body: EnterSupportListDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProjectSupportTotalsResponse> {
    return this.attachments.enterSupportList(user, id, body);
  }

  @Get('support-lists')
  @ApiOperation({ summary: 'The counted paper support lists of a project (authors and officials of its area)' })
  @ApiOkResponse({ type: [ProjectSupportListResponse], description: 'One entry per counted list, oldest first.' })
  supportLists(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<ProjectSupportListResponse[]> {
    return this.attachments.supportLists(user, id);
  }
}
