import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { EMAIL_MAX_LENGTH } from '@civitas/users';

/** Trims and lower-cases a string (e-mail addresses); leaves other types for the validators to reject. */
export const NormaliseEmail = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

export const Trim = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** An e-mail address field: trimmed and lower-cased, then checked. */
export const EmailField = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ example: 'anna.nowak@example.pl', maxLength: EMAIL_MAX_LENGTH, description: 'Trimmed and lower-cased.' }),
    NormaliseEmail(),
    IsString(),
    MaxLength(EMAIL_MAX_LENGTH),
    IsEmail(),
  );

/** The token from a mailed link. */
export const MailedTokenField = (description: string): PropertyDecorator =>
  applyDecorators(ApiProperty({ description }), IsString(), IsNotEmpty(), MaxLength(256));
