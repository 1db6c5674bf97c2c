import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { DomainError, FieldText } from './domain-error';
import { format, Text } from './i18n';
import { assertWellFormedText } from './request-hardening';

/**
 * Polish and English messages per class-validator constraint. {field} is the field path, {n} the first number of
 * the constraint (a length or a bound) when it has one.
 */
const CONSTRAINT_TEXT: Record<string, Text> = {
  whitelistValidation: { pl: 'Pole {field} jest nieznane.', en: 'Field {field} is not allowed.' },
  isDefined: { pl: 'Pole {field} jest wymagane.', en: 'Field {field} is required.' },
  isNotEmpty: { pl: 'Pole {field} nie może być puste.', en: 'Field {field} must not be empty.' },
  isEmail: { pl: 'Pole {field} musi być poprawnym adresem e-mail.', en: 'Field {field} must be a valid e-mail address.' },
  isString: { pl: 'Pole {field} musi być tekstem.', en: 'Field {field} must be a string.' },
  isInt: { pl: 'Pole {field} musi być liczbą całkowitą.', en: 'Field {field} must be an integer.' },
  isNumber: { pl: 'Pole {field} musi być liczbą.', en: 'Field {field} must be a number.' },
  isBoolean: { pl: 'Pole {field} musi mieć wartość true albo false.', en: 'Field {field} must be true or false.' },
  isLatitude: { pl: 'Pole {field} musi być szerokością geograficzną od -90 do 90.', en: 'Field {field} must be a latitude from -90 to 90.' },
  isLongitude: { pl: 'Pole {field} musi być długością geograficzną od -180 do 180.', en: 'Field {field} must be a longitude from -180 to 180.' },
  isUuid: { pl: 'Pole {field} musi być identyfikatorem UUID.', en: 'Field {field} must be a UUID.' },
  isIn: { pl: 'Pole {field} ma niedozwoloną wartość.', en: 'Field {field} has a value that is not allowed.' },
  isEnum: { pl: 'Pole {field} ma niedozwoloną wartość.', en: 'Field {field} has a value that is not allowed.' },
  isArray: { pl: 'Pole {field} musi być listą.', en: 'Field {field} must be a list.' },
  isDateString: { pl: 'Pole {field} musi być datą ISO 8601.', en: 'Field {field} must be an ISO 8601 date.' },
  isIso8601: { pl: 'Pole {field} musi być datą ISO 8601.', en: 'Field {field} must be an ISO 8601 date.' },
  minLength: { pl: 'Pole {field} musi mieć co najmniej {n} znaków.', en: 'Field {field} must be at least {n} characters long.' },
  maxLength: { pl: 'Pole {field} może mieć najwyżej {n} znaków.', en: 'Field {field} must be at most {n} characters long.' },
  min: { pl: 'Pole {field} musi wynosić co najmniej {n}.', en: 'Field {field} must be at least {n}.' },
  max: { pl: 'Pole {field} może wynosić najwyżej {n}.', en: 'Field {field} must be at most {n}.' },
  arrayMinSize: { pl: 'Lista {field} musi mieć co najmniej {n} elementów.', en: 'List {field} must have at least {n} items.' },
  arrayMaxSize: { pl: 'Lista {field} może mieć najwyżej {n} elementów.', en: 'List {field} must have at most {n} items.' },
  nestedValidation: { pl: 'Pole {field} ma nieprawidłową strukturę.', en: 'Field {field} has an invalid structure.' },
};

const FALLBACK: Text = { pl: 'Pole {field} ma nieprawidłową wartość.', en: 'Field {field} has an invalid value.' };

function flatten(errors: ValidationError[], prefix = ''): FieldText[] {
  const out: FieldText[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [code, message] of Object.entries(e.constraints ?? {})) {
      const n = /(-?\d+(?:\.\d+)?)/.exec(message)?.[1] ?? '';
      const t = CONSTRAINT_TEXT[code] ?? FALLBACK;
      // A message set on the decorator (a custom text) is kept as the English one.
      const custom = !(code in CONSTRAINT_TEXT);
      out.push({
        field,
        code,
        text: { pl: format(t.pl, { field, n }), en: custom ? message : format(t.en, { field, n }) },
        ...(custom ? {} : { template: { text: t, n } }),
      });
    }
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

export function validationError(errors: ValidationError[]): DomainError {
  return new DomainError('invalid', 'validation_failed', { pl: 'Dane żądania są nieprawidłowe.', en: 'The request data is invalid.' }, flatten(errors));
}

type Storage = ReturnType<typeof getMetadataStorage>;
const memoised = new WeakSet<Storage>();

/**
 * class-validator looks up a class's rules anew for every object it validates, scanning the rules of every DTO class
 * of the application for inherited ones — the largest part of validating a ballot. The rules are fixed once the
 * classes are loaded, so the lookup (and the grouping by property that follows it) is remembered per class and
 * options, and forgotten whenever a rule is added.
 */
export function memoiseValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (memoised.has(storage)) return;
  memoised.add(storage);
  let lookups = new Map<unknown, Map<string, ValidationMetadata[]>>();
  let groupings = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const forget = () => {
    lookups = new Map();
    groupings = new WeakMap();
  };
  for (const add of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const original = (storage[add] as (...args: unknown[]) => unknown).bind(storage);
    (storage as unknown as Record<string, unknown>)[add] = (...args: unknown[]) => {
      forget();
      return original(...args);
    };
  }
  storage.getTargetValidationMetadatas = (target, schema, always, strict, groups) => {
    const key = `${schema}\u0000${always}\u0000${strict}\u0000${(groups ?? []).join('\u0001')}`;
    let byKey = lookups.get(target);
    if (!byKey) lookups.set(target, (byKey = new Map()));
    let found = byKey.get(key);
    if (!found) byKey.set(key, (found = lookup(target, schema, always, strict, groups)));
    return found;
  };
  storage.groupByPropertyName = (metadata) => {
    let found = groupings.get(metadata);
    if (!found) groupings.set(metadata, (found = group(metadata)));
    return found;
  };
}

/**
 * The global pipe: first text no field may hold (a NUL character, a lone surrogate) anywhere in the body, query or
 * route parameters, then the DTO's rules.
 */
class CivitasValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    assertWellFormedText(value, metadata);
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/** Global validation: strip nothing silently — unknown fields are an error; values are transformed to DTO types. */
export function createValidationPipe(): ValidationPipe {
  memoiseValidationMetadata();
  return new CivitasValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationError(errors),
  });
}
