import { DomainError, ErrorKind, FieldText, Text } from '@civitas/common';

export enum UsersErrorCode {
  UserNotFound = 'user_not_found',
  InvalidPassword = 'invalid_password',
  InvalidEmail = 'invalid_email',
  DuplicateRole = 'duplicate_role',
  RoleNotScopable = 'role_not_scopable',
  UnknownArea = 'unknown_area',
  LastAdmin = 'last_admin',
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
    return new UsersError(
      'invalid',
      code,
      { pl: 'Dane żądania są nieprawidłowe.', en: 'The request data is invalid.' },
      fields,
    );
  }

  static lastAdmin(): UsersError {
    return new UsersError('conflict', UsersErrorCode.LastAdmin, {
      pl: 'Nie można odebrać roli ostatniemu administratorowi.',
      en: 'The last administrator cannot lose the admin role.',
    });
  }
}
