import { DomainError, ErrorKind, FieldText, Text } from '@civitas/common';

export enum InitiativesErrorCode {
  ProgrammeNotFound = 'programme_not_found',
  InvalidProgramme = 'invalid_programme',
  ProgrammeInUse = 'programme_in_use',
  InitiativeNotFound = 'initiative_not_found',
  InvalidApplication = 'invalid_application',
  IntakeClosed = 'intake_closed',
  InvalidTransition = 'invalid_transition',
  NotYours = 'not_your_application',
  AttachmentNotFound = 'attachment_not_found',
  InvalidFile = 'invalid_file',
  DeadlinePassed = 'deadline_passed',
  InvalidScores = 'invalid_scores',
  AlreadyScored = 'already_scored',
  ScoresHidden = 'scores_hidden',
  NoScores = 'no_scores',
  AllocationExceeded = 'allocation_exceeded',
  InvalidDecision = 'invalid_decision',
  InvalidReport = 'invalid_report',
  AreaNotFound = 'area_not_found',
  ScoresDisclosed = 'scores_disclosed',
  AgreementNotFound = 'agreement_not_found',
  InvalidAgreement = 'invalid_agreement',
  ReportMissing = 'final_report_missing',
}

/** Errors of local initiatives: the programme, applications, evaluation, the agreement and the report. */
export class InitiativesError extends DomainError {
  constructor(kind: ErrorKind, code: InitiativesErrorCode, text: Text, fields?: FieldText[]) {
    super(kind, code, text, fields);
  }

  static make(kind: ErrorKind, code: InitiativesErrorCode, text: Text, fields?: FieldText[]): InitiativesError {
    return new InitiativesError(kind, code, text, fields);
  }

  static programmeNotFound(): InitiativesError {
    return new InitiativesError('not_found', InitiativesErrorCode.ProgrammeNotFound, {
      pl: 'Nie ma programu inicjatywy lokalnej na ten rok.',
      en: 'There is no local-initiative programme for this year.',
    });
  }

  static notFound(): InitiativesError {
    return new InitiativesError('not_found', InitiativesErrorCode.InitiativeNotFound, { pl: 'Nie ma takiego wniosku.', en: 'There is no such application.' });
  }

  static invalidProgramme(fields: FieldText[]): InitiativesError {
    return new InitiativesError(
      'invalid',
      InitiativesErrorCode.InvalidProgramme,
      { pl: 'Program jest niespójny.', en: 'The programme is inconsistent.' },
      fields,
    );
  }

  static invalidApplication(fields: FieldText[]): InitiativesError {
    return new InitiativesError(
      'invalid',
      InitiativesErrorCode.InvalidApplication,
      { pl: 'Wniosek jest niekompletny lub błędny.', en: 'The application is incomplete or wrong.' },
      fields,
    );
  }

  static invalidTransition(from: string, to: string): InitiativesError {
    return new InitiativesError('conflict', InitiativesErrorCode.InvalidTransition, {
      pl: `Wniosku w stanie „${from}” nie można przenieść do stanu „${to}”.`,
      en: `An application in state "${from}" cannot move to "${to}".`,
    });
  }

  static notYours(): InitiativesError {
    return new InitiativesError('forbidden', InitiativesErrorCode.NotYours, { pl: 'To nie jest Twój wniosek.', en: 'This is not your application.' });
  }
}

export const field = (path: string, code: string, text: Text): FieldText => ({ field: path, code, text });
