import { Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AreasService } from '@civitas/areas';
import { EditionsService } from '@civitas/budget';
import { Public } from '@civitas/common';
import { PageController, WebPages } from '@civitas/web';
import { BallotsService } from '../ballots/ballots.service';
import { EditionPageId } from './results-params';
import { TurnoutView } from './turnout-page.view';
import { Clock } from '@civitas/config';

/**
 * The turnout page: the same figures as `GET /api/v1/editions/:id/turnout` (BallotsService.turnout), read on every
 * render, shared between anonymous visitors for HOME_CACHE_MS like the budget's other public pages.
 */
@Public()
@PageController()
export class TurnoutPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly ballots: BallotsService,
    private readonly editions: EditionsService,
    private readonly areas: AreasService,
    private readonly clock: Clock,
  ) {}

  @Get('budget/:editionId/turnout')
  async turnoutPage(@Param('editionId', EditionPageId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    return this.pages.sendShared(reply, page, async () => {
      const edition = await this.editions.get(id);
      const at = this.clock.now();
      const [turnout, areas, published] = [await this.ballots.turnout(id), await this.areas.list(), await this.editions.resultsPublishedAt(id)];
      return (
        <TurnoutView
          edition={{ id: edition.id, name: edition.name, phases: edition.phases, pools: edition.pools.map((p) => ({ id: p.id, name: p.name })) }}
          turnout={turnout}
          areaNames={new Map(areas.map((a) => [a.id, a.name]))}
          at={at}
          published={published !== null}
        />
      );
    });
  }
}
