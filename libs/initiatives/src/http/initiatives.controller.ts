import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Public, Roles } from '@civitas/auth';
import { ATTACHMENT_MEDIA_TYPES, contentDisposition, mediaTypeOf, UPLOAD_MAX_BYTES } from '@civitas/common';
import { ApplicationsService } from '../applications.service';
import { InitiativesError } from '../initiatives.errors';
import { ProgrammesService } from '../programmes.service';
import { ApplicationDto, AttachmentQuery, ProgrammeDto, RegisterQuery } from './initiatives.dto';
import { AttachmentResponse, FullInitiativeResponse, ProgrammeResponse, PublicInitiativeResponse } from './initiatives.response';
import { AttachmentId, InitiativeId, Year } from './params';

@ApiTags('local initiatives')
@Controller('api/v1')
export class InitiativesController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly programmes: ProgrammesService,
  ) {}

  @Get('initiative-programmes/:year')
  @Public()
  @ApiOperation({ summary: 'A year’s programme: intake, allocation and what remains of it, minimum applicants, criteria with weights' })
  @ApiOkResponse({ type: ProgrammeResponse })
  programme(@Param('year', Year) year: number): Promise<ProgrammeResponse> {
    return this.programmes.get(year);
  }

  @Get('initiatives')
  @Public()
  @ApiOperation({ summary: 'The public register (never drafts); ?year=&status=&area=. No personal data beyond the contact name of those who agreed' })
  @ApiOkResponse({ type: [PublicInitiativeResponse] })
  list(@Query() q: RegisterQuery): Promise<PublicInitiativeResponse[]> {
    return this.applications.publicRegister({ year: q.year, status: q.status, areaId: q.area });
  }

  @Get('initiatives/:id')
  @Public()
  @ApiOperation({ summary: 'An application: in full for its applicants and the officials of its area, its public parts for anyone else' })
  @ApiExtraModels(PublicInitiativeResponse, FullInitiativeResponse)
  @ApiOkResponse({
    description: 'FullInitiativeResponse for its applicants and the officials of its area, PublicInitiativeResponse for anyone else.',
    schema: { oneOf: [{ $ref: getSchemaPath(PublicInitiativeResponse) }, { $ref: getSchemaPath(FullInitiativeResponse) }] },
  })
  get(@Param('id', InitiativeId) id: string, @CurrentUser() user?: AuthenticatedUser): Promise<PublicInitiativeResponse | FullInitiativeResponse> {
    return this.applications.view(user, id);
  }

  @Get('me/initiatives')
  @ApiBearerAuth()
  @ApiCookieAuth('civitas_session')
  @ApiOperation({ summary: 'My applications, drafts included, in full' })
  @ApiOkResponse({ type: [FullInitiativeResponse] })
  mine(@CurrentUser() user: AuthenticatedUser): Promise<FullInitiativeResponse[]> {
    return this.applications.mine(user);
  }

  @Post('initiatives')
  @ApiBearerAuth()
  @ApiCookieAuth('civitas_session')
  @ApiOperation({ summary: 'Start an application (a draft, saved as far as it goes): title and applicant type at least' })
  @ApiCreatedResponse({ type: FullInitiativeResponse })
  create(@Body() body: ApplicationDto, @CurrentUser() user: AuthenticatedUser): Promise<FullInitiativeResponse> {
    return this.applications.create(user, body);
  }

  @Patch('initiatives/:id')
  @ApiBearerAuth()
  @ApiCookieAuth('civitas_session')
  @ApiOperation({ summary: 'Change my draft, or my application sent back for correction (before its deadline)' })
  @ApiOkResponse({ type: FullInitiativeResponse })
  update(@Param('id', InitiativeId) id: string, @Body() body: ApplicationDto, @CurrentUser() user: AuthenticatedUser): Promise<FullInitiativeResponse> {
    return this.applications.update(user, id, body);
  }

  @Post('initiatives/:id/submit')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiCookieAuth('civitas_session')
  @ApiOperation({ summary: 'Submit my application, complete, while the intake is open (or send it back corrected)' })
  @ApiOkResponse({ type: FullInitiativeResponse })
  submit(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<FullInitiativeResponse> {
    return this.applications.submit(user, id);
  }

  @Post('initiatives/:id/attachments')
  @ApiBearerAuth()
  @ApiCookieAuth('civitas_session')
  @ApiOperation({ summary: 'Attach a file to my application (raw PDF, PNG or JPEG; ?kind=authorisation|owner_consent|support_list|other&name=)' })
  @ApiConsumes(...ATTACHMENT_MEDIA_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary', maxLength: UPLOAD_MAX_BYTES } })
  @ApiCreatedResponse({ type: AttachmentResponse })
  attach(
    @Param('id', InitiativeId) id: string,
    @Query() q: AttachmentQuery,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AttachmentResponse> {
    const mediaType = mediaTypeOf(contentType);
    if (!(ATTACHMENT_MEDIA_TYPES as readonly string[]).includes(mediaType) || (body !== undefined && !Buffer.isBuffer(body)))
      throw InitiativesError.unsupportedFile();
    return this.applications.attach(user, id, { kind: q.kind, fileName: q.name, mediaType, content: (body as Buffer | undefined) ?? Buffer.alloc(0) });
  }

  @Get('initiatives/:id/attachments/:attachmentId')
  @ApiBearerAuth()
  @ApiCookieAuth('civitas_session')
  @ApiProduces(...ATTACHMENT_MEDIA_TYPES)
  @ApiOperation({ summary: 'Download an attachment (its applicants and the officials of its area only: attachments may hold personal data)' })
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The file as uploaded (PDF, PNG or JPEG).' })
  async download(
    @Param('id', InitiativeId) id: string,
    @Param('attachmentId', AttachmentId) attachmentId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<StreamableFile> {
    const f = await this.applications.download(user, id, attachmentId);
    return new StreamableFile(f.content, { type: f.mediaType, disposition: contentDisposition(f.fileName), length: f.size });
  }
}

@ApiTags('local initiatives (officials)')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Roles('official')
@Controller('api/v1/admin')
export class InitiativesAdminController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly programmes: ProgrammesService,
  ) {}

  @Put('initiative-programmes/:year')
  @Roles('admin')
  @ApiOperation({
    summary: 'Set a year’s programme (admins): intake, allocation, minimum applicants, hourly value of volunteer work, criteria (volunteer work among them)',
  })
  @ApiOkResponse({ type: ProgrammeResponse })
  setProgramme(@Param('year', Year) year: number, @Body() body: ProgrammeDto, @CurrentUser() user: AuthenticatedUser): Promise<ProgrammeResponse> {
    return this.programmes.put(user, year, body);
  }

  @Get('initiatives')
  @ApiOperation({ summary: 'Applications of my areas (not drafts), in full; ?year=&status=' })
  @ApiOkResponse({ type: [FullInitiativeResponse] })
  list(@Query() q: RegisterQuery, @CurrentUser() user: AuthenticatedUser): Promise<FullInitiativeResponse[]> {
    return this.applications.forOfficials(user, { year: q.year, status: q.status });
  }

  @Post('initiatives/:id/register')
  @HttpCode(200)
  @ApiOperation({ summary: 'Register a submitted application: its case number (IL/<year>/<nnnn>) and the acknowledgement to the applicants' })
  @ApiOkResponse({ type: FullInitiativeResponse })
  register(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<FullInitiativeResponse> {
    return this.applications.register(user, id);
  }
}
