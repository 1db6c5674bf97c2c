import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { AuthenticatedUser, CurrentUser, Public, Roles } from '@civitas/auth';
import { ATTACHMENT_MEDIA_TYPES, baseName, contentDisposition, mediaTypeOf, UPLOAD_MAX_BYTES } from '@civitas/common';
import { ConsultationAttachmentsService } from '../attachments.service';
import { ConsultationsError } from '../consultations.errors';
import { ConsultationAttachmentResponse } from './attachments.response';
import { AttachmentId, ConsultationId } from './params';

export class UploadQuery {
  @ApiProperty({ example: 'projekt-planu.pdf', maxLength: 200, description: 'The file name shown on download; any path is dropped.' })
  @Transform(({ value }) => baseName(value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}

const file = (f: { content: Buffer; mediaType: string; fileName: string; size: number }) =>
  new StreamableFile(f.content, { type: f.mediaType, disposition: contentDisposition(f.fileName), length: f.size });

@ApiTags('consultations')
@Public()
@Controller('api/v1/consultations/:id/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: ConsultationAttachmentsService) {}

  @Get(':attachmentId')
  @ApiOperation({ summary: 'Download a file of a consultation (not while it is a draft)' })
  @ApiProduces(...ATTACHMENT_MEDIA_TYPES)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The file (PDF, PNG or JPEG), as an attachment with its name.' })
  async download(@Param('id', ConsultationId) id: string, @Param('attachmentId', AttachmentId) attachmentId: string): Promise<StreamableFile> {
    return file(await this.attachments.download(id, attachmentId));
  }
}

@ApiTags('consultations (officials)')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Roles('official')
@Controller('api/v1/admin/consultations/:id/attachments')
export class AttachmentsAdminController {
  constructor(private readonly attachments: ConsultationAttachmentsService) {}

  @Post()
  @ApiOperation({ summary: 'Attach a file (the raw PDF, PNG or JPEG as the body, at most 10 MiB, 20 per consultation), until the consultation closes' })
  @ApiConsumes(...ATTACHMENT_MEDIA_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary', maxLength: UPLOAD_MAX_BYTES } })
  @ApiCreatedResponse({ type: ConsultationAttachmentResponse })
  upload(
    @Param('id', ConsultationId) id: string,
    @Query() query: UploadQuery,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ConsultationAttachmentResponse> {
    const mediaType = mediaTypeOf(contentType);
    if (!(ATTACHMENT_MEDIA_TYPES as readonly string[]).includes(mediaType) || (body !== undefined && !Buffer.isBuffer(body)))
      throw ConsultationsError.unsupportedFileType();
    return this.attachments.upload(user, id, { fileName: query.name, mediaType, content: (body as Buffer | undefined) ?? Buffer.alloc(0) });
  }

  @Get(':attachmentId')
  @ApiOperation({ summary: 'Download a file, also while the consultation is a draft' })
  @ApiProduces(...ATTACHMENT_MEDIA_TYPES)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The file (PDF, PNG or JPEG), as an attachment with its name.' })
  async download(@Param('id', ConsultationId) id: string, @Param('attachmentId', AttachmentId) attachmentId: string): Promise<StreamableFile> {
    return file(await this.attachments.download(id, attachmentId, { includeDraft: true }));
  }

  @Delete(':attachmentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a file, until the consultation closes' })
  async remove(
    @Param('id', ConsultationId) id: string,
    @Param('attachmentId', AttachmentId) attachmentId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    await this.attachments.remove(user, id, attachmentId);
  }
}
