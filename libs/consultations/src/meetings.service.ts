import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@civitas/auth';
import { FieldText, plainText } from '@civitas/common';
import { AppConfig, Clock } from '@civitas/config';
import { appendAudit, isUniqueViolation } from '@civitas/database';
import { ConsultationsError, field } from './consultations.errors';
import { ConsultationRow, ConsultationsService } from './consultations.service';
import { icsCalendar } from './ics';
import { MeetingRepository, type MeetingValues } from './meeting.repository';

export type MeetingKind = 'meeting' | 'point';

export interface MeetingInput {
  kind?: MeetingKind;
  title?: string;
  place?: string | null;
  onlineUrl?: string | null;
  startsAt?: string;
  endsAt?: string;
  capacity?: number | null;
  latitude?: number | null;
  longitude?: number | null;
}

export interface Meeting {
  id: string;
  consultationId: string;
  kind: MeetingKind;
  title: string;
  place: string;
  onlineUrl: string | null;
  startsAt: Date;
  endsAt: Date;
  /** null: no limit. */
  capacity: number | null;
  registered: number;
  /** null when there is no limit. */
  spotsLeft: number | null;
  /** Where it is on a map (WGS 84); both null when not given. */
  latitude: number | null;
  longitude: number | null;
}

export interface MeetingRegistration {
  meetingId: string;
  registered: number;
  spotsLeft: number | null;
}

export interface Registrant {
  userId: string;
  displayName: string;
  /** The organisation the account acts for, if any. */
  organisation: string | null;
  registeredAt: Date;
}

const TITLE_MAX = 300;
const PLACE_MAX = 500;
const URL_MAX = 2000;

/** States in which officials may change the meetings of a consultation. */
const MANAGEABLE = ['draft', 'announced', 'open'];
/** States in which residents may register: after the announcement, while it runs. */
const REGISTERING = ['announced', 'open'];

