import { DomainError, ErrorKind, FieldText, Text } from '@civitas/common';

export enum AuthErrorCode {
  AuthenticationRequired = 'authentication_required',
  SessionInvalid = 'session_invalid',
  InvalidCredentials = 'invalid_credentials',
  EmailNotVerified = 'email_not_verified',
  AccountDisabled = 'account_disabled',
  Forbidden = 'forbidden',
  TokenInvalid = 'token_invalid',
  TokenExpired = 'token_expired',
  TokenUsed = 'token_used',
  CurrentPasswordIncorrect = 'current_password_incorrect',
}

export class AuthError extends DomainError {
  constructor(kind: ErrorKind, code: AuthErrorCode, text: Text, fields?: FieldText[]) {
    super(kind, code, text, fields);
  }

  static authenticationRequired(): AuthError {
    return new AuthError('unauthorized', AuthErrorCode.AuthenticationRequired, {
      pl: 'Zaloguj się, aby kontynuować.',
      en: 'Log in to continue.',
    });
  }

  static sessionInvalid(): AuthError {
    return new AuthError('unauthorized', AuthErrorCode.SessionInvalid, {
      pl: 'Sesja wygasła lub została zakończona. Zaloguj się ponownie.',
      en: 'Your session has expired or has been ended. Log in again.',
    });
  }

  static invalidCredentials(): AuthError {
    return new AuthError('unauthorized', AuthErrorCode.InvalidCredentials, {
      pl: 'Nieprawidłowy adres e-mail lub hasło.',
      en: 'Incorrect e-mail address or password.',
    });
  }

  static emailNotVerified(): AuthError {
    return new AuthError('forbidden', AuthErrorCode.EmailNotVerified, {
      pl: 'Najpierw potwierdź adres e-mail, klikając link z wiadomości, którą wysłaliśmy.',
      en: 'Confirm your e-mail address first, using the link in the message we sent you.',
    });
  }

  static accountDisabled(): AuthError {
    return new AuthError('forbidden', AuthErrorCode.AccountDisabled, {
      pl: 'To konto zostało zablokowane.',
      en: 'This account has been disabled.',
    });
  }

  static forbidden(): AuthError {
    return new AuthError('forbidden', AuthErrorCode.Forbidden, {
      pl: 'Nie masz uprawnień do tej operacji.',
      en: 'You are not allowed to do this.',
    });
  }

  static tokenInvalid(): AuthError {
    const text = { pl: 'Ten link jest nieprawidłowy. Sprawdź, czy skopiowano go w całości.', en: 'This link is not valid. Check that it was copied in full.' };
    // The link's token is the field at fault (a page shows the message beside the link's form).
    return new AuthError('invalid', AuthErrorCode.TokenInvalid, text, [{ field: 'token', code: AuthErrorCode.TokenInvalid, text }]);
  }

  static tokenExpired(): AuthError {
    const text = { pl: 'Ten link wygasł. Poproś o nowy.', en: 'This link has expired. Ask for a new one.' };
    // The link's token is the field at fault (a page shows the message beside the link's form).
    return new AuthError('invalid', AuthErrorCode.TokenExpired, text, [{ field: 'token', code: AuthErrorCode.TokenExpired, text }]);
  }

  static tokenUsed(): AuthError {
    const text = { pl: 'Ten link został już użyty.', en: 'This link has already been used.' };
    // The link's token is the field at fault (a page shows the message beside the link's form).
    return new AuthError('invalid', AuthErrorCode.TokenUsed, text, [{ field: 'token', code: AuthErrorCode.TokenUsed, text }]);
  }

  static currentPasswordIncorrect(field = 'currentPassword'): AuthError {
    return new AuthError(
      'invalid',
      AuthErrorCode.CurrentPasswordIncorrect,
      { pl: 'Obecne hasło jest nieprawidłowe.', en: 'The current password is incorrect.' },
      [
        {
          field,
          code: AuthErrorCode.CurrentPasswordIncorrect,
          text: { pl: 'Obecne hasło jest nieprawidłowe.', en: 'The current password is incorrect.' },
        },
      ],
    );
  }
}
