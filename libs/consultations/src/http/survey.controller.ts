import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Public, Roles } from '@civitas/auth';
import { SurveyService } from '../survey.service';
import { ConsultationId, ResponseId } from './params';
import { SurveyConfirmDto, SurveyDto, SurveyResponseDto } from './survey.dto';
import { ConsultationSurveyReceiptResponse, ConsultationSurveyResponse } from './survey.response';

@ApiTags('consultations')
@Controller('api/v1')
export class SurveyController {
  constructor(private readonly survey: SurveyService) {}

  @Get('consultations/:id/survey')
  @Public()
  @ApiOperation({
    summary: "A consultation's survey: questions, access mode, and results once it is closed",
    description: 'results is null until the consultation is closed or its report published (never partial results). 404 for drafts.',
  })
  @ApiOkResponse({ type: ConsultationSurveyResponse })
  get(@Param('id', ConsultationId) id: string): Promise<ConsultationSurveyResponse> {
    return this.survey.get(id);
  }

  @Put('admin/consultations/:id/survey')
  @Roles('official')
  @ApiBearerAuth()
  @ApiCookieAuth('civitas_session')
  @ApiOperation({
    summary: 'Replace the survey questions (officials who run the consultation; while a draft or announced)',
    description: '200 the survey. 422 invalid_survey with a field per problem (e.g. questions.2.options); 409 survey_closed once the consultation is open.',
  })
  @ApiOkResponse({ type: ConsultationSurveyResponse })
  set(@Param('id', ConsultationId) id: string, @Body() body: SurveyDto, @CurrentUser() user: AuthenticatedUser): Promise<ConsultationSurveyResponse> {
    return this.survey.setQuestions(user, id, body.questions);
  }

  @Post('consultations/:id/survey/responses')
  @Public()
  @ApiOperation({
    summary: 'Answer the survey (once per participant, while the consultation is open)',
    description:
      '201 { id, status, confirmation }. Signed in: confirmed at once. Anonymous (access email_code): give email; pending until the mailed code is confirmed. 401 account_required; 403 ngo_only; 409 already_responded / survey_closed; 422 invalid_answers with a field per problem.',
  })
  @ApiCreatedResponse({ type: ConsultationSurveyReceiptResponse })
  respond(
    @Param('id', ConsultationId) id: string,
    @Body() body: SurveyResponseDto,
    @CurrentUser() user?: AuthenticatedUser,
  ): Promise<ConsultationSurveyReceiptResponse> {
    return this.survey.respond(id, user ?? null, { answers: body.answers, email: body.email });
  }

  @Post('consultations/:id/survey/responses/:responseId/confirm')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm an anonymous response with the 6-digit code from the mail (15 minutes, 5 attempts)',
    description: '200 the response (confirmed). 422 wrong_code (attempts left), 429 too_many_attempts, 409 code_expired / survey_closed.',
  })
  @ApiOkResponse({ type: ConsultationSurveyReceiptResponse })
  confirm(
    @Param('id', ConsultationId) id: string,
    @Param('responseId', ResponseId) responseId: string,
    @Body() body: SurveyConfirmDto,
  ): Promise<ConsultationSurveyReceiptResponse> {
    return this.survey.confirm(id, responseId, body.code);
  }
}
