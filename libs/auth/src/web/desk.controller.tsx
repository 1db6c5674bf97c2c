import { Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DESK_AREAS, deskAreasFor, PageController, pageNotFound, WebPages, type DeskArea } from '@civitas/web';
import { coversRole } from '../access-rule';
import { AuthError } from '../auth.errors';
import type { AuthenticatedUser } from '../authenticated-user';
import { CurrentUser, Roles } from '../decorators';
import { DeskQueues, type DeskQueue } from './desk-queues';
import { DK } from './desk.texts';
import { DeskAreaView, DeskStartView, type CountedQueue } from './desk.views';
import { Clock } from '@civitas/config';

const ROLE_TEXT = { moderator: DK.roleModerator, official: DK.roleOfficial, admin: DK.roleAdmin } as const;

/**
 * The officials' desk: the start page (what waits on me, per part of the desk) and each part's index (its queues and
 * pages). Residents get the 403 page; anonymous visitors are sent to sign in.
 */
@PageController('desk')
@Roles('moderator', 'official')
export class DeskController {
  constructor(
    private readonly pages: WebPages,
    private readonly desk: DeskQueues,
    private readonly clock: Clock,
  ) {}

  private async counted(user: AuthenticatedUser, queues: readonly DeskQueue[]): Promise<CountedQueue[]> {
    const counts = await Promise.all(queues.map((q) => q.count(user)));
    return queues.flatMap((queue, i) => (counts[i] ? [{ queue, count: counts[i] }] : []));
  }

  @Get()
  async start(@CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const areas = deskAreasFor(user).filter((a) => a.id !== 'start');
    const all = await this.counted(
      user,
      this.desk.allQueues().filter((q) => areas.some((a) => a.id === q.area)),
    );
    const byArea = areas.map((a) => ({ area: a.id, rows: all.filter((r) => r.queue.area === a.id && r.count.count > 0) }));
    const roles = user.grants
      .map((g) => g.role)
      .filter((r, i, list) => list.indexOf(r) === i)
      .map((r) => ROLE_TEXT[r][page.locale])
      .join(', ');
    return this.pages.send(reply, page, <DeskStartView byArea={byArea} roles={roles} now={this.clock.now()} />);
  }

  @Get(':area')
  async area(@Param('area') area: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const meta = DESK_AREAS.find((a) => a.id === area && a.id !== 'start');
    if (!meta) throw pageNotFound();
    const id = meta.id as Exclude<DeskArea, 'start'>;
    if (!deskAreasFor(user).some((a) => a.id === id)) throw AuthError.forbidden();
    const page = this.pages.context(reply);
    const rows = await this.counted(
      user,
      this.desk.allQueues().filter((q) => q.area === id),
    );
    const links = this.desk
      .allLinks()
      .filter(
        (l) =>
          l.area === id && (l.roles.length === 0 ? coversRole(user.grants, 'admin', undefined) : l.roles.some((r) => coversRole(user.grants, r, undefined))),
      );
    return this.pages.send(reply, page, <DeskAreaView area={id} rows={rows} links={links} now={this.clock.now()} />);
  }
}
