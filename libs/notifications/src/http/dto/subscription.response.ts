import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Locale } from '@civitas/common';
import { DELIVERY_STATUSES, type DeliveryStatus, type DeliveryView, type EventView } from '../../deliveries-admin.service';
import type { Frequency, SubscriptionView, TopicsStatus } from '../../subscription.service';

export class AcceptedResponse {
  @ApiProperty({ enum: ['check_email'], description: 'The same answer whether or not the address was subscribed already.' })
  status = 'check_email' as const;
}

export class SubscriptionResponse {
  @ApiProperty({ description: 'The address, masked.' })
  email: string;

  @ApiProperty({ enum: ['pl', 'en'] })
  locale: Locale;

  @ApiProperty({ enum: ['immediate', 'daily'] })
  frequency: Frequency;

  @ApiProperty({ enum: ['none', 'pending', 'confirmed', 'unsubscribed'] })
  status: TopicsStatus;

  @ApiProperty()
  ownActivity: boolean;

  @ApiProperty({ type: [String] })
  topics: string[];

  static of(v: SubscriptionView, mask: (email: string) => string): SubscriptionResponse {
    return Object.assign(new SubscriptionResponse(), {
      email: mask(v.email),
      locale: v.locale,
      frequency: v.frequency,
      status: v.status,
      ownActivity: v.ownActivity,
      topics: v.topics,
    });
  }
}

export class UnsubscribedResponse {
  @ApiProperty({ enum: ['unsubscribed'] })
  status = 'unsubscribed' as const;

  @ApiProperty({ enum: ['topics', 'own', 'manage'], description: 'topics: every topic; own: mails about one’s own activity; manage: both.' })
  scope: 'topics' | 'own' | 'manage';
}

export class TopicOptionResponse {
  @ApiProperty({ example: 'results' })
  value: string;

  @ApiProperty()
  label: string;
}

export class DeliveryResponse {
  @ApiProperty() id: string;
  @ApiProperty() eventId: string;
  @ApiProperty() eventKind: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: DeliveryStatus;
  @ApiProperty({ enum: ['topic', 'direct'] }) reason: 'topic' | 'direct';
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Masked address.' }) recipient: string | null;
  @ApiProperty() attempts: number;
  @ApiProperty({ description: 'Sends started again after an attempt was cut off by a dying worker.' }) interrupted: number;
  @ApiPropertyOptional({ type: String, nullable: true }) lastError: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) messageId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) sentAt: Date | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) failedAt: Date | null;

  static of(v: DeliveryView): DeliveryResponse {
    return Object.assign(new DeliveryResponse(), v);
  }
}

export class DeliveryListResponse {
  @ApiProperty({ type: [DeliveryResponse] }) items: DeliveryResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class EventResponse {
  @ApiProperty() id: string;
  @ApiProperty() kind: string;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) fanOutCompletedAt: Date | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Deliveries per status.', example: { sent: 120, failed: 1 } })
  counts: EventView['counts'];
}

export class EventListResponse {
  @ApiProperty({ type: [EventResponse] }) items: EventResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class RetriedResponse {
  @ApiProperty({ description: 'How many failed deliveries were queued again.' }) retried: number;
}
