import { Body, Controller, Get, Header, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { AuthenticatedUser, CurrentUser, Public, Roles } from '@civitas/auth';
import { ReportService, VERDICTS, type Verdict } from '../report.service';
import { CommentId, ConsultationId } from './params';
import { ConsultationReportCommentResponse, ConsultationReportResponse } from './report.response';

export class ResponseDto {
  @ApiProperty({ enum: VERDICTS })
  @IsIn(VERDICTS)
  verdict: Verdict;

  @ApiProperty({ maxLength: 10_000 })
  @IsString()
  @MaxLength(10_000)
  justification: string;
}

export class ConclusionsDto {
  @ApiProperty({ description: 'Markdown (raw HTML shown as text; safe links only).', maxLength: 100_000 })
  @IsString()
  @MaxLength(100_000)
  conclusions: string;
}

@ApiTags('consultations')
@Public()
@Controller('api/v1/consultations/:id')
export class ReportController {
  constructor(private readonly report: ReportService) {}

  @Get('report')
  @ApiOperation({
    summary:
      'The published report: participation, every comment with its response (hidden ones as "hidden (reason)"), survey results, conclusions; 409 before publication',
  })
  @ApiOkResponse({ type: ConsultationReportResponse })
  get(@Param('id', ConsultationId) id: string): Promise<ConsultationReportResponse> {
    return this.report.published(id);
  }

  @Get('report.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The CSV file (UTF-8 with BOM), one row a comment.' })
  @ApiOperation({ summary: 'The comments of the published report and their responses as CSV (UTF-8 with BOM; no cell is read as a formula)' })
  async csv(@Param('id', ConsultationId) id: string): Promise<string> {
    return this.report.toCsv(await this.report.published(id));
  }
}

@ApiTags('consultations (officials)')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Roles('official')
@Controller('api/v1/admin/consultations/:id')
export class ReportAdminController {
  constructor(private readonly report: ReportService) {}

  @Get('report')
  @ApiOperation({ summary: 'The report as it stands (from closing on), with the number of comments still without a response' })
  @ApiOkResponse({ type: ConsultationReportResponse })
  draft(@Param('id', ConsultationId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<ConsultationReportResponse> {
    return this.report.draft(user, id);
  }

  @Put('comments/:commentId/response')
  @ApiOperation({ summary: 'Respond to a comment (after closing): accepted, partially accepted, rejected or not applicable, with a justification' })
  @ApiOkResponse({ type: ConsultationReportCommentResponse, description: 'The comment as the report shows it, with its response.' })
  respond(
    @Param('id', ConsultationId) id: string,
    @Param('commentId', CommentId) commentId: string,
    @Body() body: ResponseDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ConsultationReportCommentResponse> {
    return this.report.respond(user, id, commentId, body.verdict, body.justification);
  }

  @Put('report/conclusions')
  @ApiOperation({ summary: 'The conclusions of the report (Markdown), after closing' })
  @ApiOkResponse({ type: ConsultationReportResponse })
  conclusions(
    @Param('id', ConsultationId) id: string,
    @Body() body: ConclusionsDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ConsultationReportResponse> {
    return this.report.setConclusions(user, id, body.conclusions);
  }

  @Post('report/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish the report: refused (409 comments_unanswered) while a comment has no response; subscribers and participants are told' })
  @ApiOkResponse({ type: ConsultationReportResponse })
  publish(@Param('id', ConsultationId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<ConsultationReportResponse> {
    return this.report.publish(user, id);
  }
}
