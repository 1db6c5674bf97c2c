import { Module, OnModuleInit } from '@nestjs/common';
import { HomeSections } from '@civitas/web';
import { OpsDeskModule } from '../desk/ops-desk.module';
import { NotificationsModule } from '../notifications.module';
import { SubscriptionPagesController } from './subscription-pages.controller';
import { SubscribeBox } from './subscription.views';

/** The subscription pages, the subscribe box at the end of the home page, and the desk's deliveries and job queues. */
@Module({
  imports: [NotificationsModule, OpsDeskModule],
  controllers: [SubscriptionPagesController],
})
export class NotificationsWebModule implements OnModuleInit {
  constructor(private readonly home: HomeSections) {}

  onModuleInit(): void {
    this.home.register({ id: 'subscribe', order: 90, render: async () => <SubscribeBox /> });
  }
}
