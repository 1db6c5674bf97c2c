import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications.module';
import { DeliveriesAdminController } from './deliveries-admin.controller';
import { SubscriptionPagesController } from './subscription-pages.controller';
import { MeSubscriptionController, SubscriptionsController } from './subscriptions.controller';

/** The subscription API, the pages behind the links in mails, and the delivery overview for officials. */
@Module({
  imports: [NotificationsModule],
  controllers: [SubscriptionsController, MeSubscriptionController, DeliveriesAdminController, SubscriptionPagesController],
})
export class NotificationsHttpModule {}
