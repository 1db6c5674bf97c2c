import { DomainError, ErrorKind, FieldText, Text } from '@civitas/common';

export enum BallotsErrorCode {
  EditionNotFound = 'edition_not_found',
  PoolNotFound = 'pool_not_found',
  VotingNotConfigured = 'voting_not_configured',
  VotingStarted = 'voting_started',
  NotVotingPhase = 'not_voting_phase',
  InvalidPolicy = 'invalid_policy',
  InvalidSpec = 'invalid_ballot_spec',
  InvalidBallot = 'invalid_ballot',
  InvalidIdentity = 'invalid_identity',
  AlreadyVoted = 'already_voted',
  DuplicateVoided = 'duplicate_voided',
  IdempotencyMismatch = 'idempotency_key_reused',
  BallotNotFound = 'ballot_not_found',
  NotPending = 'ballot_not_pending',
  CodeNotSent = 'code_not_sent',
  CodeExpired = 'code_expired',
  WrongCode = 'wrong_code',
  TooManyAttempts = 'too_many_attempts',
  AlreadyKeyed = 'sheet_already_keyed',
  SheetClosed = 'sheet_closed',
  SheetIsValid = 'sheet_is_valid',
  SheetNotFound = 'sheet_not_found',
  ResendTooSoon = 'code_resend_too_soon',
  TooManyCodes = 'too_many_codes',
  AccountRequired = 'account_required',
  TooManyBallots = 'too_many_ballots',
  TooManyCodeRequests = 'too_many_code_requests',
  TooManyCodesForAddress = 'too_many_codes_for_address',
}

export const field = (path: string, code: string, text: Text): FieldText => ({ field: path, code, text });

/** Errors of the voting policy, ballot specs and ballots on every channel. */
export class BallotsError extends DomainError {
  /** Seconds after which a refused request (429) may be tried again: the Retry-After header. */
  retryAfter?: number;

  constructor(kind: ErrorKind, code: BallotsErrorCode, text: Text, fields?: FieldText[]) {
    super(kind, code, text, fields);
  }

  private static tooMany(code: BallotsErrorCode, text: Text, retryAfter: number): BallotsError {
    const err = new BallotsError('too_many_requests', code, text);
    err.retryAfter = Math.max(1, Math.ceil(retryAfter));
    return err;
  }

  static editionNotFound(): BallotsError {
    return new BallotsError('not_found', BallotsErrorCode.EditionNotFound, { pl: 'Nie ma takiej edycji budżetu.', en: 'There is no such budget edition.' });
  }

  static poolNotFound(): BallotsError {
    return new BallotsError('not_found', BallotsErrorCode.PoolNotFound, { pl: 'Nie ma takiej puli.', en: 'There is no such pool.' });
  }

  static ballotNotFound(): BallotsError {
    return new BallotsError('not_found', BallotsErrorCode.BallotNotFound, {
      pl: 'Nie ma głosu o takim numerze.',
      en: 'There is no ballot with this reference.',
    });
  }

  static votingNotConfigured(): BallotsError {
    return new BallotsError('conflict', BallotsErrorCode.VotingNotConfigured, {
      pl: 'Głosowanie w tej edycji nie zostało jeszcze skonfigurowane.',
      en: 'Voting in this edition has not been configured yet.',
    });
  }

  static votingStarted(): BallotsError {
    return new BallotsError('conflict', BallotsErrorCode.VotingStarted, {
      pl: 'Zasad głosowania i kart do głosowania nie można zmieniać po rozpoczęciu głosowania.',
      en: 'The voting policy and ballot specs cannot change once voting has opened.',
    });
  }

  static notVotingPhase(what: Text): BallotsError {
    return new BallotsError('conflict', BallotsErrorCode.NotVotingPhase, {
      pl: `${what.pl} można tylko w czasie głosowania.`,
      en: `${what.en} is possible only while voting is open.`,
    });
  }

  static invalidPolicy(fields: FieldText[]): BallotsError {
    return new BallotsError(
      'invalid',
      BallotsErrorCode.InvalidPolicy,
      { pl: 'Zasady głosowania są niespójne.', en: 'The voting policy is inconsistent.' },
      fields,
    );
  }

