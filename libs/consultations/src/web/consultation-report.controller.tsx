import { Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '@civitas/common';
import { PageController, WebPages } from '@civitas/web';
import { ConsultationsService } from '../consultations.service';
import { ConsultationId } from '../http/params';
import { ReportService } from '../report.service';
import { SurveyService } from '../survey.service';
import { consultationFacts } from './consultation-frame.view';
import { ReportPendingView, ReportView } from './report-pages.view';

/**
 * The published report of a consultation (`ReportService.published`: the same report as the API's JSON and CSV);
 * before publication a page that says what it waits for; a draft is 404.
 */
@Public()
@PageController()
export class ConsultationReportPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly consultations: ConsultationsService,
    private readonly survey: SurveyService,
    private readonly report: ReportService,
  ) {}

  @Get('consultations/:id/report')
  async reportPage(@Param('id', ConsultationId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    return this.pages.sendShared(reply, page, async () => {
      const facts = await consultationFacts(this.consultations, this.survey, id);
      if (facts.c.status !== 'report_published') return <ReportPendingView facts={facts} />;
      return <ReportView facts={facts} report={await this.report.published(id)} />;
    });
  }
}
