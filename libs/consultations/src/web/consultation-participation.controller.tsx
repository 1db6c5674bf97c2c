import { PageController } from '@civitas/web';
import { Public } from '@civitas/common';

/** The survey and the meetings of a consultation, for residents and organisations (pages to come). */
@Public()
@PageController()
export class ConsultationParticipationController {}
