import { DomainError, ErrorKind, FieldText, Text } from '@civitas/common';
import { zloty } from './zloty';

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

  /** An official of another area: the application's area's officials handle it. */
  static notOfficialOfArea(): InitiativesError {
    return new InitiativesError('forbidden', InitiativesErrorCode.NotYours, {
      pl: 'Wnioski tego obszaru rozpatrują jego urzędnicy.',
      en: "This area's applications are handled by its officials.",
    });
  }

  static criteriaInUse(): InitiativesError {
    return new InitiativesError('conflict', InitiativesErrorCode.ProgrammeInUse, {
      pl: 'Kryteriów nie można zmienić: wnioski z tego roku zostały już ocenione.',
      en: 'The criteria cannot change: applications of this year have been scored already.',
    });
  }

  static correctionDeadlinePassed(): InitiativesError {
    return new InitiativesError('conflict', InitiativesErrorCode.DeadlinePassed, {
      pl: 'Termin na poprawki minął.',
      en: 'The deadline for corrections has passed.',
    });
  }

  static intakeClosed(year: number): InitiativesError {
    return new InitiativesError('conflict', InitiativesErrorCode.IntakeClosed, {
      pl: `Nabór wniosków na rok ${year} nie trwa.`,
      en: `Applications for ${year} are not being taken now.`,
    });
  }

  static allocationUsedUp(year: number): InitiativesError {
    return new InitiativesError('conflict', InitiativesErrorCode.IntakeClosed, {
      pl: `Środki na inicjatywy lokalne w roku ${year} zostały wyczerpane.`,
      en: `The ${year} allocation for local initiatives has been used up.`,
    });
  }

  static fileTooLarge(): InitiativesError {
    return new InitiativesError('too_large', InitiativesErrorCode.InvalidFile, {
      pl: 'Plik może mieć najwyżej 10 MiB.',
      en: 'A file may have at most 10 MiB.',
    });
  }

  /** A media type not taken, or content that does not match the declared one. */
  static unsupportedFile(): InitiativesError {
    return new InitiativesError('unsupported_media_type', InitiativesErrorCode.InvalidFile, {
      pl: 'Przyjmujemy pliki PDF, PNG i JPEG, których zawartość odpowiada podanemu typowi.',
      en: 'We take PDF, PNG and JPEG files whose content matches the declared type.',
    });
  }

  static reportPhotoNotImage(): InitiativesError {
    return new InitiativesError('unsupported_media_type', InitiativesErrorCode.InvalidFile, {
      pl: 'Zdjęcia do sprawozdania przyjmujemy jako pliki PNG lub JPEG.',
      en: 'Photos for the report are taken as PNG or JPEG files.',
    });
  }

  static reportPhotoNotCarriedOut(): InitiativesError {
    return new InitiativesError('conflict', InitiativesErrorCode.InvalidTransition, {
      pl: 'Zdjęcia do sprawozdania końcowego dodaje się w czasie realizacji zadania.',
      en: 'Photos for the final report are added while the task is carried out.',
    });
  }

  static tooManyAttachments(): InitiativesError {
    return new InitiativesError('conflict', InitiativesErrorCode.InvalidFile, { pl: 'Najwyżej 20 załączników.', en: 'At most 20 attachments.' });
  }

  static attachmentNotFound(): InitiativesError {
    return new InitiativesError('not_found', InitiativesErrorCode.AttachmentNotFound, {
      pl: 'Nie ma takiego załącznika.',
      en: 'There is no such attachment.',
    });
  }

  /** Required text fields left empty (of an official's act: the correction note, a decision's reasons). */
  static incomplete(code: InitiativesErrorCode.InvalidApplication | InitiativesErrorCode.InvalidDecision, fields: FieldText[]): InitiativesError {
    return new InitiativesError('invalid', code, { pl: 'Dane są niekompletne.', en: 'The data is incomplete.' }, fields);
  }

  static notBeingScored(status: string): InitiativesError {
    return new InitiativesError('conflict', InitiativesErrorCode.InvalidTransition, {
      pl: `Wniosek w stanie „${status}” nie podlega ocenie.`,
      en: `An application in state "${status}" is not being scored.`,
    });
  }

  static alreadyScored(): InitiativesError {
    return new InitiativesError('conflict', InitiativesErrorCode.AlreadyScored, {
      pl: 'Twoja ocena tego wniosku została już złożona i nie może się zmienić.',
      en: 'Your scores for this application have been submitted and cannot change.',
    });
  }

  static scoresDisclosed(): InitiativesError {
    return new InitiativesError('conflict', InitiativesErrorCode.ScoresDisclosed, {
      pl: 'Widziałeś już oceny innych oceniających do decyzji, więc nie możesz oceniać tego wniosku.',
      en: "You have seen the other evaluators' scores for the decision, so you cannot score this application.",
    });
  }

  static invalidScores(fields: FieldText[]): InitiativesError {
    return new InitiativesError(
      'invalid',
      InitiativesErrorCode.InvalidScores,
      { pl: 'Ocena jest niekompletna lub błędna.', en: 'The scores are incomplete or wrong.' },
      fields,
    );
  }

  /** The others' scores before one's own, with the number of evaluations submitted. */
  static scoresHidden(submitted: number): InitiativesError {
    return new InitiativesError('conflict', InitiativesErrorCode.ScoresHidden, {
      pl: `Oceny innych oceniających zobaczysz po złożeniu własnej. Złożone oceny: ${submitted}.`,
      en: `You will see the other evaluators' scores after submitting yours. Evaluations submitted: ${submitted}.`,
    });
  }

  static noScores(): InitiativesError {
    return new InitiativesError('conflict', InitiativesErrorCode.NoScores, {
      pl: 'Decyzja wymaga co najmniej jednej oceny wniosku.',
      en: 'A decision needs at least one evaluation of the application.',
    });
  }

  /** What remains of the year's allocation (grosze) does not cover the city's share the application asks for. */
  static allocationExceeded(year: number, remaining: number, share: number): InitiativesError {
    return new InitiativesError('conflict', InitiativesErrorCode.AllocationExceeded, {
      pl: `Z puli na rok ${year} pozostało ${zloty(remaining, 'pl')}, a wniosek wymaga od miasta ${zloty(share, 'pl')}.`,
      en: `${zloty(remaining, 'en')} of the ${year} allocation remains, and the application asks the city for ${zloty(share, 'en')}.`,
    });
  }

  static agreementNotFound(): InitiativesError {
    return new InitiativesError('not_found', InitiativesErrorCode.AgreementNotFound, {
      pl: 'Umowa nie została jeszcze przygotowana.',
      en: 'The agreement has not been drafted yet.',
    });
  }

  /** The agreement's data (its draft, the day of signing, the reason for terminating it), naming the fields. */
  static invalidAgreement(fields: FieldText[]): InitiativesError {
    return new InitiativesError('invalid', InitiativesErrorCode.InvalidAgreement, { pl: 'Dane umowy są błędne.', en: 'The agreement data is wrong.' }, fields);
  }

  static invalidReport(fields: FieldText[]): InitiativesError {
    return new InitiativesError(
      'invalid',
      InitiativesErrorCode.InvalidReport,
      { pl: 'Sprawozdanie jest niekompletne lub błędne.', en: 'The report is incomplete or wrong.' },
      fields,
    );
  }

  static reportMissing(): InitiativesError {
    return new InitiativesError('conflict', InitiativesErrorCode.ReportMissing, {
      pl: 'Zadanie można uznać za zrealizowane dopiero po złożeniu sprawozdania końcowego.',
      en: 'The task can be completed only once the final report has been filed.',
    });
  }
}

export const field = (path: string, code: string, text: Text): FieldText => ({ field: path, code, text });