/** An address people may be sent to: https only, no credentials, no spaces or control characters. */
export function isSafeHttpsUrl(value: string): boolean {
  if (/[\s\u0000-\u001f\u007f<>"]/.test(value)) return false;
  try {
    const u = new URL(value);
    return u.protocol === 'https:' && !!u.hostname && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** Meetings and consultation points of a consultation, registrations and iCalendar files. */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly ds: DataSource,
    private readonly consultations: ConsultationsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly meetings: MeetingRepository,
  ) {}

  /** The meetings of a consultation (never a draft's), with their registrations and free spots. */
  async list(consultationId: string, opts: { includeDraft?: boolean } = {}): Promise<Meeting[]> {
    const m = this.ds.manager;
    await this.consultations.row(m, consultationId, opts);
    return this.meetings.listForConsultation(consultationId, m);
  }

  /** The meetings of a consultation this account is registered for (their ids); for the pages. */
  async registeredIds(consultationId: string, userId: string): Promise<string[]> {
    return this.meetings.listRegisteredIds(consultationId, userId);
  }

  async get(consultationId: string, meetingId: string, opts: { includeDraft?: boolean } = {}, m: EntityManager = this.ds.manager): Promise<Meeting> {
    await this.consultations.row(m, consultationId, opts);
    return this.meeting(m, consultationId, meetingId);
  }

  private async meeting(m: EntityManager, consultationId: string, meetingId: string, lock = false): Promise<Meeting> {
    if (lock) await this.meetings.lockForUpdate(m, consultationId, meetingId);
    const meeting = await this.meetings.findView(m, consultationId, meetingId);
    if (!meeting) throw ConsultationsError.meetingNotFound();
    return meeting;
  }

  /** The consultation, if the official may run it and its meetings may still change. */
  private async manageable(user: AuthenticatedUser, consultationId: string, m: EntityManager): Promise<ConsultationRow> {
    const c = await this.consultations.manageable(user, consultationId, m, true);
    if (!MANAGEABLE.includes(c.status))
      throw ConsultationsError.notEditable(c.status, { pl: 'Spotkań tych konsultacji', en: 'The meetings of this consultation' });
    return c;
  }

  /**
   * The cleaned values of a meeting, `current` filled in for a change; every problem at once. A meeting takes place
   * while the consultation runs: from its opening to its closing (each checked when set).
   */
  private check(input: MeetingInput, c: ConsultationRow, current: Meeting | null): MeetingValues {
    const problems: FieldText[] = [];
    const title = input.title === undefined ? (current?.title ?? '') : plainText(input.title);
    if (!title) problems.push(field('title', 'required', { pl: 'Podaj nazwę spotkania.', en: 'Give the meeting a title.' }));
    if (title.length > TITLE_MAX) problems.push(field('title', 'too_long', { pl: `Najwyżej ${TITLE_MAX} znaków.`, en: `At most ${TITLE_MAX} characters.` }));
    const place = input.place === undefined ? (current?.place ?? '') : plainText(input.place ?? '');
    if (place.length > PLACE_MAX) problems.push(field('place', 'too_long', { pl: `Najwyżej ${PLACE_MAX} znaków.`, en: `At most ${PLACE_MAX} characters.` }));
    let onlineUrl = current?.onlineUrl ?? null;
    if (input.onlineUrl !== undefined) {
      onlineUrl = input.onlineUrl === null || input.onlineUrl.trim() === '' ? null : input.onlineUrl.trim();
      if (onlineUrl !== null && (onlineUrl.length > URL_MAX || !isSafeHttpsUrl(onlineUrl)))
        problems.push(
          field('onlineUrl', 'invalid_url', {
            pl: 'Podaj pełny adres spotkania online zaczynający się od https://.',
            en: 'Give the full address of the online meeting, starting with https://.',
          }),
        );
    }
    if (!place && !onlineUrl && !problems.some((p) => p.field === 'onlineUrl'))
      problems.push(
        field('place', 'required', { pl: 'Podaj miejsce spotkania lub adres spotkania online.', en: 'Give the place of the meeting or its online address.' }),
      );
    const date = (name: 'startsAt' | 'endsAt'): Date | null => {
      const v = input[name];
      if (v === undefined) {
        if (current) return current[name];
        problems.push(field(name, 'required', { pl: 'Podaj datę i godzinę.', en: 'Give a date and time.' }));
        return null;
      }
      const d = new Date(v);
      if (Number.isNaN(d.getTime())) {
        problems.push(field(name, 'invalid_date', { pl: 'Podaj datę i godzinę w formacie ISO 8601.', en: 'Give a date and time in ISO 8601.' }));
        return null;
      }
      return d;
    };
    const startsAt = date('startsAt');
    const endsAt = date('endsAt');
    if (startsAt && endsAt && endsAt <= startsAt)
      problems.push(field('endsAt', 'before_start', { pl: 'Spotkanie musi kończyć się po swoim rozpoczęciu.', en: 'The meeting must end after it starts.' }));
    if (startsAt && c.opens_at && startsAt < c.opens_at)
      problems.push(
        field('startsAt', 'before_opening', {
          pl: `Spotkania odbywają się w czasie trwania konsultacji: nie wcześniej niż ich rozpoczęcie (${c.opens_at.toISOString()}).`,
          en: `Meetings take place while the consultation runs: not before it opens (${c.opens_at.toISOString()}).`,
        }),
      );
    if (endsAt && c.closes_at && endsAt > c.closes_at)
      problems.push(
        field('endsAt', 'after_closing', {
          pl: `Spotkania odbywają się w czasie trwania konsultacji: nie później niż ich zakończenie (${c.closes_at.toISOString()}).`,
          en: `Meetings take place while the consultation runs: not after it closes (${c.closes_at.toISOString()}).`,
        }),
      );
    const capacity = input.capacity === undefined ? (current?.capacity ?? null) : input.capacity;
    if (capacity !== null && (!Number.isInteger(capacity) || capacity < 1 || capacity > 100_000))
      problems.push(
        field('capacity', 'invalid', { pl: 'Liczba miejsc to liczba całkowita od 1 do 100000.', en: 'The capacity is a whole number from 1 to 100000.' }),
      );
    else if (capacity !== null && current && capacity < current.registered)
      problems.push(
        field('capacity', 'below_registered', {
          pl: `Zapisało się już ${current.registered} osób: liczba miejsc nie może być mniejsza.`,
          en: `${current.registered} people have registered already: the capacity cannot be lower.`,
        }),
      );
    // null for one coordinate (and nothing for the other) clears both.
    const clears = (input.latitude === null && input.longitude === undefined) || (input.longitude === null && input.latitude === undefined);
    const latitude = clears ? null : input.latitude === undefined ? (current?.latitude ?? null) : input.latitude;
    const longitude = clears ? null : input.longitude === undefined ? (current?.longitude ?? null) : input.longitude;
    if (latitude !== null && !(Number.isFinite(latitude) && latitude >= -90 && latitude <= 90))
      problems.push(field('latitude', 'invalid', { pl: 'Szerokość geograficzna to liczba od -90 do 90.', en: 'The latitude is a number from -90 to 90.' }));
    if (longitude !== null && !(Number.isFinite(longitude) && longitude >= -180 && longitude <= 180))
      problems.push(field('longitude', 'invalid', { pl: 'Długość geograficzna to liczba od -180 do 180.', en: 'The longitude is a number from -180 to 180.' }));
    if ((latitude === null) !== (longitude === null))
      problems.push(
        field(latitude === null ? 'latitude' : 'longitude', 'coordinates_pair', {
          pl: 'Podaj obie współrzędne miejsca albo żadnej.',
          en: 'Give both coordinates of the place, or neither.',
        }),
      );
    if (problems.length) throw ConsultationsError.invalidMeeting(problems);
    return { kind: input.kind ?? current?.kind ?? 'meeting', title, place, onlineUrl, startsAt: startsAt!, endsAt: endsAt!, capacity, latitude, longitude };
  }

  async create(user: AuthenticatedUser, consultationId: string, input: MeetingInput): Promise<Meeting> {
    return this.ds.transaction(async (m) => {
      const c = await this.manageable(user, consultationId, m);
      const v = this.check(input, c, null);
      const id = await this.meetings.insert(m, consultationId, v);
      await appendAudit(m, {
        actorId: user.id,
        action: 'consultation.meeting_created',
        subjectType: 'consultation',
        subjectId: consultationId,
        details: { meetingId: id },
      });
      return this.meeting(m, consultationId, id);
    });
  }

  /** Changes a meeting; the capacity never below the registrations already taken. Registrants are not told. */
  async update(user: AuthenticatedUser, consultationId: string, meetingId: string, input: MeetingInput): Promise<Meeting> {
    return this.ds.transaction(async (m) => {
      const c = await this.manageable(user, consultationId, m);
      const current = await this.meeting(m, consultationId, meetingId, true);
      const v = this.check(input, c, current);
      await this.meetings.update(m, meetingId, v);
      await appendAudit(m, {
        actorId: user.id,
        action: 'consultation.meeting_updated',
        subjectType: 'consultation',
        subjectId: consultationId,
        details: { meetingId, fields: Object.keys(input).sort() },
      });
      return this.meeting(m, consultationId, meetingId);
    });
  }

  /** Removes a meeting with its registrations (the number removed goes to the audit log). */
  async remove(user: AuthenticatedUser, consultationId: string, meetingId: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      await this.manageable(user, consultationId, m);
      const current = await this.meeting(m, consultationId, meetingId, true);
      await this.meetings.delete(m, meetingId);
      await appendAudit(m, {
        actorId: user.id,
        action: 'consultation.meeting_removed',
        subjectType: 'consultation',
        subjectId: consultationId,
        details: { meetingId, registrationsRemoved: current.registered },
      });
    });
  }

  /** Who registered, for the organisers: account names (and organisations), in the order they registered. */
  async registrants(user: AuthenticatedUser, consultationId: string, meetingId: string): Promise<{ meeting: Meeting; registrations: Registrant[] }> {
    const m = this.ds.manager;
    await this.consultations.manageable(user, consultationId, m);
    const meeting = await this.meeting(m, consultationId, meetingId);
    const registrations = await this.meetings.listRegistrants(meetingId, m);
    return { meeting, registrations };
  }

  /**
   * Registers the account for a meeting: the consultation announced or open (people register after the
   * announcement), the NGO-only rule applied, before the meeting starts, once per account, within its capacity. The
   * meeting row is locked, so parallel registrations cannot exceed the capacity.
   */
  async register(user: AuthenticatedUser, consultationId: string, meetingId: string, now = this.clock.now()): Promise<MeetingRegistration> {
    try {
      return await this.ds.transaction(async (m) => {
        const c = await this.consultations.row(m, consultationId);
        const meeting = await this.meeting(m, consultationId, meetingId, true);
        if (!REGISTERING.includes(c.status)) throw ConsultationsError.registrationClosed();
        if (c.audience === 'ngo' && !(await this.consultations.isOrganisation(user.id, m))) throw ConsultationsError.ngoOnly();
        if (meeting.startsAt.getTime() <= now.getTime()) throw ConsultationsError.meetingOver();
        if (await this.meetings.isRegistered(m, meetingId, user.id)) throw ConsultationsError.alreadyRegistered();
        if (meeting.capacity !== null && meeting.registered >= meeting.capacity) throw ConsultationsError.meetingFull();
        await this.meetings.insertRegistration(m, meetingId, user.id);
        const after = await this.meeting(m, consultationId, meetingId);
        return { meetingId, registered: after.registered, spotsLeft: after.spotsLeft };
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw ConsultationsError.alreadyRegistered();
      throw err;
    }
  }

  /** Withdraws the account's registration (before the meeting starts); nothing happens when there was none. */
  async withdraw(user: AuthenticatedUser, consultationId: string, meetingId: string, now = this.clock.now()): Promise<void> {
    await this.ds.transaction(async (m) => {
      await this.consultations.row(m, consultationId);
      const meeting = await this.meeting(m, consultationId, meetingId, true);
      if (meeting.startsAt.getTime() <= now.getTime()) throw ConsultationsError.meetingOver();
      await this.meetings.deleteRegistration(m, meetingId, user.id);
    });
  }

  /** The meeting as an iCalendar file (one VEVENT, times in UTC). */
  async ics(consultationId: string, meetingId: string, now = this.clock.now()): Promise<{ fileName: string; text: string }> {
    const m = this.ds.manager;
    const c = await this.consultations.row(m, consultationId);
    const meeting = await this.meeting(m, consultationId, meetingId);
    const page = `${this.config.http.publicUrl}/consultations/${c.id}`;
    const text = icsCalendar({
      uid: `${meeting.id}@civitas`,
      stamp: now,
      start: meeting.startsAt,
      end: meeting.endsAt,
      summary: meeting.title,
      location: [meeting.place, meeting.onlineUrl].filter(Boolean).join(', '),
      url: meeting.onlineUrl ?? page,
      description: c.title,
    });
    return { fileName: `meeting-${meeting.id}.ics`, text };
  }
}
