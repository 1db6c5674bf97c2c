import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { LOCALES, type Locale } from '@civitas/common';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@civitas/users';
import { EmailField, Trim } from './fields';

export class RegisterDto {
  @EmailField()
  email: string;

  @ApiProperty({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description: `${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters, not the e-mail address.`,
  })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;

  @ApiProperty({ example: 'Anna Nowak', minLength: 1, maxLength: 100 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName: string;

  @ApiPropertyOptional({ enum: LOCALES, description: 'Language of the e-mails; from Accept-Language when omitted (Polish by default).' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}
