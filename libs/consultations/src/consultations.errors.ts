import { DomainError, ErrorKind, FieldText, Text } from '@civitas/common';

export enum ConsultationsErrorCode {
  ConsultationNotFound = 'consultation_not_found',
  AreaNotFound = 'area_not_found',
  InvalidSchedule = 'invalid_schedule',
  InvalidTransition = 'invalid_transition',
  NotEditable = 'consultation_not_editable',
  NotOpen = 'consultation_not_open',
  NgoOnly = 'ngo_only',
  NotAnOfficial = 'not_an_official_of_area',
  OrganisationTaken = 'krs_taken',
  UserNotFound = 'user_not_found',
  SectionNotFound = 'section_not_found',
  InvalidDocument = 'invalid_document',
  CommentNotFound = 'comment_not_found',
  AlreadyReported = 'already_reported',
  InvalidModeration = 'invalid_moderation',
  InvalidComment = 'invalid_comment',
  QuestionNotFound = 'question_not_found',
  InvalidSurvey = 'invalid_survey',
  InvalidAnswers = 'invalid_answers',
  AlreadyResponded = 'already_responded',
  SurveyClosed = 'survey_closed',
  AccountRequired = 'account_required',
  CodeExpired = 'code_expired',
  WrongCode = 'wrong_code',
  TooManyAttempts = 'too_many_attempts',
  ResponseNotFound = 'response_not_found',
  MeetingNotFound = 'meeting_not_found',
  MeetingFull = 'meeting_full',
  AlreadyRegistered = 'already_registered',
  MeetingOver = 'meeting_over',
  Unanswered = 'comments_unanswered',
  NotClosed = 'consultation_not_closed',
  ReportNotPublished = 'report_not_published',
  AttachmentNotFound = 'attachment_not_found',
}

/** Errors of consultations, their forms, moderation and the report. */
export class ConsultationsError extends DomainError {
  constructor(kind: ErrorKind, code: ConsultationsErrorCode, text: Text, fields?: FieldText[]) {
    super(kind, code, text, fields);
  }

  static notFound(): ConsultationsError {
    return new ConsultationsError('not_found', ConsultationsErrorCode.ConsultationNotFound, {
      pl: 'Nie ma takich konsultacji.',
      en: 'There is no such consultation.',
    });
  }

  static areaNotFound(): ConsultationsError {
    return new ConsultationsError('invalid', ConsultationsErrorCode.AreaNotFound, { pl: 'Nie ma takiego obszaru.', en: 'There is no such area.' }, [
      { field: 'areaIds', code: ConsultationsErrorCode.AreaNotFound, text: { pl: 'Nie ma takiego obszaru.', en: 'There is no such area.' } },
    ]);
  }

  static invalidSchedule(fields: FieldText[]): ConsultationsError {
    return new ConsultationsError(
      'invalid',
      ConsultationsErrorCode.InvalidSchedule,
      { pl: 'Terminy konsultacji są niepoprawne.', en: 'The dates of the consultation are not valid.' },
      fields,
    );
  }

  static invalidTransition(from: string, to: string): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.InvalidTransition, {
      pl: `Konsultacji w stanie „${from}” nie można przenieść do stanu „${to}”.`,
      en: `A consultation in state "${from}" cannot move to "${to}".`,
    });
  }

  static notEditable(status: string, what: Text): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.NotEditable, {
      pl: `${what.pl} nie można już zmienić (stan konsultacji: ${status}).`,
      en: `${what.en} can no longer be changed (consultation state: ${status}).`,
    });
  }

  static notOpen(): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.NotOpen, {
      pl: 'Konsultacje nie są teraz otwarte: uwagi i odpowiedzi przyjmowane są tylko w czasie ich trwania.',
      en: 'The consultation is not open: comments and answers are taken only while it runs.',
    });
  }

  static ngoOnly(): ConsultationsError {
    return new ConsultationsError('forbidden', ConsultationsErrorCode.NgoOnly, {
      pl: 'W tych konsultacjach udział biorą tylko organizacje pozarządowe (konto organizacji z numerem KRS).',
      en: 'Only non-governmental organisations (an organisation account with a KRS number) take part in this consultation.',
    });
  }

  static notAnOfficial(): ConsultationsError {
    return new ConsultationsError('forbidden', ConsultationsErrorCode.NotAnOfficial, {
      pl: 'Te konsultacje prowadzą urzędnicy obszarów, których dotyczą.',
      en: 'This consultation is run by the officials of the areas it concerns.',
    });
  }

  static organisationTaken(): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.OrganisationTaken, {
      pl: 'Organizacja o tym numerze KRS ma już konto.',
      en: 'An organisation with this KRS number already has an account.',
    });
  }

  static userNotFound(): ConsultationsError {
    return new ConsultationsError('not_found', ConsultationsErrorCode.UserNotFound, { pl: 'Nie ma takiego konta.', en: 'There is no such account.' });
  }

  static make(kind: ErrorKind, code: ConsultationsErrorCode, text: Text, fields?: FieldText[]): ConsultationsError {
    return new ConsultationsError(kind, code, text, fields);
  }
}

export const field = (path: string, code: string, text: Text): FieldText => ({ field: path, code, text });
