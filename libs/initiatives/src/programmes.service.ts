import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@civitas/auth';
import { FieldText, plainText } from '@civitas/common';
import { appendAudit } from '@civitas/database';
import { COMMITTED_STATUSES } from './initiative-status';
import { field, InitiativesError, InitiativesErrorCode } from './initiatives.errors';

export interface Criterion {
  key: string;
  namePl: string;
  nameEn: string;
  /** Weight in the weighted average (any positive number; only the proportions matter). */
  weight: number;
  maxPoints: number;
  /** The criterion of residents' volunteer work, which the statute requires (art. 19e u.d.p.p.). */
  volunteerWork: boolean;
}

export interface ProgrammeInput {
  intake: 'continuous' | 'windows';
  windows?: Array<{ opensOn: string; closesOn: string }>;
  allocation: number;
  minApplicants: number;
  criteria: Criterion[];
  correctionDays?: number;
  volunteerHourValue: number;
}

export interface Programme extends Required<ProgrammeInput> {
  id: string;
  year: number;
  /** The allocation not yet promised to approved applications (grosze). */
  remaining: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The yearly programme of local initiatives (the council's resolution): intake all year or in windows, the
 * allocation in grosze, the minimum number of resident applicants, the hourly valuation of volunteer work and the
 * evaluation criteria with weights and maximum points — volunteer work must be one of them.
 */
@Injectable()
export class ProgrammesService {
  constructor(private readonly ds: DataSource) {}

  async get(year: number, m: EntityManager = this.ds.manager): Promise<Programme> {
    const [p] = (await m.query(
      `SELECT p.*, p.allocation - coalesce((SELECT sum(i.city_share_total) FROM initiatives i WHERE i.programme_id = p.id AND i.status = ANY($2::text[])), 0) AS remaining
         FROM initiative_programmes p WHERE p.year = $1`,
      [year, COMMITTED_STATUSES],
    )) as Array<Record<string, unknown>>;
    if (!p) throw InitiativesError.programmeNotFound();
    return {
      id: p.id as string,
      year: p.year as number,
      intake: p.intake as Programme['intake'],
      windows: p.windows as Programme['windows'],
      allocation: Number(p.allocation),
      minApplicants: p.min_applicants as number,
      criteria: p.criteria as Criterion[],
      correctionDays: p.correction_days as number,
      volunteerHourValue: Number(p.volunteer_hour_value),
      remaining: Number(p.remaining),
    };
  }

  /** Creates or replaces a year's programme; its criteria are fixed once an application has been scored. */
  async put(user: AuthenticatedUser, year: number, input: ProgrammeInput): Promise<Programme> {
    const problems: FieldText[] = [];
    const bad = (f: string, pl: string, en: string) => problems.push(field(f, InitiativesErrorCode.InvalidProgramme, { pl, en }));
    const keys = new Set<string>();
    const criteria = input.criteria.map((c, i) => {
      const key = c.key.trim().toLowerCase();
      if (keys.has(key)) bad(`criteria.${i}.key`, 'Klucze kryteriów powtarzają się.', 'Criterion keys repeat.');
      keys.add(key);
      const namePl = plainText(c.namePl);
      const nameEn = plainText(c.nameEn);
      if (!namePl || !nameEn) bad(`criteria.${i}.namePl`, 'Podaj nazwę kryterium po polsku i po angielsku.', 'Name the criterion in Polish and English.');
      return { key, namePl, nameEn, weight: c.weight, maxPoints: c.maxPoints, volunteerWork: c.volunteerWork };
    });
    if (criteria.filter((c) => c.volunteerWork).length !== 1)
      bad(
        'criteria',
        'Jednym (i tylko jednym) z kryteriów oceny musi być wkład pracy społecznej mieszkańców (art. 19e ustawy o działalności pożytku publicznego i o wolontariacie).',
        "Exactly one of the criteria must be the residents' volunteer work (art. 19e of the act on public benefit activity and volunteering).",
      );
    const windows = input.intake === 'windows' ? (input.windows ?? []) : [];
    if (input.intake === 'windows' && windows.length === 0) bad('windows', 'Podaj co najmniej jeden nabór.', 'Give at least one intake window.');
    windows.forEach((w, i) => {
      if (!DATE.test(w.opensOn) || !DATE.test(w.closesOn) || w.closesOn < w.opensOn)
        bad(`windows.${i}`, 'Nabór: daty RRRR-MM-DD, koniec nie przed początkiem.', 'A window: dates YYYY-MM-DD, closing not before opening.');
      else if (!w.opensOn.startsWith(`${year}-`) || !w.closesOn.startsWith(`${year}-`))
        bad(`windows.${i}`, `Nabór musi przypadać w roku ${year}.`, `A window must fall within ${year}.`);
    });
    if (problems.length) throw InitiativesError.invalidProgramme(problems);
    await this.ds.transaction(async (m) => {
      const [existing] = (await m.query(`SELECT id, criteria FROM initiative_programmes WHERE year = $1 FOR UPDATE`, [year])) as Array<{
        id: string;
        criteria: Criterion[];
      }>;
      // Compared field by field: the database returns the stored objects with their keys in its own order.
      const shape = (cs: Criterion[]) => JSON.stringify(cs.map((c) => [c.key, c.namePl, c.nameEn, c.weight, c.maxPoints, c.volunteerWork]));
      if (existing && shape(existing.criteria) !== shape(criteria)) {
        const scored = (await m.query(`SELECT 1 FROM initiative_evaluations e JOIN initiatives i ON i.id = e.initiative_id WHERE i.programme_id = $1 LIMIT 1`, [
          existing.id,
        ])) as unknown[];
        if (scored.length) throw InitiativesError.criteriaInUse();
      }
      const values = [
        year,
        input.intake,
        JSON.stringify(windows),
        input.allocation,
        input.minApplicants,
        JSON.stringify(criteria),
        input.correctionDays ?? 7,
        input.volunteerHourValue,
        user.id,
      ];
      await m.query(
        `INSERT INTO initiative_programmes (year, intake, windows, allocation, min_applicants, criteria, correction_days, volunteer_hour_value, created_by)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6::jsonb, $7, $8, $9)
         ON CONFLICT (year) DO UPDATE SET intake = EXCLUDED.intake, windows = EXCLUDED.windows, allocation = EXCLUDED.allocation,
           min_applicants = EXCLUDED.min_applicants, criteria = EXCLUDED.criteria, correction_days = EXCLUDED.correction_days,
           volunteer_hour_value = EXCLUDED.volunteer_hour_value, updated_at = now()`,
        values,
      );
      await appendAudit(m, {
        actorId: user.id,
        action: 'initiatives.programme_set',
        subjectType: 'initiative_programme',
        subjectId: String(year),
        details: { allocation: input.allocation },
      });
    });
    return this.get(year);
  }

  /** Whether applications are taken on `day` (YYYY-MM-DD, the city's calendar). */
  intakeOpen(p: Programme, day: string): boolean {
    if (!day.startsWith(`${p.year}-`)) return false;
    return p.intake === 'continuous' || p.windows.some((w) => w.opensOn <= day && day <= w.closesOn);
  }
}
