import { Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Roles } from '@civitas/auth';
import { QueueStateService } from '@civitas/queue';
import { PageController, pageNotFound, QUEUE_PAGE_SIZE, queueHref, queuePageExists, queuePageNumber, textWith, WebPages } from '@civitas/web';
import { DELIVERY_STATUSES, DeliveriesAdminService, type DeliveryStatus } from '../deliveries-admin.service';
import { NotificationsError } from '../notifications.errors';
import { OD } from './ops-desk.texts';
import { DeliveriesView, JobsView } from './ops-desk.views';

const DeliveryId = new ParseUUIDPipe({ exceptionFactory: () => NotificationsError.deliveryNotFound() });

/**
 * Mail deliveries for officials (failed ones retried one by one or all at once, through DeliveriesAdminService as
 * the API's `POST /api/v1/admin/deliveries/…/retry`), and the job queues' state for administrators (read only).
 */
@PageController('desk/admin')
export class OpsDeskController {
  constructor(
    private readonly pages: WebPages,
    private readonly deliveries: DeliveriesAdminService,
    private readonly queues: QueueStateService,
  ) {}

  @Get('deliveries')
  @Roles('official')
  async list(@Query('status') rawStatus: unknown, @Query('page') rawPage: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = queuePageNumber(rawPage);
    if (page === null) throw pageNotFound();
    const status = typeof rawStatus === 'string' && (DELIVERY_STATUSES as readonly string[]).includes(rawStatus) ? (rawStatus as DeliveryStatus) : undefined;
    const [found, failed] = await Promise.all([
      this.deliveries.list({ status, page, pageSize: QUEUE_PAGE_SIZE }),
      this.deliveries.list({ status: 'failed', page: 1, pageSize: 1 }),
    ]);
    const q = { rows: found.items, total: found.total, page, pageSize: QUEUE_PAGE_SIZE };
    if (!queuePageExists(q)) throw pageNotFound();
    return this.pages.send(reply, this.pages.context(reply), <DeliveriesView q={q} status={status ?? ''} failedTotal={failed.total} />);
  }

  @Post('deliveries/retry-failed')
  @Roles('official')
  async retryAll(@Res() reply: FastifyReply): Promise<FastifyReply> {
    const n = await this.deliveries.retryFailed();
    return this.pages.redirect(reply, '/desk/admin/deliveries?status=failed', { kind: 'success', text: textWith(OD.retriedAll, { n: String(n) }) });
  }

  /** A delivery that is not failed (any more) is the API's 409, shown as the error page with its message. */
  @Post('deliveries/:id/retry')
  @Roles('official')
  async retry(@Param('id', DeliveryId) id: string, @Query('status') rawStatus: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    await this.deliveries.retry(id);
    const status = typeof rawStatus === 'string' && (DELIVERY_STATUSES as readonly string[]).includes(rawStatus) ? rawStatus : 'failed';
    return this.pages.redirect(reply, queueHref('/desk/admin/deliveries', { status }), { kind: 'success', text: OD.retried });
  }

  @Get('jobs')
  @Roles('admin')
  async jobs(@Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.pages.send(reply, this.pages.context(reply), <JobsView state={await this.queues.state()} />);
  }
}
