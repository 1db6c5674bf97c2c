import { Module, OnModuleInit } from '@nestjs/common';
import { Scheduler } from '@civitas/queue';
import { DeliveriesAdminService } from './deliveries-admin.service';
import { DeliveryService } from './delivery.service';
import { DigestService } from './digest.service';
import { FanOutService } from './fan-out.service';
import { LinkTokens } from './link-tokens';
import { NotificationsService } from './notifications.service';
import { MailRenderer } from './rendering/mail-renderer';
import { PageRenderer } from './rendering/page-renderer';
import { SubscriptionService } from './subscription.service';
import { TopicCatalog } from './topic-catalog';

/**
 * Notifications: `NotificationsService.publish(manager, event)` for other libraries, subscriptions, fan-out,
 * delivery and digests. Imports no domain library; domain libraries register their topic kinds with TopicCatalog.
 */
const SERVICES = [
  NotificationsService,
  SubscriptionService,
  TopicCatalog,
  LinkTokens,
  FanOutService,
  DeliveryService,
  DeliveriesAdminService,
  DigestService,
];

@Module({
  providers: [
    ...SERVICES,
    { provide: MailRenderer, useFactory: () => new MailRenderer() },
    { provide: PageRenderer, useFactory: () => new PageRenderer() },
  ],
  exports: [...SERVICES, MailRenderer, PageRenderer],
})
export class NotificationsModule implements OnModuleInit {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly digests: DigestService,
  ) {}

  onModuleInit(): void {
    this.scheduler.register(this.digests.schedule());
  }
}
