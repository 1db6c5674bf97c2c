import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import type { FieldLabels } from '@civitas/web';
import { V } from './booth.texts';

/**
 * The booth's identity form: the ballot API's identity fields with the API's limits (IdentityDto), as a browser sends
 * them (strings; the guardian's declaration a checkbox). The edition's policy (which fields it asks for, age, area)
 * is then checked by BallotsService.prepare, as for a ballot sent to the API.
 */
export class IdentityForm {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName: string;

  @IsUUID()
  areaId: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @Matches(/^\d{11}$/)
  pesel?: string;

  @IsOptional()
  @Matches(/^\d{4}$/)
  birthYear?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  guardianName?: string;

  @IsOptional()
  @IsIn(['yes'])
  guardianDeclaration?: string;
}

export const IDENTITY_FIELDS: FieldLabels = {
  firstName: V.firstName,
  lastName: V.lastName,
  areaId: V.areaId,
  address: V.address,
  email: V.email,
  pesel: V.pesel,
  birthYear: V.birthYear,
  guardianName: V.guardianName,
  guardianDeclaration: V.guardianDeclaration,
};

export class ReferenceForm {
  @IsString()
  @Matches(/^[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}$/)
  reference: string;
}

export class CodeForm {
  @IsString()
  @Matches(/^\s*\d{6}\s*$/)
  code: string;
}

export class ReviewForm {
  @IsOptional()
  @IsIn(['yes'])
  declaration?: string;

  @IsOptional()
  @IsIn(['yes'])
  wantsResults?: string;
}
