import { ErrorKind, FieldError } from './domain-error';
import { Locale, Text } from './i18n';

/** RFC 9457 problem details, as every error response of the API is shaped. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export const STATUS_OF_KIND: Record<ErrorKind, number> = {
  bad_request: 400,
  invalid: 422,
  uri_too_long: 414,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  unavailable: 503,
};

/** Short titles per status, in both languages. */
export const TITLES: Record<number, Text> = {
  400: { pl: 'Nieprawidłowe żądanie', en: 'Bad request' },
  401: { pl: 'Wymagane zalogowanie', en: 'Authentication required' },
  403: { pl: 'Brak uprawnień', en: 'Forbidden' },
  404: { pl: 'Nie znaleziono', en: 'Not found' },
  405: { pl: 'Niedozwolona metoda', en: 'Method not allowed' },
  409: { pl: 'Konflikt', en: 'Conflict' },
  413: { pl: 'Zbyt duże żądanie', en: 'Payload too large' },
  414: { pl: 'Zbyt długi adres', en: 'URI too long' },
  415: { pl: 'Nieobsługiwany format danych', en: 'Unsupported media type' },
  422: { pl: 'Nieprawidłowe dane', en: 'Invalid data' },
  429: { pl: 'Zbyt wiele żądań', en: 'Too many requests' },
  431: { pl: 'Zbyt duże nagłówki', en: 'Request header fields too large' },
  500: { pl: 'Błąd serwera', en: 'Internal server error' },
  503: { pl: 'Usługa niedostępna', en: 'Service unavailable' },
};

export function titleFor(status: number, locale: Locale): string {
  return (TITLES[status] ?? TITLES[status >= 500 ? 500 : 400])[locale];
}

export function problemType(code: string): string {
  return `https://civitas.dev/problems/${code.replace(/_/g, '-')}`;
}
