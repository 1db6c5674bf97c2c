import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { EmailField, MailedTokenField } from '@civitas/auth';
import type { Locale } from '@civitas/common';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../../deliveries-admin.service';
import type { Frequency } from '../../subscription.service';
import { MAX_TOPICS, TOPIC_PATTERN } from '../../topics';

const TOPICS_DOC = 'results | initiatives | edition:<uuid> | consultation:<uuid> | area:<uuid> (an area includes its sub-areas)';
const TOPIC_MESSAGE = 'each topic must be results, initiatives, edition:<uuid>, consultation:<uuid> or area:<uuid>';

export class SubscribeDto {
  @EmailField()
  email: string;

  @ApiProperty({ enum: ['pl', 'en'], description: 'The language of the mails.' })
  @IsIn(['pl', 'en'])
  locale: Locale;

  @ApiProperty({ type: [String], example: ['results', 'area:3f0c1f4e-8b1a-4c55-9f1e-2f1d7f4e8a10'], description: TOPICS_DOC })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TOPICS)
  @IsString({ each: true })
  @Matches(TOPIC_PATTERN, { each: true, message: TOPIC_MESSAGE })
  topics: string[];

  @ApiPropertyOptional({ enum: ['immediate', 'daily'], default: 'immediate', description: 'Each mail at once, or one digest a day.' })
  @IsOptional()
  @IsIn(['immediate', 'daily'])
  frequency?: Frequency;
}

export class ConfirmSubscriptionDto {
  @MailedTokenField('The token from the link in the confirmation mail.')
  token: string;
}

export class SubscriptionChangeDto {
  @ApiPropertyOptional({ enum: ['pl', 'en'] })
  @IsOptional()
  @IsIn(['pl', 'en'])
  locale?: Locale;

  @ApiPropertyOptional({ enum: ['immediate', 'daily'] })
  @IsOptional()
  @IsIn(['immediate', 'daily'])
  frequency?: Frequency;

  @ApiPropertyOptional({ type: [String], description: `${TOPICS_DOC}. An empty list ends every topic subscription.` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TOPICS)
  @IsString({ each: true })
  @Matches(TOPIC_PATTERN, { each: true, message: TOPIC_MESSAGE })
  topics?: string[];

  @ApiPropertyOptional({ description: 'Mails about one’s own projects, comments and applications.' })
  @IsOptional()
  @IsBoolean()
  ownActivity?: boolean;
}

export class LinkTokenQuery {
  @MailedTokenField('The token of the personal link in a mail.')
  token: string;
}

export class PageQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 1_000_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export class ListDeliveriesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  eventId?: string;
}

export class RetryFailedDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the failed deliveries of this event.' })
  @IsOptional()
  @IsUUID('all')
  eventId?: string;
}
