import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Public, Roles } from '@civitas/auth';
import { MeetingsService } from '../meetings.service';
import { MeetingDto } from './meetings.dto';
import { ConsultationMeetingRegistrantsResponse, ConsultationMeetingRegistrationResponse, ConsultationMeetingResponse } from './meetings.response';
import { ConsultationId, MeetingId } from './params';

@ApiTags('consultations')
@Controller('api/v1/consultations')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get(':id/meetings')
  @Public()
  @ApiOperation({ summary: 'The meetings and consultation points of a consultation (never a draft’s), with registrations and spotsLeft (null: no limit)' })
  @ApiOkResponse({ type: [ConsultationMeetingResponse] })
  list(@Param('id', ConsultationId) id: string): Promise<ConsultationMeetingResponse[]> {
    return this.meetings.list(id);
  }

  @Get(':id/meetings/:meetingId.ics')
  @Public()
  @ApiOperation({ summary: 'The meeting as an iCalendar file (RFC 5545, one VEVENT, times in UTC)' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The iCalendar file (text/calendar, UTF-8), as an attachment named meeting-<id>.ics.' })
  @Header('content-type', 'text/calendar; charset=utf-8')
  async ics(
    @Param('id', ConsultationId) id: string,
    @Param('meetingId', MeetingId) meetingId: string,
    @Res({ passthrough: true }) res: { header: (name: string, value: string) => unknown },
  ): Promise<string> {
    const file = await this.meetings.ics(id, meetingId);
    res.header('content-disposition', `attachment; filename="${file.fileName}"`);
    return file.text;
  }

  @Get(':id/meetings/:meetingId')
  @Public()
  @ApiOperation({ summary: 'One meeting with its registrations and spotsLeft' })
  @ApiOkResponse({ type: ConsultationMeetingResponse })
  get(@Param('id', ConsultationId) id: string, @Param('meetingId', MeetingId) meetingId: string): Promise<ConsultationMeetingResponse> {
    return this.meetings.get(id, meetingId);
  }

  @Post(':id/meetings/:meetingId/registrations')
  @ApiBearerAuth()
  @ApiCookieAuth('civitas_session')
  @ApiOperation({
    summary:
      'Register for a meeting (signed in): while the consultation is announced or open, NGO-only rule applied, before it starts, once, within its capacity',
  })
  @ApiCreatedResponse({ type: ConsultationMeetingRegistrationResponse })
  register(
    @Param('id', ConsultationId) id: string,
    @Param('meetingId', MeetingId) meetingId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ConsultationMeetingRegistrationResponse> {
    return this.meetings.register(user, id, meetingId);
  }

  @Delete(':id/meetings/:meetingId/registrations/me')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiCookieAuth('civitas_session')
  @ApiOperation({ summary: 'Withdraw one’s registration (before the meeting starts); 204 also when there was none' })
  @ApiNoContentResponse()
  async withdraw(
    @Param('id', ConsultationId) id: string,
    @Param('meetingId', MeetingId) meetingId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    await this.meetings.withdraw(user, id, meetingId);
  }
}

@ApiTags('consultations (officials)')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Roles('official')
@Controller('api/v1/admin/consultations')
export class MeetingsAdminController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get(':id/meetings')
  @ApiOperation({ summary: 'The meetings of a consultation, also while it is a draft' })
  @ApiOkResponse({ type: [ConsultationMeetingResponse] })
  list(@Param('id', ConsultationId) id: string): Promise<ConsultationMeetingResponse[]> {
    return this.meetings.list(id, { includeDraft: true });
  }

  @Post(':id/meetings')
  @ApiOperation({ summary: 'Add a meeting or consultation point (officials who run the consultation; while draft, announced or open)' })
  @ApiCreatedResponse({ type: ConsultationMeetingResponse })
  create(@Param('id', ConsultationId) id: string, @Body() body: MeetingDto, @CurrentUser() user: AuthenticatedUser): Promise<ConsultationMeetingResponse> {
    return this.meetings.create(user, id, body);
  }

  @Patch(':id/meetings/:meetingId')
  @ApiOperation({ summary: 'Change a meeting; the capacity never below the registrations taken' })
  @ApiOkResponse({ type: ConsultationMeetingResponse })
  update(
    @Param('id', ConsultationId) id: string,
    @Param('meetingId', MeetingId) meetingId: string,
    @Body() body: MeetingDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ConsultationMeetingResponse> {
    return this.meetings.update(user, id, meetingId, body);
  }

  @Delete(':id/meetings/:meetingId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a meeting together with its registrations (registrants are not notified)' })
  @ApiNoContentResponse()
  async remove(
    @Param('id', ConsultationId) id: string,
    @Param('meetingId', MeetingId) meetingId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    await this.meetings.remove(user, id, meetingId);
  }

  @Get(':id/meetings/:meetingId/registrations')
  @ApiOperation({ summary: 'Who registered (account names and organisations), for the organisers' })
  @ApiOkResponse({ type: ConsultationMeetingRegistrantsResponse })
  registrants(
    @Param('id', ConsultationId) id: string,
    @Param('meetingId', MeetingId) meetingId: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ConsultationMeetingRegistrantsResponse> {
    return this.meetings.registrants(user, id, meetingId);
  }
}
