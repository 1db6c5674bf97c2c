import { Injectable } from '@nestjs/common';

/** The agreement drawn from an approved application, its signature, the carrying out and the final report. */
@Injectable()
export class AgreementService {}
