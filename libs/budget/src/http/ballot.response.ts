import { ApiProperty } from '@nestjs/swagger';
import type { BallotList } from '../ballot.service';

/** A project on a pool's ballot list. */
export class BallotProjectResponse {
  @ApiProperty({ type: 'integer', description: 'Its place on the list, from 1.' }) position: number;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', description: 'The project’s number in the edition.' }) number: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'integer', description: 'Total cost in grosze.' }) totalCost: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) areaId: string | null;
}

/** The ballot list of one pool, in ballot order. */
export class BallotListResponse implements BallotList {
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty() poolName: string;
  @ApiProperty({ enum: ['alphabetical', 'lottery'] }) ordering: 'alphabetical' | 'lottery';
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The lottery’s seed (order: the hex SHA-256 of "<seed>:<project number>", ascending); null for an alphabetical list.',
  })
  seed: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: () => [BallotProjectResponse] }) projects: BallotProjectResponse[];
}
