import { DomainError, ErrorKind, FieldText, Text } from '@civitas/common';

export enum UsersErrorCode {
  UserNotFound = 'user_not_found',
  InvalidPassword = 'invalid_password',
  InvalidEmail = 'invalid_email',
  DuplicateRole = 'duplicate_role',
  RoleNotScopable = 'role_not_scopable',
  UnknownArea = 'unknown_area',
  LastAdmin = 'last_admin',
  AlreadySetUp = 'already_set_up',
  DeletionPending = 'deletion_pending',
  NoDeletionRequest = 'no_deletion_request',
  DeletionDecided = 'deletion_decided',
  EmailTaken = 'email_taken',
  InvalidDisplayName = 'invalid_display_name',
}

export class UsersError extends DomainError {
  constructor(kind: ErrorKind, code: UsersErrorCode, text: Text, fields?: FieldText[]) {
    super(kind, code, text, fields);
  }

  static userNotFound(): UsersError {
    return new UsersError('not_found', UsersErrorCode.UserNotFound, {
      pl: 'Nie ma takiego konta.',
      en: 'There is no such account.',
    });
  }

  static invalid(code: UsersErrorCode, fields: FieldText[]): UsersError {
    return new UsersError('invalid', code, { pl: 'Dane żądania są nieprawidłowe.', en: 'The request data is invalid.' }, fields);
  }

  static deletionPending(): UsersError {
    return new UsersError('conflict', UsersErrorCode.DeletionPending, {
      pl: 'Wniosek o usunięcie konta już czeka na rozpatrzenie.',
      en: 'A request to delete this account is already waiting to be dealt with.',
    });
  }

  static noDeletionRequest(): UsersError {
    return new UsersError('not_found', UsersErrorCode.NoDeletionRequest, {
      pl: 'Nie ma takiego oczekującego wniosku o usunięcie konta.',
      en: 'There is no such pending request to delete an account.',
    });
  }

  static deletionDecided(): UsersError {
    return new UsersError('conflict', UsersErrorCode.DeletionDecided, {
      pl: 'Ten wniosek został już rozpatrzony albo wycofany.',
      en: 'This request has already been dealt with or withdrawn.',
    });
  }

  static alreadySetUp(): UsersError {
    return new UsersError('conflict', UsersErrorCode.AlreadySetUp, {
      pl: 'Platforma ma już administratora, więc konfiguracja początkowa jest zamknięta. Zaloguj się.',
      en: 'The platform already has an administrator, so the first-run set-up is closed. Sign in instead.',
    });
  }

  static emailTaken(): UsersError {
    return UsersError.invalid(UsersErrorCode.EmailTaken, [
      {
        field: 'email',
        code: UsersErrorCode.EmailTaken,
        text: {
          pl: 'Konto z tym adresem już istnieje. Podaj inny adres albo nadaj temu kontu rolę administratora poleceniem create-admin.',
          en: 'An account with this address exists. Give another address, or make that account an administrator with the create-admin command.',
        },
      },
    ]);
  }

  static invalidDisplayName(max: number): UsersError {
    return UsersError.invalid(UsersErrorCode.InvalidDisplayName, [
      {
        field: 'displayName',
        code: UsersErrorCode.InvalidDisplayName,
        text: {
          pl: `Podaj imię i nazwisko albo nazwę: od 1 do ${max} znaków zwykłego tekstu.`,
          en: `Give a name: 1 to ${max} characters of plain text.`,
        },
      },
    ]);
  }

  static lastAdmin(): UsersError {
    return new UsersError('conflict', UsersErrorCode.LastAdmin, {
      pl: 'Nie można odebrać roli ostatniemu administratorowi.',
      en: 'The last administrator cannot lose the admin role.',
    });
  }
}
