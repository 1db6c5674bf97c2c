import { DomainError, ErrorKind, FieldText, Text } from '@civitas/common';

export enum NotificationsErrorCode {
  InvalidLink = 'invalid_subscription_link',
  UnknownTopic = 'unknown_topic',
  DeliveryNotFound = 'delivery_not_found',
  DeliveryNotFailed = 'delivery_not_failed',
  EmailNotVerified = 'email_not_verified',
  InvalidEvent = 'invalid_notification_event',
}

export class NotificationsError extends DomainError {
  constructor(kind: ErrorKind, code: NotificationsErrorCode, text: Text, fields?: FieldText[]) {
    super(kind, code, text, fields);
  }

  static invalidLink(): NotificationsError {
    return new NotificationsError('not_found', NotificationsErrorCode.InvalidLink, {
      pl: 'Link jest nieprawidłowy lub wygasł.',
      en: 'The link is invalid or has expired.',
    });
  }

  static unknownTopics(topics: string[]): NotificationsError {
    return new NotificationsError(
      'invalid',
      NotificationsErrorCode.UnknownTopic,
      { pl: 'Nie można zasubskrybować nieistniejącego tematu.', en: 'A topic that does not exist cannot be subscribed to.' },
      topics.map((t) => ({
        field: 'topics',
        code: NotificationsErrorCode.UnknownTopic,
        text: { pl: `Nie ma tematu „${t}”.`, en: `There is no topic "${t}".` },
      })),
    );
  }

  static deliveryNotFound(): NotificationsError {
    return new NotificationsError('not_found', NotificationsErrorCode.DeliveryNotFound, {
      pl: 'Nie ma takiej wysyłki.',
      en: 'There is no such delivery.',
    });
  }

  static deliveryNotFailed(status: string): NotificationsError {
    return new NotificationsError('conflict', NotificationsErrorCode.DeliveryNotFailed, {
      pl: `Ponowić można tylko nieudaną wysyłkę (ta ma status „${status}”).`,
      en: `Only a failed delivery can be retried (this one is "${status}").`,
    });
  }

  static emailNotVerified(): NotificationsError {
    return new NotificationsError('conflict', NotificationsErrorCode.EmailNotVerified, {
      pl: 'Najpierw potwierdź adres e-mail konta.',
      en: 'Confirm the e-mail address of your account first.',
    });
  }

  static invalidEvent(message: string): NotificationsError {
    return new NotificationsError('invalid', NotificationsErrorCode.InvalidEvent, {
      pl: `Nieprawidłowe zdarzenie powiadomienia: ${message}`,
      en: `Invalid notification event: ${message}`,
    });
  }
}
