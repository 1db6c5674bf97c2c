import { DomainError, ErrorKind, FieldText, Text } from '@civitas/common';

export enum AreasErrorCode {
  AreaNotFound = 'area_not_found',
  NameTaken = 'area_name_taken',
  InvalidPlacement = 'invalid_area_placement',
}

export class AreasError extends DomainError {
  constructor(kind: ErrorKind, code: AreasErrorCode, text: Text, fields?: FieldText[]) {
    super(kind, code, text, fields);
  }

  static notFound(): AreasError {
    return new AreasError('not_found', AreasErrorCode.AreaNotFound, { pl: 'Nie ma takiego obszaru.', en: 'There is no such area.' });
  }

  static nameTaken(): AreasError {
    return new AreasError(
      'conflict',
      AreasErrorCode.NameTaken,
      {
        pl: 'Obszar o tej nazwie już istnieje w tym samym obszarze nadrzędnym.',
        en: 'An area with this name already exists under the same parent.',
      },
      [
        {
          field: 'name',
          code: AreasErrorCode.NameTaken,
          text: { pl: 'Ta nazwa jest już zajęta.', en: 'This name is already taken.' },
        },
      ],
    );
  }

  static invalidPlacement(fields: FieldText[]): AreasError {
    return new AreasError(
      'invalid',
      AreasErrorCode.InvalidPlacement,
      { pl: 'Obszaru nie można umieścić w tym miejscu hierarchii.', en: 'The area cannot be placed there in the hierarchy.' },
      fields,
    );
  }
}
