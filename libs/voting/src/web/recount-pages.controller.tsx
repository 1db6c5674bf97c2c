import { Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { EditionsService } from '@civitas/budget';
import { Public } from '@civitas/common';
import { RULES } from '@civitas/tally';
import { AssetsService, PageController, WebPages, type PageContext } from '@civitas/web';
import { VotingError } from '../results/results.errors';
import { ResultsService } from '../results/results.service';
import { EditionRecountView, FileRecountView, type RecountPool, type RecountScript } from './recount-pages.view';

const EditionId = new ParseUUIDPipe({ exceptionFactory: () => VotingError.editionNotFound() });

/**
 * The recount in the browser: an edition's published results recounted from its results.pb files by the tally engine
 * running on the visitor's machine (libs/web/assets/js/recount.mjs, the engine bundled as the asset tally.js), and any
 * `.pb` file the visitor chooses. Before publication the edition's page says only that the recount comes with the
 * results: it reads nothing that carries a count.
 */
@Public()
@PageController()
export class RecountPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly editions: EditionsService,
    private readonly results: ResultsService,
    private readonly assets: AssetsService,
  ) {}

  /** The recount module on this page, and the address of its worker. */
  private script(page: PageContext): RecountScript {
    page.assets.js.push(this.assets.url('recount.js'));
    return { workerUrl: this.assets.url('recount-worker.js') };
  }

  @Get('budget/:editionId/results/recount')
  async editionPage(@Param('editionId', EditionId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    return this.pages.sendShared(reply, page, async () => {
      const edition = await this.editions.get(id);
      if ((await this.editions.resultsPublishedAt(id)) === null) {
        return <EditionRecountView edition={edition} pools={null} script={{ workerUrl: '' }} />;
      }
      return <EditionRecountView edition={edition} pools={await this.publishedPools(id)} script={this.script(page)} />;
    });
  }

  @Get('recount')
  async filePage(@Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    return this.pages.sendShared(reply, page, async () => <FileRecountView rules={RULES} script={this.script(page)} />);
  }

  /** The pools of the published results, each with the input hash the city recorded for the published tally. */
  private async publishedPools(editionId: string): Promise<RecountPool[]> {
    const published = await this.results.publishedResults(editionId);
    return published.pools.map((p) => ({
      poolId: p.poolId,
      name: p.name,
      budget: p.budget,
      validBallots: p.ballots.valid,
      inputsSha256: p.inputsSha256,
    }));
  }
}
