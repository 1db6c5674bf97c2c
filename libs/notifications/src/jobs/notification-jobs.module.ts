import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications.module';
import { MailProcessor } from './mail.processor';
import { NotificationsProcessor } from './notifications.processor';

/** Processors of the `notifications` and `mail` queues (apps/worker, and the API when jobs run in-process). */
@Module({ imports: [NotificationsModule], providers: [NotificationsProcessor, MailProcessor] })
export class NotificationJobsModule {}
