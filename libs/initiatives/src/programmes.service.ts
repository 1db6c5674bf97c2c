import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@civitas/auth';
import { FieldText, plainText } from '@civitas/common';
import { appendAudit } from '@civitas/database';
import { field, InitiativesError, InitiativesErrorCode } from './initiatives.errors';
import { ProgrammeRepository } from './programme.repository';

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
  constructor(
    private readonly ds: DataSource,
    private readonly programmesRepo: ProgrammeRepository,
  ) {}

  async get(year: number, m: EntityManager = this.ds.manager): Promise<Programme> {
    const p = await this.programmesRepo.findByYear(year, m);
    if (!p) throw InitiativesError.programmeNotFound();
    return p;
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
      const existing = await this.programmesRepo.lockByYear(m, year);
      // Compared field by field: the database returns the stored objects with their keys in its own order.
      const shape = (cs: Criterion[]) => JSON.stringify(cs.map((c) => [c.key, c.namePl, c.nameEn, c.weight, c.maxPoints, c.volunteerWork]));
      if (existing && shape(existing.criteria) !== shape(criteria)) {
        if (await this.programmesRepo.hasScoredApplication(m, existing.id)) throw InitiativesError.criteriaInUse();
      }
      await this.programmesRepo.upsert(m, {
        year,
        intake: input.intake,
        windows,
        allocation: input.allocation,
        minApplicants: input.minApplicants,
        criteria,
        correctionDays: input.correctionDays ?? 7,
        volunteerHourValue: input.volunteerHourValue,
        createdBy: user.id,
      });
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
