import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { OmitType } from '@nestjs/swagger';
import { ListConsultationsQuery } from '../http/consultations.dto';
import { PUBLIC_STATUSES } from './consultations-list.view';

/** The filters of the consultations page (a GET form): the API's own query, the status one of the public ones, a topic and a page. */
export class ConsultationsPageQuery extends OmitType(ListConsultationsQuery, ['status'] as const) {
  @IsOptional()
  @IsIn(PUBLIC_STATUSES)
  status?: (typeof PUBLIC_STATUSES)[number];

  @IsOptional()
  @IsString()
  @MaxLength(200)
  topic?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;
}

/** The query parameters the page reads, in the order its addresses carry them. */
export const LIST_QUERY_KEYS = ['status', 'area', 'topic', 'page'] as const;
