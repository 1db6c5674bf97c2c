import { Injectable } from '@nestjs/common';
import { areaTree, queryRows } from '@civitas/database';
import { DataSource, EntityManager } from 'typeorm';
import { AreaEntity } from './area.entity';
import type { AreaKind } from './area-hierarchy';

export interface AreaFields {
  name: string;
  kind: AreaKind;
  parentId: string | null;
  residentCount: number;
}

/** Named queries over `areas`. Inside a transaction pass its EntityManager. */
@Injectable()
export class AreaRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(m?: EntityManager) {
    return (m ?? this.dataSource.manager).getRepository(AreaEntity);
  }

  findById(id: string, m?: EntityManager): Promise<AreaEntity | null> {
    return this.repo(m).findOne({ where: { id } });
  }

  lockById(m: EntityManager, id: string): Promise<AreaEntity | null> {
    return this.repo(m).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  list(filter: { parentId?: string }): Promise<AreaEntity[]> {
    return this.repo().find({ where: filter.parentId ? { parentId: filter.parentId } : {} });
  }

  async insert(m: EntityManager, fields: AreaFields): Promise<AreaEntity> {
    const saved = await this.repo(m).insert(fields);
    const id = (saved.identifiers[0] as { id: string }).id;
    return (await this.findById(id, m))!;
  }

  async update(m: EntityManager, id: string, fields: AreaFields): Promise<AreaEntity> {
    await this.repo(m).update({ id }, fields);
    return (await this.findById(id, m))!;
  }

  /** The area's id followed by its ancestors' ids (empty when there is no such area). */
  async lineage(m: EntityManager, id: string): Promise<string[]> {
    return areaTree.lineage(m, id);
  }

  async childKinds(m: EntityManager, id: string): Promise<AreaKind[]> {
    const rows = await queryRows<{ kind: AreaKind }>(m, `SELECT DISTINCT kind FROM areas WHERE parent_id = $1`, [id]);
    return rows.map((r) => r.kind);
  }
}
