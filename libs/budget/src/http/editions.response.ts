import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CRITERIA, OPTIONAL_FIELDS, type Criterion, type EditionRules, type ProjectField } from '../edition-rules';
import type { Edition, Pool } from '../editions.service';
import { PHASES, type Phase, type PhaseWindow } from '../phases';
import { ProjectSummaryResponse } from './projects.response';

/** The rules of the council's resolution for an edition. */
export class EditionRulesResponse implements EditionRules {
  @ApiProperty({ type: 'integer', description: 'Authors per project, the main author included.' }) maxAuthors: number;
  @ApiProperty({ enum: OPTIONAL_FIELDS, isArray: true, description: 'Fields that must be filled in before a project can be submitted.' })
  requiredFields: ProjectField[];
  @ApiProperty({ enum: CRITERIA, isArray: true, description: 'The criteria every review records a verdict on.' }) criteria: Criterion[];
  @ApiProperty({ type: 'integer', description: 'Days an author has to correct a project when asked.' }) correctionDays: number;
  @ApiProperty({ type: 'integer', description: 'Days an author has to appeal a rejection.' }) appealDays: number;
  @ApiProperty({ description: 'Online endorsements by signed-in residents count towards the support list.' }) onlineEndorsements: boolean;
}

/** One phase of the schedule (start inclusive, end exclusive). */
export class PhaseWindowResponse implements PhaseWindow {
  @ApiProperty({ enum: PHASES }) phase: Phase;
  @ApiProperty({ type: String, format: 'date-time' }) startsAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) endsAt: Date;
}

export class CategoryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() namePl: string;
  @ApiProperty() nameEn: string;
}

/** A pool: its amount and per-project cost limits (grosze), and the signatures a project needs. */
export class PoolResponse implements Pool {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: the whole city.' }) areaId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) categoryId: string | null;
  @ApiProperty({ type: 'integer', description: 'Grosze.' }) amount: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Grosze.' }) minCost: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Grosze.' }) maxCost: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Basis points of the pool’s amount (10000 = 100 %).' }) minCostBp: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Basis points of the pool’s amount (10000 = 100 %).' }) maxCostBp: number | null;
  @ApiProperty({ type: 'integer' }) signaturesRequired: number;
  @ApiProperty({ type: 'integer', description: 'The statutory cap on signatures: floor(0.1 % × residents of the pool’s area).' }) signatureCap: number;
}

/** An edition: schedule of phases, rules, categories and pools. */
export class EditionResponse implements Edition {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ enum: ['draft', 'published'] }) status: 'draft' | 'published';
  @ApiProperty({ type: () => EditionRulesResponse }) rules: EditionRulesResponse;
  @ApiProperty({ enum: ['alphabetical', 'lottery'] }) ballotOrder: 'alphabetical' | 'lottery';
  @ApiProperty({ type: () => [PhaseWindowResponse] }) phases: PhaseWindowResponse[];
  @ApiProperty({ enum: PHASES, type: String, nullable: true, description: 'The phase under way now (by the schedule); null between or outside phases.' })
  currentPhase: Phase | null;
  @ApiProperty({ type: () => [CategoryResponse] }) categories: CategoryResponse[];
  @ApiProperty({ type: () => [PoolResponse] }) pools: PoolResponse[];
}

/** An edition in a list, with the phase under way. */
export class EditionListItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ enum: ['draft', 'published'] }) status: string;
  @ApiProperty({ enum: PHASES, type: String, nullable: true, description: 'null between or outside phases.' }) currentPhase: Phase | null;
}

/** A page of an edition's public projects. */
export class ProjectPageResponse {
  @ApiProperty({ type: () => [ProjectSummaryResponse] }) items: ProjectSummaryResponse[];
  @ApiProperty({ type: 'integer', description: 'Projects matching the filters in all.' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
  @ApiPropertyOptional({ description: 'With sort=random only: the shuffle’s seed, to send again for the next pages (the same seed, the same order).' })
  seed?: string;
}
