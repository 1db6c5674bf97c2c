import { IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DomainError } from '@civitas/common';
import { formErrorsOf, parseForm } from './form';

class Dto {
  @IsString() @MinLength(1) @MaxLength(10) name: string;
  @IsOptional() @IsString() @MaxLength(5) nick?: string;
  @IsArray() @IsIn(['a', 'b'], { each: true }) topics: string[];
  @IsOptional() @IsBoolean() agree?: boolean;
}

const labels = {
  name: { pl: 'Imię', en: 'Name' },
  nick: { pl: 'Pseudonim', en: 'Nickname' },
  topics: { pl: 'Tematy', en: 'Topics' },
  agree: { pl: 'Zgoda', en: 'Consent' },
};

describe('parseForm: a form validated with the API DTO', () => {
  it('reads what a browser sends: one checkbox as a list, "true" as a boolean, an empty optional field as absent; the CSRF field set aside', async () => {
    const r = await parseForm(Dto, { _csrf: 't', name: 'Ala', nick: '', topics: 'a', agree: 'true' }, labels, 'pl');
    expect(r.ok).toBe(true);
    if (r.ok) expect({ ...r.value }).toEqual({ name: 'Ala', topics: ['a'], agree: true });
  });

  it('names each bad field by its label, one message per field, in the form order, in the visitor language', async () => {
    const r = await parseForm(Dto, { topics: ['c'], name: '', nick: 'too long!', admin: 'true' }, labels, 'pl');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.list).toEqual([
      { field: 'name', text: 'Pole „Imię” musi mieć co najmniej 1 znaków.' },
      { field: 'nick', text: 'Pole „Pseudonim” może mieć najwyżej 5 znaków.' },
      { field: 'topics', text: 'Pole „Tematy” ma niedozwoloną wartość.' },
      { field: null, text: 'Pole admin jest nieznane.' },
    ]);
    const en = await parseForm(Dto, { name: ['a', 'b'], topics: ['a'] }, labels, 'en');
    expect(en.ok || en.errors.for('name')).toBe('Field “Name” must be a string.');
  });

  it('keeps what was typed for the re-rendered form, never a secret field', async () => {
    const r = await parseForm(Dto, { name: '', nick: 'x', topics: 'a', password: 'hunter2' }, labels, 'pl', { secret: ['password'] });
    expect(r.values).toEqual({ name: '', nick: 'x', topics: ['a'] });
  });

  it('turns a service error into form errors; an error the form cannot show stays an error', () => {
    const invalid = new DomainError('invalid', 'x', { pl: 'Źle.', en: 'Wrong.' }, [{ field: 'name', code: 'taken', text: { pl: 'Zajęte.', en: 'Taken.' } }]);
    expect(formErrorsOf(invalid, labels, 'en')?.list).toEqual([{ field: 'name', text: 'Taken.' }]);
    const conflict = new DomainError('conflict', 'y', { pl: 'Konflikt.', en: 'Conflict.' });
    expect(formErrorsOf(conflict, labels, 'pl')?.list).toEqual([{ field: null, text: 'Konflikt.' }]);
    expect(formErrorsOf(new DomainError('not_found', 'z', { pl: 'a', en: 'b' }), labels, 'pl')).toBeNull();
    expect(formErrorsOf(new DomainError('forbidden', 'email_not_verified', { pl: 'a', en: 'b' }), labels, 'pl', new Set(['email_not_verified']))?.any).toBe(
      true,
    );
    expect(formErrorsOf(new Error('boom'), labels, 'pl')).toBeNull();
  });
});