  static invalidSpec(fields: FieldText[]): BallotsError {
    return new BallotsError(
      'invalid',
      BallotsErrorCode.InvalidSpec,
      { pl: 'Zasady karty do głosowania są niespójne.', en: 'The ballot spec is inconsistent.' },
      fields,
    );
  }

  static invalidBallot(fields: FieldText[]): BallotsError {
    return new BallotsError(
      'invalid',
      BallotsErrorCode.InvalidBallot,
      { pl: 'Głos jest nieważny: popraw wskazane pola.', en: 'The ballot is not valid: correct the fields shown.' },
      fields,
    );
  }

  static invalidIdentity(fields: FieldText[]): BallotsError {
    return new BallotsError(
      'invalid',
      BallotsErrorCode.InvalidIdentity,
      { pl: 'Dane głosującego są niepełne lub błędne.', en: "The voter's details are incomplete or wrong." },
      fields,
    );
  }

  static accountRequired(): BallotsError {
    return new BallotsError('unauthorized', BallotsErrorCode.AccountRequired, {
      pl: 'W tej edycji głosować można po zalogowaniu.',
      en: 'In this edition you must be signed in to vote.',
    });
  }

  static alreadyVoted(): BallotsError {
    return new BallotsError('conflict', BallotsErrorCode.AlreadyVoted, {
      pl: 'Ta osoba już oddała głos w tej edycji; liczy się pierwszy głos.',
      en: 'This person has already voted in this edition; the first ballot counts.',
    });
  }

  static duplicateVoided(): BallotsError {
    return new BallotsError('conflict', BallotsErrorCode.DuplicateVoided, {
      pl: 'Ta osoba już oddała głos w tej edycji: zgodnie z zasadami edycji wszystkie jej głosy są nieważne.',
      en: "This person has already voted in this edition: under the edition's rules all of their ballots are void.",
    });
  }

  static idempotencyMismatch(): BallotsError {
    const text = {
      pl: 'Ten klucz Idempotency-Key został już użyty z inną treścią żądania.',
      en: 'This Idempotency-Key has already been used with a different request body.',
    };
    return new BallotsError('invalid', BallotsErrorCode.IdempotencyMismatch, text, [field('Idempotency-Key', BallotsErrorCode.IdempotencyMismatch, text)]);
  }

  static notPending(): BallotsError {
    return new BallotsError('conflict', BallotsErrorCode.NotPending, {
      pl: 'Ten głos nie czeka na potwierdzenie.',
      en: 'This ballot is not waiting for confirmation.',
    });
  }

  static codeNotSent(): BallotsError {
    return new BallotsError('conflict', BallotsErrorCode.CodeNotSent, {
      pl: 'Kod potwierdzenia nie został jeszcze wysłany; spróbuj za chwilę.',
      en: 'The confirmation code has not been sent yet; try again in a moment.',
    });
  }

  static codeExpired(): BallotsError {
    return new BallotsError('conflict', BallotsErrorCode.CodeExpired, { pl: 'Kod potwierdzenia wygasł.', en: 'The confirmation code has expired.' });
  }

  static tooManyAttempts(): BallotsError {
    return new BallotsError('too_many_requests', BallotsErrorCode.TooManyAttempts, {
      pl: 'Wpisano błędny kod zbyt wiele razy; ten głos nie może już zostać potwierdzony.',
      en: 'A wrong code was entered too many times; this ballot can no longer be confirmed.',
    });
  }

  static wrongCode(left: number): BallotsError {
    const text = { pl: `Błędny kod. Pozostałe próby: ${left}.`, en: `Wrong code. Attempts left: ${left}.` };
    return new BallotsError('invalid', BallotsErrorCode.WrongCode, text, [field('code', BallotsErrorCode.WrongCode, text)]);
  }

