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

  static invalidPhasePlan(problems: string[]): BudgetError {
    return new BudgetError(
      'invalid',
      BudgetErrorCode.InvalidPhasePlan,
      {
        pl: 'Harmonogram musi zawierać każdą fazę raz, w kolejności i bez nakładania się.',
        en: 'The schedule must have every phase once, in order and without overlaps.',
      },
      problems.map((p) => ({ field: 'phases', code: BudgetErrorCode.InvalidPhasePlan, text: { pl: p, en: p } })),
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
    const now = current ? PHASE_NAMES[current] ?? { pl: current, en: current } : null;
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
}
