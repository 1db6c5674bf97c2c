import { DomainError, ErrorKind, FieldText, Text } from '@civitas/common';

export enum BudgetErrorCode {
  EditionNotFound = 'edition_not_found',
  EditionNameTaken = 'edition_name_taken',
  InvalidPhasePlan = 'invalid_phase_plan',
  PoolNotFound = 'pool_not_found',
  CategoryNotFound = 'category_not_found',
  AreaNotFound = 'area_not_found',
  SignatureCapExceeded = 'signature_cap_exceeded',
  InvalidCostLimits = 'invalid_cost_limits',
  ProjectNotFound = 'project_not_found',
  WrongPhase = 'wrong_phase',
  InvalidTransition = 'invalid_transition',
  NotAnAuthor = 'not_an_author',
  IncompleteProject = 'incomplete_project',
  CostOutOfRange = 'cost_out_of_range',
  AreaOutsidePool = 'area_outside_pool',
  OwnProject = 'own_project_endorsement',
  EndorsementsClosed = 'endorsements_closed',
  EditionNotEditable = 'edition_not_editable',
  NameTaken = 'name_taken',
  CriteriaMismatch = 'criteria_mismatch',
  InconsistentReview = 'inconsistent_review',
  DeadlinePassed = 'deadline_passed',
  TooManyAuthors = 'too_many_authors',
  AlreadyAuthor = 'already_author',
  InvitationNotFound = 'invitation_not_found',
  AuthorNotFound = 'author_not_found',
  EmailNotVerified = 'email_not_verified',
  UnsupportedFileType = 'unsupported_file_type',
  FileTooLarge = 'file_too_large',
  TooManyAttachments = 'too_many_attachments',
  AttachmentNotFound = 'attachment_not_found',
  AttachmentInUse = 'attachment_in_use',
  NotASupportList = 'not_a_support_list',
  SupportInsufficient = 'support_insufficient',
  ProposalPending = 'proposal_pending',
  ProposalNotFound = 'proposal_not_found',
  MergeNotFound = 'merge_not_found',
  MergeInvalid = 'merge_invalid',
  ExclusionInvalid = 'exclusion_invalid',
  ExclusionNotFound = 'exclusion_not_found',
  BallotNotReady = 'ballot_not_ready',
  NotSelected = 'not_selected',
  ResultsNotPublished = 'results_not_published',
  InvalidImplementationUpdate = 'invalid_implementation_update',
  ImplementationUpdateNotFound = 'implementation_update_not_found',
  PhotoNotFound = 'photo_not_found',
  TooManyPhotos = 'too_many_photos',
}

const PHASE_NAMES: Record<string, Text> = {
  submission: { pl: 'składania projektów', en: 'submission' },
  formal_review: { pl: 'oceny formalnej', en: 'formal review' },
  merit_review: { pl: 'oceny merytorycznej', en: 'merit review' },
  appeals: { pl: 'odwołań', en: 'appeals' },
  ballot_list: { pl: 'ustalania listy do głosowania', en: 'ballot list' },
  voting: { pl: 'głosowania', en: 'voting' },
  vote_verification: { pl: 'weryfikacji głosów', en: 'vote verification' },
  results: { pl: 'ogłaszania wyników', en: 'results' },
  implementation: { pl: 'realizacji', en: 'implementation' },
};

export class BudgetError extends DomainError {
  constructor(kind: ErrorKind, code: BudgetErrorCode, text: Text, fields?: FieldText[]) {
    super(kind, code, text, fields);
  }

  static editionNotFound(): BudgetError {
    return new BudgetError('not_found', BudgetErrorCode.EditionNotFound, { pl: 'Nie ma takiej edycji budżetu.', en: 'There is no such budget edition.' });
  }

  static editionNameTaken(): BudgetError {
    return new BudgetError(
      'conflict',
      BudgetErrorCode.EditionNameTaken,
      { pl: 'Edycja o tej nazwie już istnieje.', en: 'An edition with this name already exists.' },
      [{ field: 'name', code: BudgetErrorCode.EditionNameTaken, text: { pl: 'Ta nazwa jest już zajęta.', en: 'This name is already taken.' } }],
    );
  }

