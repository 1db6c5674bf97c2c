import { Module, OnModuleInit } from '@nestjs/common';
import { DeskQueues } from '@civitas/auth';
import { DeliveriesAdminService } from '../deliveries-admin.service';
import { NotificationsModule } from '../notifications.module';
import { OpsDeskController } from './ops-desk.controller';
import { OD } from './ops-desk.texts';

/** The desk's mail deliveries (the failed ones a queue of officials) and the job queues' state (administrators). */
@Module({
  imports: [NotificationsModule],
  controllers: [OpsDeskController],
})
export class OpsDeskModule implements OnModuleInit {
  constructor(
    private readonly desk: DeskQueues,
    private readonly deliveries: DeliveriesAdminService,
  ) {}

  onModuleInit(): void {
    this.desk.register({
      id: 'admin.failed-deliveries',
      area: 'admin',
      order: 10,
      title: OD.failedQueue,
      href: '/desk/admin/deliveries?status=failed',
      count: async (user) =>
        user.roles.includes('official') || user.roles.includes('admin')
          ? { count: (await this.deliveries.list({ status: 'failed', page: 1, pageSize: 1 })).total }
          : null,
    });
    this.desk.link({ id: 'admin.deliveries', area: 'admin', order: 30, title: OD.deliveries, href: '/desk/admin/deliveries', roles: ['official'] });
    this.desk.link({ id: 'admin.jobs', area: 'admin', order: 40, title: OD.jobs, description: OD.jobsHint, href: '/desk/admin/jobs', roles: [] });
  }
}
