import { Text } from './i18n';

/** What went wrong, independent of transport; the HTTP filter maps each kind to a status code. */
export type ErrorKind =
  | 'bad_request'
  | 'invalid'
  | 'uri_too_long'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'unavailable';

export interface FieldError {
  /** Dotted path of the field in the request body, e.g. `email` or `items.0.cost`. */
  field: string;
  code: string;
  message: string;
}

/** A field-level error as a service raises it: the field path, a stable code, the text in every language. */
export interface FieldText {
  field: string;
  code: string;
  text: Text;
  /**
   * For a generic rule (validation): the text with `{field}` (and `{n}`) still open, so that a page can name the
   * field by its label where the API names it by its path — the same words either way.
   */
  template?: { text: Text; n: string };
}

/**
 * Base class of every error a service or processor throws on purpose. `code` is stable (clients switch on it);
 * `text` is the user-facing explanation in Polish and English.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly text: Text,
    readonly fields?: FieldText[],
  ) {
    super(text.en);
    this.name = new.target.name;
  }
}
