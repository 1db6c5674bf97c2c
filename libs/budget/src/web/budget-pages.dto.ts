import { IsIn, IsOptional } from 'class-validator';
import { OmitType } from '@nestjs/swagger';
import { ListProjectsQuery } from '../http/dto/budget.dto';
import { ImplementationListQuery } from '../http/dto/implementation.dto';
import { PUBLIC_STATUSES } from './budget-pages.texts';

/**
 * The filters of the projects page (a GET form): the API's own query (`GET /api/v1/editions/:id/projects`) with the
 * same rules and words, without its page size (a page shows 20), and with the status one of the public ones.
 */
export class ProjectsPageQuery extends OmitType(ListProjectsQuery, ['pageSize'] as const) {
  @IsOptional()
  @IsIn(PUBLIC_STATUSES)
  override status?: string;
}

/** The query parameters the page reads (anything else in the address is left aside). */
export const PAGE_QUERY_KEYS = ['pool', 'area', 'category', 'status', 'q', 'sort', 'seed', 'page'] as const;

/** The filters of the implementation page (a GET form): the API's own query, without its page size (20 a page). */
export class ImplementationPageQuery extends OmitType(ImplementationListQuery, ['pageSize'] as const) {}

/** The query parameters the implementation page reads. */
export const IMPLEMENTATION_QUERY_KEYS = ['status', 'pool', 'area', 'category', 'page'] as const;