  static alreadyKeyed(): BallotsError {
    return new BallotsError('conflict', BallotsErrorCode.AlreadyKeyed, {
      pl: 'Ta karta została już przez Ciebie wprowadzona; drugie wprowadzenie musi wykonać inny operator.',
      en: 'You have already keyed this sheet; the second keying must be done by another operator.',
    });
  }

  static resendTooSoon(seconds: number, retryAfter = seconds): BallotsError {
    return BallotsError.tooMany(
      BallotsErrorCode.ResendTooSoon,
      {
        pl: `Nowy kod można zamówić najwcześniej ${seconds} s po poprzednim: sprawdź skrzynkę (także folder spam).`,
        en: `A new code can be asked for ${seconds} s after the last one at the earliest: check your mailbox (and the spam folder).`,
      },
      retryAfter,
    );
  }

  /** The per-IP limit of ballot submissions (VOTING_IP_LIMIT_PER_MINUTE). */
  static tooManyBallots(retryAfter: number): BallotsError {
    const s = Math.max(1, Math.ceil(retryAfter));
    return BallotsError.tooMany(
      BallotsErrorCode.TooManyBallots,
      {
        pl: `Zbyt wiele głosów wysłano z tego adresu sieciowego w ciągu minuty. Spróbuj ponownie za ${s} s.`,
        en: `Too many ballots have been sent from this network address within a minute. Try again in ${s} s.`,
      },
      s,
    );
  }

  /** The per-IP limit of code confirmations and resends (VOTING_IP_LIMIT_PER_MINUTE). */
  static tooManyCodeRequests(retryAfter: number): BallotsError {
    const s = Math.max(1, Math.ceil(retryAfter));
    return BallotsError.tooMany(
      BallotsErrorCode.TooManyCodeRequests,
      {
        pl: `Zbyt wiele prób potwierdzenia lub zamówienia kodu z tego adresu sieciowego w ciągu minuty. Spróbuj ponownie za ${s} s.`,
        en: `Too many attempts to confirm a ballot or ask for a code from this network address within a minute. Try again in ${s} s.`,
      },
      s,
    );
  }

  /** The per-address limit of code mails (VOTING_CODES_PER_ADDRESS_PER_HOUR). */
  static tooManyCodesForAddress(limit: number, retryAfter: number): BallotsError {
    const minutes = Math.max(1, Math.ceil(retryAfter / 60));
    return BallotsError.tooMany(
      BallotsErrorCode.TooManyCodesForAddress,
      {
        pl: `Na ten adres wysłano już ${limit} kodów potwierdzenia w ciągu godziny. Kolejny można zamówić za ${minutes} min; sprawdź skrzynkę (także folder spam).`,
        en: `Too many confirmation codes have been sent to this address: ${limit} within an hour. Another can be sent in ${minutes} min; check your mailbox (and the spam folder).`,
      },
      retryAfter,
    );
  }

  static tooManyCodes(): BallotsError {
    return new BallotsError('too_many_requests', BallotsErrorCode.TooManyCodes, {
      pl: 'Wysłano już najwięcej kodów dla tego głosu. Po 15 minutach od ostatniego kodu możesz zagłosować od nowa.',
      en: 'The most codes for this ballot have been sent. 15 minutes after the last code you can vote anew.',
    });
  }

  static sheetIsValid(): BallotsError {
    return new BallotsError('invalid', BallotsErrorCode.SheetIsValid, {
      pl: 'Karta wypełniona tak, jak ją wprowadzono, jest ważna: wprowadź ją bez oznaczenia „nieważna (treść)”.',
      en: 'The sheet as keyed is valid: key it without marking it "invalid (content)".',
    });
  }

  static sheetNotFound(): BallotsError {
    return new BallotsError('not_found', BallotsErrorCode.SheetNotFound, {
      pl: 'Nie wprowadzono karty o takim numerze.',
      en: 'No sheet with this number has been keyed.',
    });
  }

  static sheetClosed(): BallotsError {
    return new BallotsError('conflict', BallotsErrorCode.SheetClosed, {
      pl: 'Ta karta została już rozstrzygnięta.',
      en: 'This sheet has already been settled.',
    });
  }
}
