import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { REVIEW_QUEUE_KINDS, type ReviewQueueKind } from '../reviews.service';

/** The review queue's filters (a GET form): ids of this platform's editions, pools and areas, and what waits. */
export class ReviewQueueQuery {
  @IsOptional()
  @IsUUID('all')
  edition?: string;

  @IsOptional()
  @IsUUID('all')
  pool?: string;

  @IsOptional()
  @IsUUID('all')
  area?: string;

  @IsOptional()
  @IsIn(REVIEW_QUEUE_KINDS)
  status?: ReviewQueueKind;
}

/** The query parameters the queue reads (anything else in the address is left aside). */
export const REVIEW_QUEUE_KEYS = ['edition', 'pool', 'area', 'status'] as const;
