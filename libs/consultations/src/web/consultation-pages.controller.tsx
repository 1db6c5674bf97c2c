import { PageController } from '@civitas/web';
import { Public } from '@civitas/common';

/** The consultations' public pages: the list, a consultation, its document with the comments. */
@Public()
@PageController()
export class ConsultationPagesController {}