  static criteriaMismatch(expected: string[]): BudgetError {
    const text = {
      pl: `Ocena musi zawierać rozstrzygnięcie i uzasadnienie dla każdego kryterium edycji, dokładnie raz: ${expected.join(', ')}.`,
      en: `A review must give a verdict and a justification for each of the edition's criteria, exactly once: ${expected.join(', ')}.`,
    };
    return new BudgetError('invalid', BudgetErrorCode.CriteriaMismatch, text, [{ field: 'criteria', code: BudgetErrorCode.CriteriaMismatch, text }]);
  }

  static inconsistentReview(): BudgetError {
    const text = {
      pl: 'Wynik pozytywny wymaga spełnienia wszystkich kryteriów, a negatywny lub wezwanie do poprawek — co najmniej jednego niespełnionego.',
      en: 'A positive outcome needs every criterion met; a negative one or a correction request needs at least one not met.',
    };
    return new BudgetError('invalid', BudgetErrorCode.InconsistentReview, text, [{ field: 'outcome', code: BudgetErrorCode.InconsistentReview, text }]);
  }

  static deadlinePassed(what: Text): BudgetError {
    return new BudgetError('conflict', BudgetErrorCode.DeadlinePassed, {
      pl: `Termin na ${what.pl} minął.`,
      en: `The deadline for ${what.en} has passed.`,
    });
  }

  static nameTaken(what: Text): BudgetError {
    return new BudgetError(
      'conflict',
      BudgetErrorCode.NameTaken,
      { pl: `${what.pl} o tej nazwie już istnieje w tej edycji.`, en: `${what.en} with this name already exists in this edition.` },
      [{ field: 'name', code: BudgetErrorCode.NameTaken, text: { pl: 'Ta nazwa jest już zajęta.', en: 'This name is already taken.' } }],
    );
  }

  static invalidPhasePlan(problems: Text[]): BudgetError {
    return new BudgetError(
      'invalid',
      BudgetErrorCode.InvalidPhasePlan,
      {
        pl: 'Harmonogram musi zawierać każdą fazę raz, w kolejności i bez nakładania się.',
        en: 'The schedule must have every phase once, in order and without overlaps.',
      },
      problems.map((text) => ({ field: 'phases', code: BudgetErrorCode.InvalidPhasePlan, text })),
    );
  }

  static poolNotFound(field = 'poolId'): BudgetError {
    return new BudgetError('invalid', BudgetErrorCode.PoolNotFound, { pl: 'Nie ma takiej puli w tej edycji.', en: 'There is no such pool in this edition.' }, [
      { field, code: BudgetErrorCode.PoolNotFound, text: { pl: 'Nieznana pula.', en: 'Unknown pool.' } },
    ]);
  }

  static categoryNotFound(field = 'categoryId'): BudgetError {
    return new BudgetError(
      'invalid',
      BudgetErrorCode.CategoryNotFound,
      { pl: 'Nie ma takiej kategorii w tej edycji.', en: 'There is no such category in this edition.' },
      [{ field, code: BudgetErrorCode.CategoryNotFound, text: { pl: 'Nieznana kategoria.', en: 'Unknown category.' } }],
    );
  }

  static areaNotFound(field = 'areaId'): BudgetError {
    return new BudgetError('invalid', BudgetErrorCode.AreaNotFound, { pl: 'Nie ma takiego obszaru.', en: 'There is no such area.' }, [
      { field, code: BudgetErrorCode.AreaNotFound, text: { pl: 'Nieznany obszar.', en: 'Unknown area.' } },
    ]);
  }

  static signatureCapExceeded(required: number, cap: number, residents: number): BudgetError {
    const text = {
      pl: `Wymagana liczba podpisów (${required}) przekracza ustawowy limit: najwyżej 0,1% mieszkańców obszaru puli, czyli ${cap} (mieszkańców: ${residents}; art. 5a ust. 7 ustawy o samorządzie gminnym).`,
      en: `The required number of signatures (${required}) exceeds the statutory cap: at most 0.1% of the residents of the pool's area, i.e. ${cap} (residents: ${residents}; art. 5a(7) of the Municipal Self-Government Act).`,
    };
    return new BudgetError('invalid', BudgetErrorCode.SignatureCapExceeded, text, [
      { field: 'signaturesRequired', code: BudgetErrorCode.SignatureCapExceeded, text },
    ]);
  }

  static invalidCostLimits(text: Text): BudgetError {
    return new BudgetError('invalid', BudgetErrorCode.InvalidCostLimits, text, [{ field: 'maxCost', code: BudgetErrorCode.InvalidCostLimits, text }]);
  }

