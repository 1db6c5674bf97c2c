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

/**
 * Notifications: `NotificationsService.publish(manager, event)` for other libraries, subscriptions, fan-out,
 * delivery and digests. Imports no domain library; domain libraries register their topic kinds with TopicCatalog.
 */
const SERVICES = [NotificationsService, SubscriptionService, TopicCatalog, LinkTokens, FanOutService, DeliveryService, DeliveriesAdminService, DigestService];

@Module({
  imports: [UsersModule],
  providers: [...SERVICES, { provide: MailRenderer, useFactory: () => new MailRenderer() }],
  exports: [...SERVICES, MailRenderer],
})
export class NotificationsModule implements OnModuleInit {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly digests: DigestService,
    private readonly personalData: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.scheduler.register(this.digests.schedule());
    this.personalData.register({
      name: 'subscription',
      collect: async (userId, m) =>
        (
          (await m.query(
            `SELECT s.email, s.locale, s.frequency, s.topics_status AS "topicsStatus", s.own_activity AS "ownActivity", s.confirmed_at AS "confirmedAt",
                  COALESCE((SELECT array_agg(t.topic ORDER BY t.topic) FROM subscriber_topics t WHERE t.subscriber_id = s.id), '{}') AS topics
             FROM subscribers s WHERE s.user_id = $1`,
            [userId],
          )) as unknown[]
        )[0] ?? null,
      // A deleted account gets no more mail: its subscriber row (topics, pending mails) goes; deliveries keep no link.
      erase: async (userId, m) => {
        await m.query(`DELETE FROM subscribers WHERE user_id = $1`, [userId]);
      },
    });
  }
}
