import { DomainError } from '@civitas/common';

/** The 404 of a page route (unknown path, unknown id in a page's URL). */
export function pageNotFound(): DomainError {
  return new DomainError('not_found', 'not_found', { pl: 'Nie ma takiej strony.', en: 'There is no such page.' });
}
