import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import {
  COMMENT_STATUSES,
  type CommentStatus,
  ENTERED_CHANNELS,
  HIDE_REASONS,
  type HideReason,
  MODERATION_KINDS,
  MODERATION_SORTS,
  type ModerationKind,
  type ModerationSort,
} from '../comments.service';

export class SectionDto {
  @ApiProperty({ description: 'The section\'s stable key, e.g. "§ 1" (unique in the document, case aside).', maxLength: 50 })
  @IsString()
  @MaxLength(50)
  key: string;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  heading?: string;

  @ApiProperty({ description: 'Markdown (raw HTML is shown as text; only http(s), mailto and relative links).', maxLength: 100_000 })
  @IsString()
  @MaxLength(100_000)
  body: string;
}

export class DocumentDto {
  @ApiPropertyOptional({ description: 'What changed in this version.', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @ApiProperty({ type: [SectionDto], description: 'The sections in order; a known key keeps its section (and its comments).' })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => SectionDto)
  sections: SectionDto[];
}

export class DocumentQuery {
  @ApiPropertyOptional({ description: 'The version to show (default: the current one).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class CommentDto {
  @ApiPropertyOptional({ description: 'A section of the current version; none = the consultation as a whole.' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  sectionId?: string | null;

  @ApiProperty({ maxLength: 10_000 })
  @IsString()
  @MaxLength(10_000)
  body: string;

  @ApiPropertyOptional({ description: 'The wording the author proposes instead.', maxLength: 10_000 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(10_000)
  proposedWording?: string | null;
}

export class EnteredCommentDto extends CommentDto {
  @ApiProperty({ enum: ENTERED_CHANNELS })
  @IsIn(ENTERED_CHANNELS)
  channel: (typeof ENTERED_CHANNELS)[number];

  @ApiProperty({ description: 'The day it was received (YYYY-MM-DD); after closing, not later than the closing day.', example: '2027-03-14' })
  @IsString()
  @MaxLength(10)
  receivedOn: string;

  @ApiPropertyOptional({ description: 'The author as the letter, e-mail or minutes name them; none (an anonymous letter): shown as "—".', maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  authorName?: string;

  @ApiPropertyOptional({ description: 'Where the author can be told about the report (never shown publicly).', maxLength: 254 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(254)
  contactEmail?: string | null;
}

export class PublicCommentsQuery {
  @ApiPropertyOptional({ description: 'Only comments on this section.' })
  @IsOptional()
  @IsUUID()
  section?: string;
}

export class AdminCommentsQuery {
  @ApiPropertyOptional({ enum: COMMENT_STATUSES })
  @IsOptional()
  @IsIn(COMMENT_STATUSES)
  status?: CommentStatus;
}

export class ReportDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class HideDto {
  @ApiProperty({ enum: HIDE_REASONS })
  @IsIn(HIDE_REASONS)
  reason: HideReason;

  @ApiPropertyOptional({ description: 'The moderator\'s words to the author; required with the reason "other".', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class ModerationNoteDto {
  @ApiPropertyOptional({ description: "The moderator's words to the author.", maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

/** The moderation queue's filters (the API's and the desk page's). */
export class ModerationQueueQuery {
  @ApiPropertyOptional({ enum: MODERATION_KINDS, description: 'None: reported and pending comments together (the queue).' })
  @IsOptional()
  @IsIn(MODERATION_KINDS)
  kind?: ModerationKind;

  @ApiPropertyOptional({ description: 'Only the comments of this consultation.' })
  @IsOptional()
  @IsUUID()
  consultation?: string;

  @ApiPropertyOptional({ enum: MODERATION_SORTS, description: 'oldest (default): the longest waiting first; reports: the most reported first.' })
  @IsOptional()
  @IsIn(MODERATION_SORTS)
  sort?: ModerationSort;
}

export class ModerationQueuePageQuery extends ModerationQueueQuery {
  @ApiPropertyOptional({ description: 'The page (25 comments a page), from 1.', maximum: 100_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;
}
