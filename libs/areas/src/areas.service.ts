import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Text } from '@civitas/common';
import { isUniqueViolation } from '@civitas/database';
import { AreaEntity } from './area.entity';
import { AreaFields, AreaRepository } from './area.repository';
import { AreaKind, checkPlacement, childrenBlockingKind, compareAreas, PlacementProblem, wouldCycle } from './area-hierarchy';
import { AreasError } from './areas.errors';

export interface CreateArea {
  name: string;
  kind: AreaKind;
  parentId?: string | null;
  residentCount?: number;
}

/** A partial change; parentId null moves the area to the top (only a city may be there). */
export type UpdateArea = Partial<CreateArea>;

const PLACEMENT_TEXT: Record<PlacementProblem | 'unknown_parent' | 'cycle' | 'children_not_allowed', Text> = {
  [PlacementProblem.CityHasParent]: { pl: 'Miasto nie może mieć obszaru nadrzędnego.', en: 'A city cannot have a parent area.' },
  [PlacementProblem.ParentRequired]: {
    pl: 'Dzielnica i osiedle muszą mieć obszar nadrzędny.',
    en: 'A district or neighbourhood needs a parent area.',
  },
  [PlacementProblem.ParentKindNotAllowed]: {
    pl: 'Dzielnica może należeć tylko do miasta, a osiedle do dzielnicy lub miasta.',
    en: 'A district may only be under a city, and a neighbourhood under a district or a city.',
  },
  unknown_parent: { pl: 'Nie ma takiego obszaru nadrzędnego.', en: 'There is no such parent area.' },
  cycle: { pl: 'Obszar nie może należeć do samego siebie ani do swojego podobszaru.', en: 'An area cannot be placed under itself or one of its sub-areas.' },
  children_not_allowed: {
    pl: 'Obszary podrzędne tego obszaru nie mogą należeć do obszaru tego rodzaju.',
    en: 'The sub-areas of this area cannot sit under an area of this kind.',
  },
};

function placementError(field: 'parentId' | 'kind', code: keyof typeof PLACEMENT_TEXT): AreasError {
  return AreasError.invalidPlacement([{ field, code, text: PLACEMENT_TEXT[code] }]);
}

@Injectable()
export class AreasService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly areas: AreaRepository,
  ) {}

  /** Every area (or the children of one), ordered by kind and then by name. */
  async list(filter: { parentId?: string } = {}): Promise<AreaEntity[]> {
    return (await this.areas.list(filter)).sort(compareAreas);
  }

  async get(id: string): Promise<AreaEntity> {
    const area = await this.areas.findById(id);
    if (!area) throw AreasError.notFound();
    return area;
  }

  async create(input: CreateArea): Promise<AreaEntity> {
    const fields: AreaFields = {
      name: input.name.trim(),
      kind: input.kind,
      parentId: input.parentId ?? null,
      residentCount: input.residentCount ?? 0,
    };
    return this.mapConflict(() =>
      this.dataSource.transaction(async (m) => {
        await this.checkPlacement(m, fields);
        return this.areas.insert(m, fields);
      }),
    );
  }

  async update(id: string, change: UpdateArea): Promise<AreaEntity> {
    return this.mapConflict(() =>
      this.dataSource.transaction(async (m) => {
        const area = await this.areas.lockById(m, id);
        if (!area) throw AreasError.notFound();
        const next: AreaFields = {
          name: change.name !== undefined ? change.name.trim() : area.name,
          kind: change.kind ?? area.kind,
          parentId: change.parentId !== undefined ? change.parentId : area.parentId,
          residentCount: change.residentCount ?? area.residentCount,
        };
        if (next.parentId !== area.parentId || next.kind !== area.kind) {
          await this.checkPlacement(m, next, id);
          if (next.kind !== area.kind && childrenBlockingKind(next.kind, await this.areas.childKinds(m, id)).length > 0) {
            throw placementError('kind', 'children_not_allowed');
          }
        }
        return this.areas.update(m, id, next);
      }),
    );
  }

  private async checkPlacement(m: EntityManager, fields: AreaFields, areaId?: string): Promise<void> {
    let parentKind: AreaKind | null = null;
    if (fields.parentId) {
      const parent = await this.areas.findById(fields.parentId, m);
      if (!parent) throw placementError('parentId', 'unknown_parent');
      if (areaId && wouldCycle(areaId, await this.areas.lineage(m, fields.parentId))) throw placementError('parentId', 'cycle');
      parentKind = parent.kind;
    }
    const problem = checkPlacement(fields.kind, parentKind);
    if (problem) throw placementError('parentId', problem);
  }

  /** A name taken under the same parent reaches the unique index under concurrency too: 409, never 500. */
  private async mapConflict<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (isUniqueViolation(err)) throw AreasError.nameTaken();
      throw err;
    }
  }
}
