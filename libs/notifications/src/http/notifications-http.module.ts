import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications.module';
import { DeliveriesAdminController } from './deliveries-admin.controller';
import { MeSubscriptionController, SubscriptionsController } from './subscriptions.controller';

/** The subscription API and the delivery overview for officials. */
@Module({
  imports: [NotificationsModule],
  controllers: [SubscriptionsController, MeSubscriptionController, DeliveriesAdminController],
})
export class NotificationsHttpModule {}