  static projectNotFound(): BudgetError {
    return new BudgetError('not_found', BudgetErrorCode.ProjectNotFound, { pl: 'Nie ma takiego projektu.', en: 'There is no such project.' });
  }

  static wrongPhase(action: Text, phase: string, current: string | null): BudgetError {
    const name = PHASE_NAMES[phase] ?? { pl: phase, en: phase };
    const now = current ? (PHASE_NAMES[current] ?? { pl: current, en: current }) : null;
    return new BudgetError('conflict', BudgetErrorCode.WrongPhase, {
      pl: `${action.pl} można tylko w fazie ${name.pl}${now ? ` (trwa faza ${now.pl})` : ' (żadna faza teraz nie trwa)'}.`,
      en: `${action.en} is possible only in the ${name.en} phase${now ? ` (now: ${now.en})` : ' (no phase is under way)'}.`,
    });
  }

  /** `action`: what was attempted, e.g. { pl: 'zgłosić', en: 'submitted' }. */
  static invalidTransition(from: string, action: Text): BudgetError {
    return new BudgetError('conflict', BudgetErrorCode.InvalidTransition, {
      pl: `Projektu o statusie „${from}” nie można ${action.pl}.`,
      en: `A project with status "${from}" cannot be ${action.en}.`,
    });
  }

  static notAnAuthor(): BudgetError {
    return new BudgetError('forbidden', BudgetErrorCode.NotAnAuthor, {
      pl: 'Tylko autorzy projektu mogą to zrobić.',
      en: 'Only the authors of the project can do this.',
    });
  }

  static incomplete(missing: string[]): BudgetError {
    return new BudgetError(
      'invalid',
      BudgetErrorCode.IncompleteProject,
      { pl: 'Projekt nie jest kompletny: uzupełnij wymagane pola.', en: 'The project is incomplete: fill in the required fields.' },
      missing.map((field) => ({
        field,
        code: BudgetErrorCode.IncompleteProject,
        text: { pl: `Pole ${field} jest wymagane przed zgłoszeniem.`, en: `Field ${field} is required before submission.` },
      })),
    );
  }

  static costOutOfRange(total: number, min: number | null, max: number | null): BudgetError {
    const zl = (g: number) => `${(g / 100).toFixed(2)} zł`;
    const text = {
      pl: `Koszt projektu (${zl(total)}) jest poza limitem puli${min !== null ? `: co najmniej ${zl(min)}` : ''}${max !== null ? `${min !== null ? ',' : ':'} najwyżej ${zl(max)}` : ''}.`,
      en: `The project's cost (${zl(total)}) is outside the pool's limits${min !== null ? `: at least ${zl(min)}` : ''}${max !== null ? `${min !== null ? ',' : ':'} at most ${zl(max)}` : ''}.`,
    };
    return new BudgetError('invalid', BudgetErrorCode.CostOutOfRange, text, [{ field: 'costItems', code: BudgetErrorCode.CostOutOfRange, text }]);
  }

  static areaOutsidePool(): BudgetError {
    const text = { pl: 'Lokalizacja projektu leży poza obszarem puli.', en: "The project's location is outside the pool's area." };
    return new BudgetError('invalid', BudgetErrorCode.AreaOutsidePool, text, [{ field: 'areaId', code: BudgetErrorCode.AreaOutsidePool, text }]);
  }

  static ownProject(): BudgetError {
    return new BudgetError('conflict', BudgetErrorCode.OwnProject, {
      pl: 'Autor nie może poprzeć własnego projektu.',
      en: 'An author cannot endorse their own project.',
    });
  }

  static endorsementsClosed(): BudgetError {
    return new BudgetError('conflict', BudgetErrorCode.EndorsementsClosed, {
      pl: 'Tego projektu nie można teraz poprzeć.',
      en: 'This project cannot be endorsed now.',
    });
  }

  static editionNotEditable(): BudgetError {
    return new BudgetError('conflict', BudgetErrorCode.EditionNotEditable, {
      pl: 'Pul opublikowanej edycji nie można już zmieniać po rozpoczęciu składania projektów.',
      en: 'The pools of a published edition cannot change once submission has started.',
    });
  }

  static tooManyAuthors(max: number): BudgetError {
    return new BudgetError('conflict', BudgetErrorCode.TooManyAuthors, {
      pl: `Projekt może mieć najwyżej ${max} autorów (razem z autorem głównym i zaproszeniami, na które nie odpowiedziano).`,
      en: `A project can have at most ${max} authors (the main author and unanswered invitations included).`,
    });
  }

