import { ParseUUIDPipe } from '@nestjs/common';
import { ConsultationsError, ConsultationsErrorCode } from '../consultations.errors';

/** A path id that must be a UUID; anything else is the "not found" of that resource (404 problem+json). */
const idOf = (notFound: () => ConsultationsError) => new ParseUUIDPipe({ exceptionFactory: notFound });

export const ConsultationId = idOf(() => ConsultationsError.notFound());
export const UserId = idOf(() => ConsultationsError.userNotFound());
export const SectionId = idOf(() =>
  ConsultationsError.make('not_found', ConsultationsErrorCode.SectionNotFound, { pl: 'Nie ma takiego fragmentu dokumentu.', en: 'There is no such section.' }),
);
export const CommentId = idOf(() =>
  ConsultationsError.make('not_found', ConsultationsErrorCode.CommentNotFound, { pl: 'Nie ma takiej uwagi.', en: 'There is no such comment.' }),
);
export const QuestionId = idOf(() =>
  ConsultationsError.make('not_found', ConsultationsErrorCode.QuestionNotFound, { pl: 'Nie ma takiego pytania.', en: 'There is no such question.' }),
);
export const ResponseId = idOf(() =>
  ConsultationsError.make('not_found', ConsultationsErrorCode.ResponseNotFound, { pl: 'Nie ma takiej odpowiedzi.', en: 'There is no such response.' }),
);
export const MeetingId = idOf(() =>
  ConsultationsError.make('not_found', ConsultationsErrorCode.MeetingNotFound, { pl: 'Nie ma takiego spotkania.', en: 'There is no such meeting.' }),
);
export const AttachmentId = idOf(() =>
  ConsultationsError.make('not_found', ConsultationsErrorCode.AttachmentNotFound, { pl: 'Nie ma takiego załącznika.', en: 'There is no such attachment.' }),
);
