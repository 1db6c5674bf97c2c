import { DomainError, ErrorKind, FieldText, Text } from '@civitas/common';

export enum VotingErrorCode {
  EditionNotFound = 'edition_not_found',
  PoolNotFound = 'pool_not_found',
  VotingNotClosed = 'voting_not_closed',
  NoVotingPolicy = 'no_voting_policy',
  TallyInProgress = 'tally_in_progress',
  NoTally = 'no_tally',
  AlreadyPublished = 'results_already_published',
  NotPublished = 'results_not_published',
  InvalidImport = 'invalid_import',
}

/** Errors of the tally, the results and their publication. */
export class VotingError extends DomainError {
  constructor(kind: ErrorKind, code: VotingErrorCode, text: Text, fields?: FieldText[]) {
    super(kind, code, text, fields);
  }

  static editionNotFound(): VotingError {
    return new VotingError('not_found', VotingErrorCode.EditionNotFound, { pl: 'Nie ma takiej edycji budżetu.', en: 'There is no such budget edition.' });
  }

  static poolNotFound(): VotingError {
    return new VotingError('not_found', VotingErrorCode.PoolNotFound, { pl: 'Nie ma takiej puli w tej edycji.', en: 'There is no such pool in this edition.' });
  }

  static votingNotClosed(): VotingError {
    return new VotingError('conflict', VotingErrorCode.VotingNotClosed, {
      pl: 'Głosy można policzyć dopiero po zakończeniu głosowania (w fazie weryfikacji głosów lub później).',
      en: 'The votes can be counted only once voting has closed (in the vote verification phase or later).',
    });
  }

  static noVotingPolicy(): VotingError {
    return new VotingError('conflict', VotingErrorCode.NoVotingPolicy, {
      pl: 'Edycja nie ma ustalonych zasad głosowania (reguły wyboru i ziarna losowania).',
      en: 'The edition has no voting policy (outcome rule and tie-break seed).',
    });
  }

  static tallyInProgress(): VotingError {
    return new VotingError('conflict', VotingErrorCode.TallyInProgress, {
      pl: 'Liczenie głosów tej edycji już trwa; poczekaj na jego zakończenie.',
      en: 'A tally of this edition is already under way; wait for it to finish.',
    });
  }

  static noTally(): VotingError {
    return new VotingError('conflict', VotingErrorCode.NoTally, {
      pl: 'Nie ma zakończonego liczenia głosów tej edycji: najpierw policz głosy.',
      en: 'There is no finished tally of this edition: run the tally first.',
    });
  }

  static alreadyPublished(): VotingError {
    return new VotingError('conflict', VotingErrorCode.AlreadyPublished, {
      pl: 'Wyniki tej edycji zostały już opublikowane.',
      en: 'The results of this edition have already been published.',
    });
  }

  static notPublished(): VotingError {
    return new VotingError('conflict', VotingErrorCode.NotPublished, {
      pl: 'Wyniki tej edycji nie zostały jeszcze opublikowane.',
      en: 'The results of this edition have not been published yet.',
    });
  }

  static invalidImport(text: Text): VotingError {
    return new VotingError('invalid', VotingErrorCode.InvalidImport, text);
  }
}
