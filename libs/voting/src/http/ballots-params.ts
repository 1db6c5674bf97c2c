import { ParseUUIDPipe } from '@nestjs/common';
import { BallotsError } from '../ballots/ballots.errors';

/** Path ids that must be UUIDs; anything else is the "not found" of that resource. */
export const VotingEditionId = new ParseUUIDPipe({ exceptionFactory: () => BallotsError.editionNotFound() });
export const VotingPoolId = new ParseUUIDPipe({ exceptionFactory: () => BallotsError.poolNotFound() });
