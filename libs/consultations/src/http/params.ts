import { ParseUUIDPipe } from '@nestjs/common';
import { ConsultationsError } from '../consultations.errors';

/** A path id that must be a UUID; anything else is the "not found" of that resource (404 problem+json). */
const idOf = (notFound: () => ConsultationsError) => new ParseUUIDPipe({ exceptionFactory: notFound });

export const ConsultationId = idOf(() => ConsultationsError.notFound());
export const UserId = idOf(() => ConsultationsError.userNotFound());
export const SectionId = idOf(() => ConsultationsError.sectionNotFound());
export const CommentId = idOf(() => ConsultationsError.commentNotFound());
export const QuestionId = idOf(() => ConsultationsError.questionNotFound());
export const ResponseId = idOf(() => ConsultationsError.responseNotFound());
export const MeetingId = idOf(() => ConsultationsError.meetingNotFound());
export const AttachmentId = idOf(() => ConsultationsError.attachmentNotFound());
