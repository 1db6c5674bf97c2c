import { ParseUUIDPipe, PipeTransform } from '@nestjs/common';
import { InitiativesError } from '../initiatives.errors';

export const InitiativeId = new ParseUUIDPipe({ exceptionFactory: () => InitiativesError.notFound() });
export const AttachmentId = new ParseUUIDPipe({ exceptionFactory: () => InitiativesError.attachmentNotFound() });
/** A programme year in the path: whole years 2000–2100 (the range programmes may have); anything else is no programme. */
export const Year: PipeTransform<string, number> = {
  transform(value: string): number {
    if (!/^\d{4}$/.test(value) || Number(value) < 2000 || Number(value) > 2100) throw InitiativesError.programmeNotFound();
    return Number(value);
  },
};
