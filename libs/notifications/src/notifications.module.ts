import { Module, OnModuleInit } from '@nestjs/common';
import { Scheduler } from '@civitas/queue';
import { PersonalDataRegistry, UsersModule } from '@civitas/users';
import { DeliveriesAdminService } from './deliveries-admin.service';
import { DeliveryService } from './delivery.service';
import { DigestService } from './digest.service';
import { FanOutService } from './fan-out.service';
import { LinkTokens } from './link-tokens';
import { NotificationsService } from './notifications.service';
import { MailRenderer } from './rendering/mail-renderer';
import { SubscriptionService } from './subscription.service';
import { TopicCatalog } from './topic-catalog';
import { DeliveryRepository } from './delivery.repository';
import { SubscriptionRepository } from './subscription.repository';

/**
 * Notifications: `NotificationsService.publish(manager, event)` for other libraries, subscriptions, fan-out,
 * delivery and digests. Imports no domain library; domain libraries register their topic kinds with TopicCatalog.
 */
const SERVICES = [NotificationsService, SubscriptionService, TopicCatalog, LinkTokens, FanOutService, DeliveryService, DeliveriesAdminService, DigestService];

@Module({
  imports: [UsersModule],
  providers: [SubscriptionRepository, DeliveryRepository, ...SERVICES, { provide: MailRenderer, useFactory: () => new MailRenderer() }],
  exports: [SubscriptionRepository, DeliveryRepository, ...SERVICES, MailRenderer],
})
export class NotificationsModule implements OnModuleInit {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly digests: DigestService,
    private readonly personalData: PersonalDataRegistry,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  onModuleInit(): void {
    this.scheduler.register(this.digests.schedule());
    this.personalData.register({
      name: 'subscription',
      collect: (userId, m) => this.subscriptions.personalData(m, userId),
      // A deleted account gets no more mail: its subscriber row (topics, pending mails) goes; deliveries keep no link.
      erase: (userId, m) => this.subscriptions.deleteOfUser(m, userId),
    });
  }
}
