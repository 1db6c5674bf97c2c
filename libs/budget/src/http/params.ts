import { ParseUUIDPipe } from '@nestjs/common';
import { BudgetError } from '../budget.errors';

/** A path id that must be a UUID; anything else is the "not found" of that resource (404 problem+json). */
const idOf = (notFound: () => BudgetError) => new ParseUUIDPipe({ exceptionFactory: notFound });

export const EditionId = idOf(() => BudgetError.editionNotFound());
export const ProjectId = idOf(() => BudgetError.projectNotFound());
export const AttachmentId = idOf(() => BudgetError.attachmentNotFound());
export const InvitationId = idOf(() => BudgetError.invitationNotFound());
export const ProposalId = idOf(() => BudgetError.proposalNotFound());
export const MergeId = idOf(() => BudgetError.mergeNotFound());
export const ExclusionId = idOf(() => BudgetError.exclusionNotFound());
export const AuthorId = idOf(() => BudgetError.authorNotFound());
