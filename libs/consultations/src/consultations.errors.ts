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
  /** The generic code of a request whose data is invalid (the same as the validation pipe's). */
  ValidationFailed = 'validation_failed',
}

/** What a moderator tried to do to a comment, as the refusal names it. */
const MODERATION_ACTS: Record<'hide' | 'restore' | 'approve' | 'keep', Text> = {
  hide: { pl: 'ukryć', en: 'hidden' },
  restore: { pl: 'przywrócić', en: 'restored' },
  approve: { pl: 'zatwierdzić', en: 'approved' },
  keep: { pl: 'pozostawić jako rozpatrzonej', en: 'kept as reviewed' },
};

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

  static sectionNotFound(): ConsultationsError {
    return new ConsultationsError('not_found', ConsultationsErrorCode.SectionNotFound, {
      pl: 'Nie ma takiego fragmentu dokumentu.',
      en: 'There is no such section.',
    });
  }

  /** A comment on a section that the current version of the document does not have (422, on `sectionId`). */
  static sectionNotCurrent(): ConsultationsError {
    return new ConsultationsError(
      'invalid',
      ConsultationsErrorCode.SectionNotFound,
      { pl: 'Nie ma takiego fragmentu dokumentu.', en: 'There is no such section.' },
      [
        field('sectionId', ConsultationsErrorCode.SectionNotFound, {
          pl: 'Ten fragment nie należy do obecnej wersji dokumentu tych konsultacji.',
          en: 'This section is not in the current version of this consultation’s document.',
        }),
      ],
    );
  }

  static invalidDocument(problems: FieldText[]): ConsultationsError {
    return new ConsultationsError(
      'invalid',
      ConsultationsErrorCode.InvalidDocument,
      { pl: 'Dokument jest niepoprawny.', en: 'The document is not valid.' },
      problems,
    );
  }

  static documentVersionNotFound(version: number): ConsultationsError {
    return new ConsultationsError('not_found', ConsultationsErrorCode.InvalidDocument, {
      pl: `Dokument tych konsultacji nie ma wersji ${version}.`,
      en: `The document of this consultation has no version ${version}.`,
    });
  }

  static attachmentNotFound(): ConsultationsError {
    return new ConsultationsError('not_found', ConsultationsErrorCode.AttachmentNotFound, {
      pl: 'Nie ma takiego załącznika.',
      en: 'There is no such attachment.',
    });
  }

  /** An upload without a file name or with an empty body (422, on `name` or on `body`). */
  static emptyUpload(missing: 'name' | 'body'): ConsultationsError {
    return new ConsultationsError(
      'invalid',
      ConsultationsErrorCode.ValidationFailed,
      { pl: 'Dane żądania są nieprawidłowe.', en: 'The request data is invalid.' },
      [
        missing === 'name'
          ? { field: 'name', code: 'isNotEmpty', text: { pl: 'Podaj nazwę pliku.', en: 'Give the file name.' } }
          : { field: 'body', code: 'isNotEmpty', text: { pl: 'Plik nie może być pusty.', en: 'The file must not be empty.' } },
      ],
    );
  }

  static fileTooLarge(): ConsultationsError {
    return new ConsultationsError('too_large', ConsultationsErrorCode.InvalidDocument, {
      pl: 'Plik może mieć najwyżej 10 MiB.',
      en: 'A file may have at most 10 MiB.',
    });
  }

  static unsupportedFileType(): ConsultationsError {
    return new ConsultationsError('unsupported_media_type', ConsultationsErrorCode.InvalidDocument, {
      pl: 'Przyjmujemy pliki PDF, PNG i JPEG, których zawartość odpowiada podanemu typowi.',
      en: 'We take PDF, PNG and JPEG files whose content matches the declared type.',
    });
  }

  static tooManyAttachments(max: number): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.InvalidDocument, {
      pl: `Konsultacje mogą mieć najwyżej ${max} załączników.`,
      en: `A consultation may have at most ${max} attachments.`,
    });
  }

  static invalidComment(problems: FieldText[]): ConsultationsError {
    return new ConsultationsError(
      'invalid',
      ConsultationsErrorCode.InvalidComment,
      { pl: 'Uwaga jest niepoprawna.', en: 'The comment is not valid.' },
      problems,
    );
  }

  static commentNotFound(): ConsultationsError {
    return new ConsultationsError('not_found', ConsultationsErrorCode.CommentNotFound, { pl: 'Nie ma takiej uwagi.', en: 'There is no such comment.' });
  }

  static notAModerator(): ConsultationsError {
    return new ConsultationsError('forbidden', ConsultationsErrorCode.NotAnOfficial, {
      pl: 'Uwagi w tych konsultacjach moderują moderatorzy i urzędnicy obszarów, których dotyczą.',
      en: 'Comments in this consultation are moderated by moderators and officials of the areas it concerns.',
    });
  }

  static alreadyReported(): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.AlreadyReported, {
      pl: 'Ta uwaga została już przez Ciebie zgłoszona.',
      en: 'You have already reported this comment.',
    });
  }

  /** A moderation act the comment's status does not allow. */
  static moderationNotAllowed(status: string, act: keyof typeof MODERATION_ACTS): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.InvalidModeration, {
      pl: `Uwagi w stanie „${status}” nie można ${MODERATION_ACTS[act].pl}.`,
      en: `A comment in state "${status}" cannot be ${MODERATION_ACTS[act].en}.`,
    });
  }

  static noOpenReports(): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.InvalidModeration, {
      pl: 'Ta uwaga nie ma zgłoszeń do rozpatrzenia.',
      en: 'This comment has no reports waiting to be dealt with.',
    });
  }

  static awaitsModeration(): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.InvalidModeration, {
      pl: 'Ta uwaga czeka na moderację: najpierw ją dopuść albo ukryj.',
      en: 'This comment awaits moderation: approve or hide it first.',
    });
  }

  /** A response to a comment without a justification (422, on `justification`). */
  static justificationRequired(): ConsultationsError {
    const text = { pl: 'Uzasadnij odpowiedź.', en: 'Justify the response.' };
    return new ConsultationsError('invalid', ConsultationsErrorCode.InvalidModeration, text, [field('justification', 'required', text)]);
  }

  static notClosedForResponses(): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.NotClosed, {
      pl: 'Odpowiedzi na uwagi i raport przygotowuje się po zamknięciu konsultacji.',
      en: 'Responses and the report are prepared once the consultation has closed.',
    });
  }

  static notClosedForReport(): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.NotClosed, {
      pl: 'Raport przygotowuje się po zamknięciu konsultacji.',
      en: 'The report is prepared once the consultation has closed.',
    });
  }

  static reportNotPublished(): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.ReportNotPublished, {
      pl: 'Raport z tych konsultacji nie został jeszcze opublikowany.',
      en: 'The report of this consultation has not been published yet.',
    });
  }

  static unanswered(n: number): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.Unanswered, {
      pl: `Raportu nie można opublikować: ${n} uwag(i) bez odpowiedzi (lub czeka na moderację).`,
      en: `The report cannot be published: ${n} comment(s) without a response (or awaiting moderation).`,
    });
  }

  static questionNotFound(): ConsultationsError {
    return new ConsultationsError('not_found', ConsultationsErrorCode.QuestionNotFound, { pl: 'Nie ma takiego pytania.', en: 'There is no such question.' });
  }

  static surveyFrozen(status: string): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.SurveyClosed, {
      pl: `Pytań ankiety nie można już zmieniać (konsultacje: ${status}); można je zmieniać tylko przed otwarciem konsultacji.`,
      en: `The survey questions can no longer be changed (consultation: ${status}); they can only be changed before the consultation opens.`,
    });
  }

  static invalidSurvey(fields: FieldText[]): ConsultationsError {
    return new ConsultationsError(
      'invalid',
      ConsultationsErrorCode.InvalidSurvey,
      { pl: 'Pytania ankiety zawierają błędy.', en: 'The survey questions have errors.' },
      fields,
    );
  }

  static invalidAnswers(fields: FieldText[]): ConsultationsError {
    return new ConsultationsError(
      'invalid',
      ConsultationsErrorCode.InvalidAnswers,
      { pl: 'Odpowiedzi na ankietę zawierają błędy.', en: 'The survey answers have errors.' },
      fields,
    );
  }

  static noSurvey(): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.SurveyClosed, {
      pl: 'Te konsultacje nie mają ankiety.',
      en: 'This consultation has no survey.',
    });
  }

  static accountRequired(): ConsultationsError {
    return new ConsultationsError('unauthorized', ConsultationsErrorCode.AccountRequired, {
      pl: 'Na tę ankietę odpowiada się po zalogowaniu.',
      en: 'You must be signed in to answer this survey.',
    });
  }

  static alreadyResponded(): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.AlreadyResponded, {
      pl: 'Na tę ankietę już odpowiedziano; każdy uczestnik odpowiada raz.',
      en: 'This survey has already been answered; each participant answers once.',
    });
  }

  static responseNotFound(): ConsultationsError {
    return new ConsultationsError('not_found', ConsultationsErrorCode.ResponseNotFound, { pl: 'Nie ma takiej odpowiedzi.', en: 'There is no such response.' });
  }

  static surveyClosed(): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.SurveyClosed, {
      pl: 'Ankieta jest zamknięta: konsultacje nie są otwarte.',
      en: 'The survey is closed: the consultation is not open.',
    });
  }

  static codeExpired(): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.CodeExpired, {
      pl: 'Kod potwierdzenia wygasł albo nie został jeszcze wysłany.',
      en: 'The confirmation code has expired or has not been sent yet.',
    });
  }

  static tooManyAttempts(): ConsultationsError {
    return new ConsultationsError('too_many_requests', ConsultationsErrorCode.TooManyAttempts, {
      pl: 'Wpisano błędny kod zbyt wiele razy; tej odpowiedzi nie można już potwierdzić.',
      en: 'A wrong code was entered too many times; this response can no longer be confirmed.',
    });
  }

  static wrongCode(left: number): ConsultationsError {
    const text = { pl: `Błędny kod. Pozostałe próby: ${left}.`, en: `Wrong code. Attempts left: ${left}.` };
    return new ConsultationsError('invalid', ConsultationsErrorCode.WrongCode, text, [field('code', ConsultationsErrorCode.WrongCode, text)]);
  }

  static meetingNotFound(): ConsultationsError {
    return new ConsultationsError('not_found', ConsultationsErrorCode.MeetingNotFound, { pl: 'Nie ma takiego spotkania.', en: 'There is no such meeting.' });
  }

  static invalidMeeting(fields: FieldText[]): ConsultationsError {
    return new ConsultationsError(
      'invalid',
      ConsultationsErrorCode.InvalidSchedule,
      { pl: 'Dane spotkania są niepoprawne.', en: 'The meeting is not valid.' },
      fields,
    );
  }

  static registrationClosed(): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.NotOpen, {
      pl: 'Na spotkania tych konsultacji nie można się już zapisać (zapisy trwają od ogłoszenia do zakończenia konsultacji).',
      en: 'Registration for the meetings of this consultation is closed (it runs from the announcement until the consultation closes).',
    });
  }

  static meetingFull(): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.MeetingFull, {
      pl: 'Na to spotkanie nie ma już wolnych miejsc.',
      en: 'There are no places left at this meeting.',
    });
  }

  static meetingOver(): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.MeetingOver, {
      pl: 'To spotkanie już się rozpoczęło lub odbyło: zapisy są zamknięte.',
      en: 'This meeting has already started or taken place: registration is closed.',
    });
  }

  static alreadyRegistered(): ConsultationsError {
    return new ConsultationsError('conflict', ConsultationsErrorCode.AlreadyRegistered, {
      pl: 'To konto jest już zapisane na to spotkanie.',
      en: 'This account is already registered for this meeting.',
    });
  }
}

export const field = (path: string, code: string, text: Text): FieldText => ({ field: path, code, text });
