import { Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { EditionsService } from '@civitas/budget';
import { Public } from '@civitas/common';
import { PageController, WebPages } from '@civitas/web';
import { VotingError, VotingErrorCode } from '../results/results.errors';
import { ResultsService } from '../results/results.service';
import { resultsPool } from './results-page.model';
import { ResultsPendingView, ResultsView } from './results-page.view';
import { EditionPageId } from './results-params';
import { Clock } from '@civitas/config';

/**
 * The results page: the published results of `ResultsService.publishedResults` (the service refuses them before
 * publication, so the embargo holds here as on the API); before publication a page that says when they will be.
 */
@Public()
@PageController()
export class ResultsPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly results: ResultsService,
    private readonly editions: EditionsService,
    private readonly clock: Clock,
  ) {}

  @Get('budget/:editionId/results')
  async resultsPage(@Param('editionId', EditionPageId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    return this.pages.sendShared(reply, page, async () => {
      const edition = await this.editions.get(id);
      const e = { id: edition.id, name: edition.name, phases: edition.phases };
      try {
        const published = await this.results.publishedResults(id);
        return <ResultsView edition={e} publishedAt={published.publishedAt} pools={published.pools.map(resultsPool)} />;
      } catch (err) {
        if (err instanceof VotingError && err.code === VotingErrorCode.NotPublished) return <ResultsPendingView edition={e} now={this.clock.now()} />;
        throw err;
      }
    });
  }
}
