import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { baseName, plainText } from '@civitas/common';
import { ATTACHMENT_KINDS, type AttachmentKind } from '../../attachments.service';

/** The query of an upload; the file itself is the raw request body. */
export class UploadAttachmentQueryDto {
  @ApiProperty({
    example: 'mapa-lokalizacji.pdf',
    maxLength: 200,
    description: 'The file name shown on download; plain text (tags are taken out), any path dropped.',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (baseName(plainText(value)) as string) : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({
    enum: ATTACHMENT_KINDS,
    description: 'document: public with the project once submitted; support_list: a scanned list of signatures, seen only by the authors and officials.',
  })
  @IsIn(ATTACHMENT_KINDS)
  kind: AttachmentKind;
}

/** An official's count of the valid signatures on a scanned paper support list. */
export class EnterSupportListDto {
  @ApiProperty({ format: 'uuid', description: 'A support_list attachment of the project whose signatures are not counted yet.' })
  @IsUUID()
  attachmentId: string;

  @ApiProperty({ minimum: 0, maximum: 1_000_000, description: 'The valid signatures on the list.' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  signatures: number;
}
