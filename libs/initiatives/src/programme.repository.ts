import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne, queryRows, rowsOf } from '@civitas/database';
import { COMMITTED_STATUSES } from './initiative-status';
import type { Criterion, Programme, ProgrammeInput } from './programmes.service';

/** A year's programme as it is written (texts already clean, criteria checked). */
export interface ProgrammeRecord {
  year: number;
  intake: ProgrammeInput['intake'];
  windows: Array<{ opensOn: string; closesOn: string }>;
  allocation: number;
  minApplicants: number;
  criteria: Criterion[];
  correctionDays: number;
  volunteerHourValue: number;
  createdBy: string;
}

interface ProgrammeRow {
  id: string;
  year: number;
  intake: Programme['intake'];
  windows: Programme['windows'];
  allocation: string;
  min_applicants: number;
  criteria: Criterion[];
  correction_days: number;
  volunteer_hour_value: string;
  remaining: string;
}

const programmeOf = (p: ProgrammeRow): Programme => ({
  id: p.id,
  year: p.year,
  intake: p.intake,
  windows: p.windows,
  allocation: Number(p.allocation),
  minApplicants: p.min_applicants,
  criteria: p.criteria,
  correctionDays: p.correction_days,
  volunteerHourValue: Number(p.volunteer_hour_value),
  remaining: Number(p.remaining),
});

/**
 * The SQL of `initiative_programmes`: a year's programme, what is left of its allocation, its case counter. Methods
 * that change data take the transaction's EntityManager; reads take one optionally.
 */
@Injectable()
export class ProgrammeRepository {
  constructor(private readonly ds: DataSource) {}

  /** The year's programme with the allocation not yet promised to committed applications; undefined when there is none. */
  async findByYear(year: number, m: EntityManager = this.ds.manager): Promise<Programme | undefined> {
    const p = await queryOne<ProgrammeRow>(
      m,
      `SELECT p.*, p.allocation - coalesce((SELECT sum(i.city_share_total) FROM initiatives i WHERE i.programme_id = p.id AND i.status = ANY($2::text[])), 0) AS remaining
         FROM initiative_programmes p WHERE p.year = $1`,
      [year, COMMITTED_STATUSES],
    );
    return p && programmeOf(p);
  }

  /** The year's programme id and criteria, its row locked for the rest of the transaction; undefined when there is none. */
  lockByYear(m: EntityManager, year: number): Promise<{ id: string; criteria: Criterion[] } | undefined> {
    return queryOne<{ id: string; criteria: Criterion[] }>(m, `SELECT id, criteria FROM initiative_programmes WHERE year = $1 FOR UPDATE`, [year]);
  }

  /** Whether an application of the programme has been scored by an evaluator. */
  async hasScoredApplication(m: EntityManager, programmeId: string): Promise<boolean> {
    const rows = await queryRows<unknown>(
      m,
      `SELECT 1 FROM initiative_evaluations e JOIN initiatives i ON i.id = e.initiative_id WHERE i.programme_id = $1 LIMIT 1`,
      [programmeId],
    );
    return rows.length > 0;
  }

  /** Creates the year's programme, or replaces the one there is (its case counter stays). */
  async upsert(m: EntityManager, p: ProgrammeRecord): Promise<void> {
    await m.query(
      `INSERT INTO initiative_programmes (year, intake, windows, allocation, min_applicants, criteria, correction_days, volunteer_hour_value, created_by)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6::jsonb, $7, $8, $9)
       ON CONFLICT (year) DO UPDATE SET intake = EXCLUDED.intake, windows = EXCLUDED.windows, allocation = EXCLUDED.allocation,
         min_applicants = EXCLUDED.min_applicants, criteria = EXCLUDED.criteria, correction_days = EXCLUDED.correction_days,
         volunteer_hour_value = EXCLUDED.volunteer_hour_value, updated_at = now()`,
      [
        p.year,
        p.intake,
        JSON.stringify(p.windows),
        p.allocation,
        p.minApplicants,
        JSON.stringify(p.criteria),
        p.correctionDays,
        p.volunteerHourValue,
        p.createdBy,
      ],
    );
  }

  /** Takes the programme's next case number (1, 2, … in the order applications are registered). */
  async nextCaseNumber(m: EntityManager, programmeId: string): Promise<number> {
    const [{ case_counter }] = rowsOf<{ case_counter: number }>(
      await m.query(`UPDATE initiative_programmes SET case_counter = case_counter + 1 WHERE id = $1 RETURNING case_counter`, [programmeId]),
    );
    return case_counter;
  }

  /** The years with a programme, newest first. */
  async listYears(m: EntityManager = this.ds.manager): Promise<number[]> {
    const rows = await queryRows<{ year: number }>(m, `SELECT year FROM initiative_programmes ORDER BY year DESC`);
    return rows.map((r) => Number(r.year));
  }
}
