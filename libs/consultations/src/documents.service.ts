import { Injectable } from '@nestjs/common';

/** The document of a consultation: numbered sections kept in versions. */
@Injectable()
export class DocumentsService {}
