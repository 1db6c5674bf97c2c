import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne, queryRows } from '@civitas/database';
import type { Meeting, MeetingKind, Registrant } from './meetings.service';

/** A meeting's checked values, as stored (a new meeting, or every field of a change). */
export interface MeetingValues {
  kind: MeetingKind;
  title: string;
  place: string;
  onlineUrl: string | null;
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  latitude: number | null;
  longitude: number | null;
}

/** A meeting as MEETING_COLUMNS reads it (aliased to the domain's names), with its registrations counted. */
type MeetingRow = Omit<Meeting, 'spotsLeft'>;

const MEETING_COLUMNS = `mt.id, mt.consultation_id AS "consultationId", mt.kind, mt.title, mt.place, mt.online_url AS "onlineUrl",
  mt.starts_at AS "startsAt", mt.ends_at AS "endsAt", mt.capacity, mt.latitude, mt.longitude,
  (SELECT count(*)::int FROM meeting_registrations r WHERE r.meeting_id = mt.id) AS registered`;

/** The meeting with its free spots (null without a limit). */
const meetingOf = (m: MeetingRow): Meeting => ({ ...m, spotsLeft: m.capacity === null ? null : Math.max(0, m.capacity - m.registered) });

/**
 * The SQL of `consultation_meetings` and `meeting_registrations`, as named methods with typed rows. Methods used in
 * a transaction take its EntityManager first; the others read through the DataSource unless given one.
 */
@Injectable()
export class MeetingRepository {
  constructor(private readonly ds: DataSource) {}

  /** The consultation's meetings, by start time, with their registrations and free spots. */
  async listForConsultation(consultationId: string, m: EntityManager = this.ds.manager): Promise<Meeting[]> {
    const rows = await queryRows<MeetingRow>(
      m,
      `SELECT ${MEETING_COLUMNS} FROM consultation_meetings mt WHERE mt.consultation_id = $1 ORDER BY mt.starts_at, mt.id`,
      [consultationId],
    );
    return rows.map(meetingOf);
  }

  /** The ids of the consultation's meetings the account is registered for. */
  async listRegisteredIds(consultationId: string, userId: string, m: EntityManager = this.ds.manager): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      m,
      `SELECT r.meeting_id AS id FROM meeting_registrations r JOIN consultation_meetings mt ON mt.id = r.meeting_id WHERE mt.consultation_id = $1 AND r.user_id = $2`,
      [consultationId, userId],
    );
    return rows.map((r) => r.id);
  }

  /** Locks the consultation's meeting row for the rest of the transaction (changes and registrations wait); nothing when there is none. */
  async lockForUpdate(m: EntityManager, consultationId: string, meetingId: string): Promise<void> {
    await m.query(`SELECT 1 FROM consultation_meetings WHERE id = $1 AND consultation_id = $2 FOR UPDATE`, [meetingId, consultationId]);
  }

  /** The consultation's meeting with its registrations and free spots; undefined when there is none. */
  async findView(m: EntityManager, consultationId: string, meetingId: string): Promise<Meeting | undefined> {
    const row = await queryOne<MeetingRow>(m, `SELECT ${MEETING_COLUMNS} FROM consultation_meetings mt WHERE mt.id = $1 AND mt.consultation_id = $2`, [
      meetingId,
      consultationId,
    ]);
    return row && meetingOf(row);
  }

  /** Inserts a meeting of the consultation; returns its id. */
  async insert(m: EntityManager, consultationId: string, v: MeetingValues): Promise<string> {
    const [{ id }] = await queryRows<{ id: string }>(
      m,
      `INSERT INTO consultation_meetings (consultation_id, kind, title, place, online_url, starts_at, ends_at, capacity, latitude, longitude)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [consultationId, v.kind, v.title, v.place, v.onlineUrl, v.startsAt, v.endsAt, v.capacity, v.latitude, v.longitude],
    );
    return id;
  }

  /** Writes every field of the meeting. */
  async update(m: EntityManager, meetingId: string, v: MeetingValues): Promise<void> {
    await m.query(
      `UPDATE consultation_meetings SET kind = $2, title = $3, place = $4, online_url = $5, starts_at = $6, ends_at = $7, capacity = $8,
              latitude = $9, longitude = $10 WHERE id = $1`,
      [meetingId, v.kind, v.title, v.place, v.onlineUrl, v.startsAt, v.endsAt, v.capacity, v.latitude, v.longitude],
    );
  }

  /** Deletes the meeting (its registrations go with it). */
  async delete(m: EntityManager, meetingId: string): Promise<void> {
    await m.query(`DELETE FROM consultation_meetings WHERE id = $1`, [meetingId]);
  }

  /** Who registered for the meeting (account name, organisation), in the order they registered. */
  listRegistrants(meetingId: string, m: EntityManager = this.ds.manager): Promise<Registrant[]> {
    return queryRows<Registrant>(
      m,
      `SELECT r.user_id AS "userId", u.display_name AS "displayName", o.name AS organisation, r.created_at AS "registeredAt"
         FROM meeting_registrations r JOIN users u ON u.id = r.user_id LEFT JOIN organisations o ON o.user_id = r.user_id
        WHERE r.meeting_id = $1 ORDER BY r.created_at, r.id`,
      [meetingId],
    );
  }

  /** Whether the account is registered for the meeting. */
  async isRegistered(m: EntityManager, meetingId: string, userId: string): Promise<boolean> {
    const rows = await queryRows<unknown>(m, `SELECT 1 FROM meeting_registrations WHERE meeting_id = $1 AND user_id = $2`, [meetingId, userId]);
    return rows.length > 0;
  }

  /** Registers the account for the meeting; a second registration fails with a unique violation. */
  async insertRegistration(m: EntityManager, meetingId: string, userId: string): Promise<void> {
    await m.query(`INSERT INTO meeting_registrations (meeting_id, user_id) VALUES ($1, $2)`, [meetingId, userId]);
  }

  /** Removes the account's registration for the meeting, if any. */
  async deleteRegistration(m: EntityManager, meetingId: string, userId: string): Promise<void> {
    await m.query(`DELETE FROM meeting_registrations WHERE meeting_id = $1 AND user_id = $2`, [meetingId, userId]);
  }
}
