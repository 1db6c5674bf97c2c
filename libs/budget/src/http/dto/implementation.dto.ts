import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { baseName, plainText } from '@civitas/common';
import {
  IMPLEMENTATION_STATUSES,
  IMPLEMENTATION_TEXT_MAX,
  IMPLEMENTATION_UPDATE_STATUSES,
  PHOTO_MEDIA_TYPES,
  type ImplementationList,
  type ImplementationListItem,
  type ImplementationPhotoView,
  type ImplementationStatus,
  type ImplementationTimeline,
  type ImplementationUpdateStatus,
  type ImplementationUpdateView,
  type PhotoMediaType,
} from '../../implementation.service';
import { OptionalNotNull, PlainText } from './budget.dto';

/** A progress update of a selected project, posted by an official of its area. */
export class ImplementationUpdateDto {
  @ApiProperty({
    enum: IMPLEMENTATION_UPDATE_STATUSES,
    description: 'implementing: progress (repeatable); implemented and abandoned end the implementation (final).',
  })
  @IsIn(IMPLEMENTATION_UPDATE_STATUSES)
  status: ImplementationUpdateStatus;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    description:
      'Percentage done, never below the previous update’s; 100 when implemented. Left out: 100 when implemented, else the previous value (0 at first).',
  })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100)
  percent?: number;

  @ApiProperty({ maxLength: IMPLEMENTATION_TEXT_MAX, description: 'What happened; public (plain text: tags are taken out).' })
  @PlainText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(IMPLEMENTATION_TEXT_MAX)
  note: string;

  @ApiPropertyOptional({
    maxLength: IMPLEMENTATION_TEXT_MAX,
    description: 'Why the implementation is abandoned: required with status abandoned, refused otherwise (plain text).',
  })
  @IsOptional()
  @PlainText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(IMPLEMENTATION_TEXT_MAX)
  reason?: string | null;

  @ApiProperty({ example: '2027-06-12', description: 'The day the update describes (YYYY-MM-DD): not in the future, not before the previous update’s.' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'happenedOn must be a day as YYYY-MM-DD' })
  happenedOn: string;
}

/** The query of a photo upload; the image itself is the raw request body. */
export class UploadPhotoQueryDto {
  @ApiProperty({ example: 'plac-zabaw-czerwiec.jpg', maxLength: 200, description: 'The file name shown on download; plain text, any path dropped.' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (baseName(plainText(value)) as string) : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}

export class ImplementationListQuery {
  @ApiPropertyOptional({ enum: IMPLEMENTATION_STATUSES, description: 'planned: selected, no update yet.' })
  @IsOptional()
  @IsIn(IMPLEMENTATION_STATUSES)
  status?: ImplementationStatus;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') pool?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Projects in this area or inside it.' }) @IsOptional() @IsUUID('all') area?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') category?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) page?: number;
  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize?: number;
}

export class ImplementationPhotoResponse implements ImplementationPhotoView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) updateId: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: PHOTO_MEDIA_TYPES }) mediaType: PhotoMediaType;
  @ApiProperty({ description: 'Bytes.' }) size: number;
  @ApiProperty({ description: 'SHA-256 of the content (hex); the download’s ETag.' }) sha256: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export class ImplementationUpdateResponse implements ImplementationUpdateView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ enum: IMPLEMENTATION_UPDATE_STATUSES }) status: ImplementationUpdateStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) percent: number;
  @ApiProperty() note: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was abandoned.' }) reason: string | null;
  @ApiProperty({ example: '2027-06-12' }) happenedOn: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: [ImplementationPhotoResponse], description: 'Oldest first.' }) photos: ImplementationPhotoView[];
}

export class ImplementationTimelineResponse implements ImplementationTimeline {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: IMPLEMENTATION_STATUSES, description: 'The latest update’s status; planned before the first.' }) status: ImplementationStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) percent: number;
  @ApiProperty({ type: String, nullable: true, example: '2027-06-12' }) happenedOn: string | null;
  @ApiProperty({ type: [ImplementationUpdateResponse], description: 'Newest first.' }) updates: ImplementationUpdateView[];
}

export class ImplementationListItemResponse implements ImplementationListItem {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ type: Number, nullable: true }) number: number | null;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) areaId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) categoryId: string | null;
  @ApiProperty({ description: 'Grosze.' }) totalCost: number;
  @ApiProperty({ enum: IMPLEMENTATION_STATUSES }) status: ImplementationStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) percent: number;
  @ApiProperty({ type: String, nullable: true, example: '2027-06-12' }) happenedOn: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt: Date | null;
  @ApiProperty() updates: number;
  @ApiProperty() photos: number;
}

export class ImplementationCountsResponse {
  @ApiProperty() planned: number;
  @ApiProperty() implementing: number;
  @ApiProperty() implemented: number;
  @ApiProperty() abandoned: number;
}

export class ImplementationListResponse implements ImplementationList {
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty({ type: [ImplementationListItemResponse], description: 'By project number.' }) items: ImplementationListItem[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: ImplementationCountsResponse, description: 'Selected projects per state under the pool, area and category filters.' })
  counts: Record<ImplementationStatus, number>;
}
