import { IsNotEmpty, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@civitas/users';
import { EmailField, Trim } from '../http/dto/fields';

/** The first-run set-up form: the city's name and the first administrator (create-admin's rules). */
export class SetupDto {
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  cityNamePl: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(120)
  cityNameEn?: string;

  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName: string;

  @EmailField()
  email: string;

  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

/** The request to delete one's account: an optional reason, confirmed with the password. */
export class DeletionRequestDto {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  currentPassword: string;
}

/** The hidden token of a mailed link's confirmation form. */
export class TokenFormDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  token: string;
}
