import { ApiProperty } from '@nestjs/swagger';
import { CHANNELS, COMMENT_STATUSES, HIDE_REASONS, type CommentChannel, type CommentStatus } from '../comments.service';
import { CONSULTATION_STATUSES } from '../consultation-status';
import { VERDICTS, type Verdict } from '../report.service';
import { ConsultationSurveyResultsResponse } from './survey.response';

/** A text in both languages of the report. */
export class ConsultationReportLabelResponse {
  @ApiProperty() pl: string;
  @ApiProperty() en: string;
}

export class ConsultationReportAnswerResponse {
  @ApiProperty({ enum: VERDICTS }) verdict: Verdict;
  @ApiProperty({ type: () => ConsultationReportLabelResponse }) label: ConsultationReportLabelResponse;
  @ApiProperty() justification: string;
  @ApiProperty({ type: String, format: 'date-time' }) respondedAt: Date;
}

/** A comment in the report, with its response. */
export class ConsultationReportCommentResponse {
  @ApiProperty({ type: 'integer', description: '1, 2, … in the order comments were made or received.' }) number: number;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) sectionKey: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) version: number | null;
  @ApiProperty() authorName: string;
  @ApiProperty({ enum: CHANNELS }) channel: CommentChannel;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'When an entered comment was received (YYYY-MM-DD).' })
  receivedOn: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ enum: COMMENT_STATUSES }) status: CommentStatus;
  @ApiProperty({ type: String, nullable: true, description: 'null when hidden.' }) body: string | null;
  @ApiProperty({ type: String, nullable: true }) proposedWording: string | null;
  @ApiProperty({ type: String, enum: HIDE_REASONS, nullable: true }) hiddenReason: string | null;
  @ApiProperty({ type: () => ConsultationReportLabelResponse, nullable: true, description: '"ukryta (obraźliwa)" / "hidden (offensive)" when hidden.' })
  hiddenLabel: ConsultationReportLabelResponse | null;
  @ApiProperty({ type: () => ConsultationReportAnswerResponse, nullable: true, description: 'null while it has no response.' })
  response: ConsultationReportAnswerResponse | null;
}

export class ConsultationReportConsultationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty() organiserUnit: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) opensAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closesAt: Date | null;
  @ApiProperty({ type: [String], format: 'uuid' }) areaIds: string[];
}

export class ConsultationReportSectionCountResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: comments on the consultation as a whole.' }) sectionId: string | null;
  @ApiProperty({ type: String, nullable: true }) key: string | null;
  @ApiProperty({ type: 'integer' }) comments: number;
}

export class ConsultationReportChannelCountsResponse {
  @ApiProperty({ type: 'integer' }) online: number;
  @ApiProperty({ type: 'integer' }) paper: number;
  @ApiProperty({ type: 'integer' }) email: number;
  @ApiProperty({ type: 'integer' }) meeting: number;
}

export class ConsultationReportParticipationResponse {
  @ApiProperty({
    type: 'integer',
    description: 'Distinct participants: accounts that commented or answered, anonymous survey respondents, each person whose comment an official entered.',
  })
  people: number;
  @ApiProperty({ type: 'integer' }) comments: number;
  @ApiProperty({ type: () => [ConsultationReportSectionCountResponse] }) bySection: ConsultationReportSectionCountResponse[];
  @ApiProperty({ type: () => ConsultationReportChannelCountsResponse }) byChannel: ConsultationReportChannelCountsResponse;
  @ApiProperty({ type: 'integer' }) surveyRespondents: number;
  @ApiProperty({ type: 'integer' }) meetingRegistrations: number;
}

/** The report of a consultation: participation, every comment with its response, survey results, conclusions. */
export class ConsultationReportResponse {
  @ApiProperty({ type: () => ConsultationReportConsultationResponse }) consultation: ConsultationReportConsultationResponse;
  @ApiProperty({ enum: CONSULTATION_STATUSES, description: 'The consultation’s status: closed, or report_published.' }) status: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: Date | null;
  @ApiProperty({ type: () => ConsultationReportParticipationResponse }) participation: ConsultationReportParticipationResponse;
  @ApiProperty({ type: () => [ConsultationReportCommentResponse] }) comments: ConsultationReportCommentResponse[];
  @ApiProperty({ type: 'integer', description: 'Comments still without a response (visible or awaiting moderation).' }) unanswered: number;
  @ApiProperty({ type: () => ConsultationSurveyResultsResponse, nullable: true, description: 'null: the consultation has no survey.' })
  survey: ConsultationSurveyResultsResponse | null;
  @ApiProperty({ description: 'Markdown as written.' }) conclusions: string;
  @ApiProperty({ description: 'The conclusions rendered from Markdown: raw HTML escaped, only safe links.' }) conclusionsHtml: string;
}
