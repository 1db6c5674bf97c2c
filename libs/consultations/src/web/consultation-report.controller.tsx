import { PageController } from '@civitas/web';
import { Public } from '@civitas/common';

/** The published report of a consultation (pages to come). */
@Public()
@PageController()
export class ConsultationReportPagesController {}
