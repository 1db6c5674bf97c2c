import { Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '@civitas/common';
import { SiteIdentityService } from '../identity/site-identity.service';
import { PageController } from '../page/page-controller';
import { WebPages } from '../page/web-pages.service';
import { HomeSections } from './home-sections';
import { HomeView } from './home.view';

@Public()
@PageController()
export class HomeController {
  constructor(
    private readonly pages: WebPages,
    private readonly sections: HomeSections,
    private readonly identity: SiteIdentityService,
  ) {}

  /** The home page; on a platform without an administrator, the way to the one-time set-up page instead. */
  @Get()
  async home(@Res() reply: FastifyReply): Promise<FastifyReply> {
    if (!(await this.identity.isSetUp())) return reply.status(303).header('cache-control', 'no-store').header('location', '/setup').send();
    const page = this.pages.context(reply);
    return this.pages.sendShared(reply, page, async () => <HomeView sections={await Promise.all(this.sections.all().map((s) => s.render(page)))} />);
  }
}
