import { Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '@civitas/common';
import { AppConfig, Clock } from '@civitas/config';
import { AssetsService } from '../assets/assets.service';
import { isoDate } from '../i18n/format';
import { PageController } from '../page/page-controller';
import { safeNext } from '../page/safe-next';
import { WebPages } from '../page/web-pages.service';
import { AccessibilityView, PrivacyView, type AccessibilityReport } from './site-pages.view';

const REPORT = 'accessibility-report.json';

/** The pages every site has: the accessibility statement, the privacy notice, and the language switch. */
@Public()
@PageController()
export class SitePagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly assets: AssetsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Get('accessibility')
  accessibility(@Res() reply: FastifyReply): FastifyReply {
    const page = this.pages.context(reply);
    const report = this.assets.json<AccessibilityReport>(REPORT);
    const a = page.site.accessibility;
    const preparedOn = a.updated ?? (report ? isoDate(report.generatedAt) : (a.published ?? isoDate(this.clock.now())));
    return this.pages.send(
      reply,
      page,
      <AccessibilityView
        publicUrl={this.config.http.publicUrl}
        report={report}
        reportUrl={this.assets.has(REPORT) ? this.assets.url(REPORT) : null}
        preparedOn={preparedOn}
      />,
    );
  }

  @Get('privacy')
  privacy(@Res() reply: FastifyReply): FastifyReply {
    const page = this.pages.context(reply);
    return this.pages.send(reply, page, <PrivacyView />);
  }

  /** The language switch: remembers the choice in a cookie and goes back to the page (a path on this site only). */
  @Get('language/:lang')
  language(@Param('lang') lang: string, @Query('next') next: unknown, @Res() reply: FastifyReply): FastifyReply {
    if (lang !== 'pl' && lang !== 'en') throw new NotFoundException();
    this.pages.setLanguage(reply, lang);
    return this.pages.redirect(reply, safeNext(next));
  }
}
