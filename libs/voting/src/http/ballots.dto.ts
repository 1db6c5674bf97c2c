import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  IsArray,
  IsBoolean,
  IsDefined,
  IsDateString,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { VOTE_TYPES, type PoolSpec, type VoteType } from '../ballots/ballot-spec';
import { METHODS, type Method } from '../ballots/voting-config.service';
import type { InvalidSheet } from '../ballots/paper-ballots.service';

export class VotingPolicyDto {
  @ApiPropertyOptional({ enum: METHODS, isArray: true, default: ['email_code'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn(METHODS, { each: true })
  methods?: Method[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  minAge?: number;

  @ApiPropertyOptional({ description: 'Below this age a guardian declaration is required.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  guardianBelowAge?: number;

  @ApiPropertyOptional({ enum: ['first_counts', 'void_all'], default: 'first_counts' })
  @IsOptional()
  @IsIn(['first_counts', 'void_all'])
  duplicatePolicy?: 'first_counts' | 'void_all';

  @ApiPropertyOptional({ default: 1, description: 'Area pools one voter may vote in (city-wide pools aside).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  maxAreaPools?: number;

  @ApiPropertyOptional({ default: 'greedy', description: 'A rule of the tally engine.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  rule?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  ruleOptions?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Identity data is erased after this date (YYYY-MM-DD).' })
  @IsOptional()
  @IsDateString({ strict: true })
  retainIdentitiesUntil?: string;
}

export class PoolSpecDto {
  @ApiProperty({ enum: VOTE_TYPES })
  @IsIn(VOTE_TYPES)
  voteType: VoteType;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  minLength?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  maxLength?: number;

  @ApiPropertyOptional({ description: 'approval: ceiling on the total cost of the chosen projects (grosze).', maximum: Number.MAX_SAFE_INTEGER })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  maxSumCost?: number;

  @ApiPropertyOptional({ description: 'cumulative: points to distribute.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  pointsTotal?: number;

  @ApiPropertyOptional({ description: 'cumulative: maximum points for one project.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  maxPointsPerProject?: number;

  @ApiPropertyOptional({ description: 'ordinal: exactly maxLength ranked (true) or at most (false).' })
  @IsOptional()
  @IsBoolean()
  exactLength?: boolean;
}

export class GuardianDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ description: 'The guardian declares consent: must be true.' })
  @Equals(true)
  declaration: boolean;
}

export class IdentityDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName: string;

  @ApiProperty({ description: 'The area the voter declares to live in.' })
  @IsUUID()
  areaId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'When the policy asks for it (11 digits).' })
  @IsOptional()
  @Matches(/^\d{11}$/)
  pesel?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(2200)
  birthYear?: number;

  @ApiPropertyOptional({ type: GuardianDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GuardianDto)
  guardian?: GuardianDto;
}

export class PointsDto {
  @ApiProperty()
  @IsUUID()
  projectId: string;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(1000)
  points: number;
}

export class ChoiceDto {
  @ApiProperty()
  @IsUUID()
  poolId: string;

  @ApiPropertyOptional({ description: 'approval / choose-1 / ordinal (in rank order, first choice first).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  projectIds?: string[];

  @ApiPropertyOptional({ type: [PointsDto], description: 'cumulative.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PointsDto)
  points?: PointsDto[];
}

export class BallotDto {
  @ApiProperty({ type: IdentityDto })
  @IsObject()
  @ValidateNested()
  @Type(() => IdentityDto)
  identity: IdentityDto;

  @ApiProperty({ type: [ChoiceDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ChoiceDto)
  choices: ChoiceDto[];

  @ApiPropertyOptional({ description: 'Mail me the results when they are published.' })
  @IsOptional()
  @IsBoolean()
  wantsResults?: boolean;

  @ApiPropertyOptional({ enum: ['pl', 'en'] })
  @IsOptional()
  @IsIn(['pl', 'en'])
  locale?: 'pl' | 'en';
}

/** Whether a sheet is invalid, and why (a paper ballot exists and is counted as invalid; it is never refused). */
export const INVALID_SHEET: readonly InvalidSheet[] = ['content', 'unsigned', 'illegible'];

/** Identity and choices are needed unless the sheet is unsigned or illegible (then nothing on it is read). */
const readable = (o: PaperBallotDto) => o.invalid === undefined || o.invalid === 'content';

export class PaperBallotDto {
  @ApiProperty({ description: 'The number printed on the paper sheet.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  sheet: string;

  @ApiPropertyOptional({
    enum: INVALID_SHEET,
    description:
      'The sheet is an invalid vote: content — filled against the rules (keyed as read; the server must find the fault), unsigned — no declaration or signature, illegible. Stored as a void paper ballot, counted in turnout as invalid.',
  })
  @IsOptional()
  @IsIn(INVALID_SHEET)
  invalid?: InvalidSheet;

  @ApiPropertyOptional({ type: IdentityDto, description: 'Required unless the sheet is unsigned or illegible.' })
  @ValidateIf(readable)
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => IdentityDto)
  identity?: IdentityDto;

  @ApiPropertyOptional({ type: [ChoiceDto], description: 'Required unless the sheet is unsigned or illegible.' })
  @ValidateIf(readable)
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ChoiceDto)
  choices?: ChoiceDto[];

  @ApiPropertyOptional({ description: 'The voter asked on the sheet to be mailed the results.' })
  @IsOptional()
  @IsBoolean()
  wantsResults?: boolean;

  @ApiPropertyOptional({ enum: ['pl', 'en'] })
  @IsOptional()
  @IsIn(['pl', 'en'])
  locale?: 'pl' | 'en';
}

export class ConfirmDto {
  @ApiProperty({ description: 'The 6-digit code from the mail.' })
  @Matches(/^\s*\d{6}\s*$/)
  code: string;
}

export class SheetsQuery {
  @ApiPropertyOptional({ enum: ['keyed_once', 'matched', 'mismatch', 'resolved', 'rejected'] })
  @IsOptional()
  @IsIn(['keyed_once', 'matched', 'mismatch', 'resolved', 'rejected'])
  status?: 'keyed_once' | 'matched' | 'mismatch' | 'resolved' | 'rejected';
}

/** The ballot spec a `PoolSpecDto` asks for, with the defaults of a field left out (the API's and the desk's). */
export function specOf(b: PoolSpecDto): PoolSpec {
  return {
    voteType: b.voteType,
    minLength: b.minLength ?? (b.voteType === 'ordinal' && b.exactLength && b.maxLength ? b.maxLength : 1),
    maxLength: b.maxLength ?? (b.voteType === 'choose-1' ? 1 : null),
    maxSumCost: b.maxSumCost ?? null,
    pointsTotal: b.pointsTotal ?? null,
    maxPointsPerProject: b.maxPointsPerProject ?? null,
    exactLength: b.exactLength ?? false,
  };
}
