import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Public, Roles } from '@civitas/auth';
import { ConsultationsService } from '../consultations.service';
import { CancelDto, ConsultationDto, ListConsultationsQuery, OrganisationDto } from './consultations.dto';
import { ConsultationId, UserId } from './params';
import { ConsultationOrganisationResponse, ConsultationResponse, ConsultationSummaryResponse } from './consultations.response';

@ApiTags('consultations')
@Public()
@Controller('api/v1/consultations')
export class ConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Get()
  @ApiOperation({ summary: 'Consultations (never drafts), newest first; ?status=, ?area=' })
  @ApiOkResponse({ type: [ConsultationSummaryResponse] })
  list(@Query() q: ListConsultationsQuery): Promise<ConsultationSummaryResponse[]> {
    return this.consultations.list({ status: q.status, areaId: q.area });
  }

  @Get(':id')
  @ApiOperation({ summary: 'A consultation with its document sections (current version), meetings and attachments; body as Markdown and as safe HTML' })
  @ApiOkResponse({ type: ConsultationResponse })
  get(@Param('id', ConsultationId) id: string): Promise<ConsultationResponse> {
    return this.consultations.get(id);
  }
}

@ApiTags('consultations (officials)')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Roles('official')
@Controller('api/v1/admin/consultations')
export class ConsultationsAdminController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Get()
  @ApiOperation({ summary: 'Every consultation, drafts included' })
  @ApiOkResponse({ type: [ConsultationSummaryResponse] })
  list(@Query() q: ListConsultationsQuery): Promise<ConsultationSummaryResponse[]> {
    return this.consultations.list({ status: q.status, areaId: q.area, includeDraft: true });
  }

  @Get(':id')
  @ApiOperation({ summary: 'A consultation, also while it is a draft' })
  @ApiOkResponse({ type: ConsultationResponse })
  get(@Param('id', ConsultationId) id: string): Promise<ConsultationResponse> {
    return this.consultations.get(id, { includeDraft: true });
  }

  @Post()
  @ApiOperation({ summary: 'Create a consultation (a draft); officials of every area it concerns, any official for the whole city' })
  @ApiCreatedResponse({ type: ConsultationResponse })
  create(@Body() body: ConsultationDto, @CurrentUser() user: AuthenticatedUser): Promise<ConsultationResponse> {
    return this.consultations.create(user, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a consultation: anything while a draft; once announced, the texts and a later closing date only' })
  @ApiOkResponse({ type: ConsultationResponse })
  update(@Param('id', ConsultationId) id: string, @Body() body: ConsultationDto, @CurrentUser() user: AuthenticatedUser): Promise<ConsultationResponse> {
    return this.consultations.update(user, id, body);
  }

  @Post(':id/announce')
  @HttpCode(200)
  @ApiOperation({ summary: 'Announce it (draft → announced), at least minNoticeDays before it opens; subscribers are told; it opens and closes on schedule' })
  @ApiOkResponse({ type: ConsultationResponse })
  announce(@Param('id', ConsultationId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<ConsultationResponse> {
    return this.consultations.announce(user, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel it (from draft, announced or open), with the reason' })
  @ApiOkResponse({ type: ConsultationResponse })
  cancel(@Param('id', ConsultationId) id: string, @Body() body: CancelDto, @CurrentUser() user: AuthenticatedUser): Promise<ConsultationResponse> {
    return this.consultations.cancel(user, id, body.reason);
  }
}

@ApiTags('consultations (admin)')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Roles('admin')
@Controller('api/v1/admin/users')
export class OrganisationsAdminController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Put(':id/organisation')
  @ApiOperation({ summary: 'Register an account as acting for an organisation (NGO): name and KRS number' })
  @ApiOkResponse({ type: ConsultationOrganisationResponse })
  register(@Param('id', UserId) id: string, @Body() body: OrganisationDto, @CurrentUser() user: AuthenticatedUser): Promise<ConsultationOrganisationResponse> {
    return this.consultations.registerOrganisation(user, id, body.name, body.krs);
  }
}
