import { ApiProperty } from '@nestjs/swagger';
import { AREA_KINDS, type AreaKind } from '../area-hierarchy';
import type { AreaEntity } from '../area.entity';

export class AreaResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: AREA_KINDS }) kind: AreaKind;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId: string | null;
  @ApiProperty() residentCount: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static of(a: AreaEntity): AreaResponse {
    return Object.assign(new AreaResponse(), {
      id: a.id,
      name: a.name,
      kind: a.kind,
      parentId: a.parentId,
      residentCount: a.residentCount,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
    });
  }
}

export class AreaListResponse {
  @ApiProperty({ type: [AreaResponse], description: 'Flat list (parentId links the hierarchy), by kind then name.' })
  items: AreaResponse[];

  static of(areas: AreaEntity[]): AreaListResponse {
    return Object.assign(new AreaListResponse(), { items: areas.map(AreaResponse.of) });
  }
}
