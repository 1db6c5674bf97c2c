import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '@civitas/auth';
import { contentDisposition, mediaTypeOf, UPLOAD_MAX_BYTES } from '@civitas/common';
import { BudgetError } from '../budget.errors';
import {
  ImplementationService,
  PHOTO_MEDIA_TYPES,
  type ImplementationList,
  type ImplementationPhotoView,
  type ImplementationTimeline,
  type ImplementationUpdateView,
} from '../implementation.service';
import {
  ImplementationListQuery,
  ImplementationListResponse,
  ImplementationPhotoResponse,
  ImplementationTimelineResponse,
  ImplementationUpdateDto,
  ImplementationUpdateResponse,
  UploadPhotoQueryDto,
} from './dto/implementation.dto';
import { EditionId, ProjectId } from './params';

const UpdateId = new ParseUUIDPipe({ exceptionFactory: () => BudgetError.implementationUpdateNotFound() });
const PhotoId = new ParseUUIDPipe({ exceptionFactory: () => BudgetError.photoNotFound() });

/** The implementation of selected projects: officials post progress updates and photos, anyone follows them. */
@ApiTags('budget')
@Controller('api/v1')
export class ImplementationController {
  constructor(private readonly implementation: ImplementationService) {}

  @Post('projects/:id/implementation')
  @Roles('official')
  @ApiBearerAuth()
  @ApiCookieAuth('civitas_session')
  @ApiOperation({
    summary: 'Post a progress update of a selected project (officials of the project’s area, admins)',
    description:
      '201 the update. Statuses: implementing (repeatable progress), then implemented (percent 100) or abandoned (with a reason); both are final and ' +
      'tell the authors and the subscribers of the edition and of the area. 403 forbidden (not an official of the area). 404 project_not_found. ' +
      '409 results_not_published (the project is still on the ballot), not_selected (it did not win), invalid_transition (the implementation has ended). ' +
      '422 naming the field: percent (0–100, not below the previous update, 100 when implemented), note, reason (required exactly when abandoned), ' +
      'happenedOn (YYYY-MM-DD, not in the future, not before the previous update).',
  })
  @ApiCreatedResponse({ type: ImplementationUpdateResponse })
  postUpdate(
    @Param('id', ProjectId) id: string,
    @Body() body: ImplementationUpdateDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ImplementationUpdateView> {
    return this.implementation.postUpdate(user, id, body);
  }

  @Post('implementation-updates/:id/photos')
  @Roles('official')
  @ApiBearerAuth()
  @ApiCookieAuth('civitas_session')
  @ApiOperation({
    summary: 'Add a photo to an implementation update (officials of the project’s area, admins): the raw PNG or JPEG as the body',
    description:
      '201 the photo’s metadata. At most 10 MiB (413 file_too_large) and 10 photos per update (409 too_many_photos). 415 unsupported_file_type when the ' +
      'Content-Type is not image/png or image/jpeg or the content does not match it. 422 name or body (empty). 404 implementation_update_not_found.',
  })
  @ApiConsumes(...PHOTO_MEDIA_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary', maxLength: UPLOAD_MAX_BYTES } })
  @ApiCreatedResponse({ type: ImplementationPhotoResponse })
  addPhoto(
    @Param('id', UpdateId) id: string,
    @Query() query: UploadPhotoQueryDto,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ImplementationPhotoView> {
    const mediaType = mediaTypeOf(contentType);
    // Other media types reach here parsed by their own parsers (JSON, PDF as bytes): not a photo we take.
    if (!(PHOTO_MEDIA_TYPES as readonly string[]).includes(mediaType) || (body !== undefined && !Buffer.isBuffer(body))) {
      throw BudgetError.unsupportedPhotoType();
    }
    return this.implementation.addPhoto(user, id, query.name, mediaType, (body as Buffer | undefined) ?? Buffer.alloc(0));
  }

  @Get('projects/:id/implementation')
  @Public()
  @ApiOperation({
    summary: 'The implementation of a selected project: its state and every update with its photos, newest first (anyone)',
    description: '404 project_not_found (also drafts). 409 results_not_published (still on the ballot), not_selected (it did not win).',
  })
  @ApiOkResponse({ type: ImplementationTimelineResponse })
  timeline(@Param('id', ProjectId) id: string): Promise<ImplementationTimeline> {
    return this.implementation.timeline(id);
  }

  @Get('projects/:id/implementation/photos/:photoId')
  @Public()
  @ApiOperation({ summary: 'Download a photo of a project’s implementation (anyone); ETag is its SHA-256', description: '404 photo_not_found.' })
  @ApiProduces(...PHOTO_MEDIA_TYPES)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The image.' })
  async photo(
    @Param('id', ProjectId) id: string,
    @Param('photoId', PhotoId) photoId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.implementation.photo(id, photoId);
    void reply.header('etag', `"${file.sha256}"`).header('x-content-type-options', 'nosniff');
    return new StreamableFile(file.content, { type: file.mediaType, disposition: contentDisposition(file.fileName), length: file.size });
  }

  @Get('editions/:id/implementation')
  @Public()
  @ApiOperation({
    summary: 'The selected projects of an edition with their implementation state (planned until the first update), filtered and paged (anyone)',
    description: '404 edition_not_found (also drafts). Empty until the results are published. 422 naming the query parameter.',
  })
  @ApiOkResponse({ type: ImplementationListResponse })
  listForEdition(@Param('id', EditionId) id: string, @Query() q: ImplementationListQuery): Promise<ImplementationList> {
    return this.implementation.listForEdition(id, {
      status: q.status,
      poolId: q.pool,
      areaId: q.area,
      categoryId: q.category,
      page: q.page ?? 1,
      pageSize: q.pageSize ?? 20,
    });
  }
}
