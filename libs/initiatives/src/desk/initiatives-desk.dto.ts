import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { INITIATIVE_QUEUE_KINDS, type InitiativeQueueKind } from '../applications.service';

/** The queue's filters (a GET form): what waits, the programme's year, an area of this platform. */
export class InitiativeQueueQuery {
  @IsOptional()
  @IsIn(INITIATIVE_QUEUE_KINDS)
  status?: InitiativeQueueKind;

  @IsOptional()
  @Matches(/^(19|20|21)\d{2}$/)
  year?: string;

  @IsOptional()
  @IsUUID('all')
  area?: string;
}

/** The query parameters the queue reads (anything else in the address is left aside). */
export const INITIATIVE_QUEUE_KEYS = ['status', 'year', 'area'] as const;
