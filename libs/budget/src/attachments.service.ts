import { Injectable } from '@nestjs/common';

/** Attachments of projects and scanned support lists (to be written). */
@Injectable()
export class AttachmentsService {}
