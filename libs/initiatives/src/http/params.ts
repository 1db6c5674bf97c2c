import { ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';
import { InitiativesError, InitiativesErrorCode } from '../initiatives.errors';

export const InitiativeId = new ParseUUIDPipe({ exceptionFactory: () => InitiativesError.notFound() });
export const AttachmentId = new ParseUUIDPipe({
  exceptionFactory: () => InitiativesError.make('not_found', InitiativesErrorCode.AttachmentNotFound, { pl: 'Nie ma takiego załącznika.', en: 'There is no such attachment.' }),
});
export const Year = new ParseIntPipe({ exceptionFactory: () => InitiativesError.programmeNotFound() });