  static alreadyAuthor(): BudgetError {
    const text = { pl: 'Ta osoba jest już autorem projektu lub ma zaproszenie.', en: 'This person is already an author of the project or has been invited.' };
    return new BudgetError('conflict', BudgetErrorCode.AlreadyAuthor, text, [{ field: 'email', code: BudgetErrorCode.AlreadyAuthor, text }]);
  }

  static invitationNotFound(): BudgetError {
    return new BudgetError('not_found', BudgetErrorCode.InvitationNotFound, {
      pl: 'Nie ma zaproszenia do współautorstwa tego projektu dla Twojego adresu e-mail.',
      en: 'There is no co-author invitation to this project for your e-mail address.',
    });
  }

  static emailNotVerified(): BudgetError {
    return new BudgetError('forbidden', BudgetErrorCode.EmailNotVerified, {
      pl: 'Potwierdź najpierw swój adres e-mail: zaproszenie jest dla tego adresu.',
      en: 'Confirm your e-mail address first: the invitation is for that address.',
    });
  }

  static unsupportedFileType(): BudgetError {
    return new BudgetError('unsupported_media_type', BudgetErrorCode.UnsupportedFileType, {
      pl: 'Załącznik musi być plikiem PDF, PNG lub JPEG, a jego zawartość musi odpowiadać podanemu typowi.',
      en: 'An attachment must be a PDF, PNG or JPEG file whose content matches the declared type.',
    });
  }

  static fileTooLarge(max: number): BudgetError {
    return new BudgetError('too_large', BudgetErrorCode.FileTooLarge, {
      pl: `Załącznik jest zbyt duży: najwyżej ${Math.floor(max / 1024 / 1024)} MB.`,
      en: `The attachment is too large: at most ${Math.floor(max / 1024 / 1024)} MB.`,
    });
  }

  static tooManyAttachments(max: number): BudgetError {
    return new BudgetError('conflict', BudgetErrorCode.TooManyAttachments, {
      pl: `Projekt może mieć najwyżej ${max} załączników.`,
      en: `A project can have at most ${max} attachments.`,
    });
  }

  static attachmentNotFound(field?: string): BudgetError {
    const text = { pl: 'Nie ma takiego załącznika tego projektu.', en: 'There is no such attachment of this project.' };
    return new BudgetError(
      field ? 'invalid' : 'not_found',
      BudgetErrorCode.AttachmentNotFound,
      text,
      field ? [{ field, code: BudgetErrorCode.AttachmentNotFound, text }] : undefined,
    );
  }

  static attachmentInUse(): BudgetError {
    return new BudgetError('conflict', BudgetErrorCode.AttachmentInUse, {
      pl: 'Podpisy z tej listy zostały już policzone; listy nie można usunąć.',
      en: 'The signatures on this list have been counted; the list cannot be removed.',
    });
  }

  static notASupportList(): BudgetError {
    const text = {
      pl: 'Ten załącznik nie jest listą poparcia albo jego podpisy zostały już wpisane.',
      en: 'This attachment is not a support list, or its signatures have already been entered.',
    };
    return new BudgetError('conflict', BudgetErrorCode.NotASupportList, text, [{ field: 'attachmentId', code: BudgetErrorCode.NotASupportList, text }]);
  }

  static supportInsufficient(have: number, required: number): BudgetError {
    return new BudgetError('conflict', BudgetErrorCode.SupportInsufficient, {
      pl: `Projekt ma ${have} podpisów poparcia, a pula wymaga ${required}: nie może przejść oceny formalnej.`,
      en: `The project has ${have} support signatures and the pool requires ${required}: it cannot pass the formal review.`,
    });
  }

  static proposalPending(): BudgetError {
    return new BudgetError('conflict', BudgetErrorCode.ProposalPending, {
      pl: 'Autorzy nie odpowiedzieli jeszcze na poprzednią propozycję korekty kosztu.',
      en: 'The authors have not answered the previous cost correction yet.',
    });
  }

  static proposalNotFound(): BudgetError {
    return new BudgetError('not_found', BudgetErrorCode.ProposalNotFound, {
      pl: 'Nie ma takiej oczekującej propozycji korekty kosztu.',
      en: 'There is no such pending cost correction.',
    });
  }

  static mergeNotFound(): BudgetError {
    return new BudgetError('not_found', BudgetErrorCode.MergeNotFound, {
      pl: 'Nie ma takiej propozycji połączenia projektów.',
      en: 'There is no such merge proposal.',
    });
  }

