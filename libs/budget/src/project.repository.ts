import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne } from '@civitas/database';
import type { EditionRules } from './edition-rules';

/** A project locked for the rest of a transaction, with what the acts on it decide by. */
export interface LockedProject {
  id: string;
  editionId: string;
  editionName: string;
  editionStatus: 'draft' | 'published';
  rules: EditionRules;
  poolId: string;
  areaId: string | null;
  status: string;
  title: string;
  createdBy: string;
  correctionDeadline: Date | null;
  appealDeadline: Date | null;
}

interface LockedProjectRow {
  id: string;
  edition_id: string;
  edition_name: string;
  edition_status: 'draft' | 'published';
  rules: EditionRules;
  pool_id: string;
  area_id: string | null;
  status: string;
  title: string;
  created_by: string;
  correction_deadline: Date | null;
  appeal_deadline: Date | null;
}

const lockedOf = (r: LockedProjectRow): LockedProject => ({
  id: r.id,
  editionId: r.edition_id,
  editionName: r.edition_name,
  editionStatus: r.edition_status,
  rules: r.rules,
  poolId: r.pool_id,
  areaId: r.area_id,
  status: r.status,
  title: r.title,
  createdBy: r.created_by,
  correctionDeadline: r.correction_deadline,
  appealDeadline: r.appeal_deadline,
});

/**
 * The SQL of `budget_projects` and the tables that belong to a project (its cost items, authors, history,
 * endorsements), as named methods with typed rows. Methods that change data take the transaction's EntityManager;
 * reads take one optionally (the embedded database lends its one session to one transaction at a time).
 */
@Injectable()
export class ProjectRepository {
  constructor(private readonly ds: DataSource) {}

  /** The project row locked for the rest of the transaction (concurrent acts on it wait), with its edition; undefined when there is none. */
  async lockForUpdate(m: EntityManager, id: string): Promise<LockedProject | undefined> {
    const r = await queryOne<LockedProjectRow>(
      m,
      `SELECT p.id, p.edition_id, e.name AS edition_name, e.status AS edition_status, e.rules, p.pool_id, p.area_id, p.status, p.title,
              p.created_by, p.correction_deadline, p.appeal_deadline
         FROM budget_projects p JOIN budget_editions e ON e.id = p.edition_id WHERE p.id = $1 FOR UPDATE OF p`,
      [id],
    );
    return r && lockedOf(r);
  }
}
