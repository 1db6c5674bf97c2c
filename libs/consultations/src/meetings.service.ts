import { Injectable } from '@nestjs/common';

/** Meetings and consultation points of a consultation, registrations and iCalendar files. */
@Injectable()
export class MeetingsService {}