  static mergeInvalid(text: Text): BudgetError {
    return new BudgetError('conflict', BudgetErrorCode.MergeInvalid, text, [{ field: 'projectIds', code: BudgetErrorCode.MergeInvalid, text }]);
  }

  static exclusionInvalid(text: Text): BudgetError {
    return new BudgetError('invalid', BudgetErrorCode.ExclusionInvalid, text, [{ field: 'projectIds', code: BudgetErrorCode.ExclusionInvalid, text }]);
  }

  static exclusionNotFound(): BudgetError {
    return new BudgetError('not_found', BudgetErrorCode.ExclusionNotFound, {
      pl: 'Nie ma takiej grupy projektów wykluczających się.',
      en: 'There is no such group of mutually exclusive projects.',
    });
  }

  static ballotNotReady(text: Text): BudgetError {
    return new BudgetError('conflict', BudgetErrorCode.BallotNotReady, text);
  }

  static authorNotFound(): BudgetError {
    return new BudgetError('not_found', BudgetErrorCode.AuthorNotFound, {
      pl: 'Ta osoba nie jest współautorem projektu.',
      en: 'This person is not a co-author of the project.',
    });
  }

  static notSelected(status: string): BudgetError {
    return new BudgetError('conflict', BudgetErrorCode.NotSelected, {
      pl: `Realizację prowadzi się tylko dla projektów wybranych w głosowaniu; ten projekt ma status „${status}”.`,
      en: `Only projects selected in the vote are implemented; this project has status "${status}".`,
    });
  }

  static resultsNotPublished(): BudgetError {
    return new BudgetError('conflict', BudgetErrorCode.ResultsNotPublished, {
      pl: 'Wyniki głosowania w tej edycji nie zostały jeszcze ogłoszone: nie wiadomo, czy projekt został wybrany.',
      en: 'The results of this edition have not been published yet: it is not known whether the project was selected.',
    });
  }

  /** A progress update that breaks a rule of the implementation; one entry per field (422). */
  static invalidImplementationUpdate(fields: FieldText[]): BudgetError {
    return new BudgetError(
      'invalid',
      BudgetErrorCode.InvalidImplementationUpdate,
      { pl: 'Informacja o realizacji projektu jest nieprawidłowa.', en: 'The implementation update is invalid.' },
      fields,
    );
  }

  static implementationFinished(status: string): BudgetError {
    return new BudgetError('conflict', BudgetErrorCode.InvalidTransition, {
      pl: `Realizacja projektu została już zakończona (${status === 'implemented' ? 'zrealizowany' : 'zaniechany'}): nie można dodać kolejnej informacji.`,
      en: `The implementation of the project has ended (${status}): no further update can be posted.`,
    });
  }

  static implementationUpdateNotFound(): BudgetError {
    return new BudgetError('not_found', BudgetErrorCode.ImplementationUpdateNotFound, {
      pl: 'Nie ma takiej informacji o realizacji projektu.',
      en: 'There is no such implementation update.',
    });
  }

  static photoNotFound(): BudgetError {
    return new BudgetError('not_found', BudgetErrorCode.PhotoNotFound, {
      pl: 'Nie ma takiego zdjęcia z realizacji tego projektu.',
      en: 'There is no such photo of the implementation of this project.',
    });
  }

  static tooManyPhotos(max: number): BudgetError {
    return new BudgetError('conflict', BudgetErrorCode.TooManyPhotos, {
      pl: `Do jednej informacji o realizacji można dodać najwyżej ${max} zdjęć.`,
      en: `An implementation update can have at most ${max} photos.`,
    });
  }

  static unsupportedPhotoType(): BudgetError {
    return new BudgetError('unsupported_media_type', BudgetErrorCode.UnsupportedFileType, {
      pl: 'Zdjęcie musi być plikiem PNG lub JPEG, a jego zawartość musi odpowiadać podanemu typowi.',
      en: 'A photo must be a PNG or JPEG file whose content matches the declared type.',
    });
  }

  static photoTooLarge(max: number): BudgetError {
    return new BudgetError('too_large', BudgetErrorCode.FileTooLarge, {
      pl: `Zdjęcie jest zbyt duże: najwyżej ${Math.floor(max / 1024 / 1024)} MB.`,
      en: `The photo is too large: at most ${Math.floor(max / 1024 / 1024)} MB.`,
    });
  }
}
