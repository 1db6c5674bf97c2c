import { HttpException, NotFoundException } from '@nestjs/common';
import { DomainError } from './domain-error';
import { loggableError, toProblem } from './problem.filter';

describe('toProblem', () => {
  it('maps a DomainError to its status, stable code and the text in the asked language', () => {
    const err = new DomainError('conflict', 'area_name_taken', { pl: 'Nazwa zajęta.', en: 'Name taken.' });
    expect(toProblem(err, 'en', 'r1', '/api/v1/areas').problem).toEqual({
      type: 'https://civitas.dev/problems/area-name-taken',
      title: 'Conflict',
      status: 409,
      detail: 'Name taken.',
      code: 'area_name_taken',
      instance: '/api/v1/areas',
      requestId: 'r1',
    });
    expect(toProblem(err, 'pl', 'r1').problem.detail).toBe('Nazwa zajęta.');
  });

  it('carries field errors in the asked language', () => {
    const err = new DomainError('invalid', 'validation_failed', { pl: 'Błąd.', en: 'Error.' }, [
      { field: 'email', code: 'isEmail', text: { pl: 'Zły adres.', en: 'Bad address.' } },
    ]);
    const { problem } = toProblem(err, 'pl', 'r2');
    expect(problem.status).toBe(422);
    expect(problem.errors).toEqual([{ field: 'email', code: 'isEmail', message: 'Zły adres.' }]);
  });

  it('turns a PostgreSQL unique violation into 409', () => {
    const err = Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
      driverError: { code: '23505', detail: 'Key (email)=(a@b.pl) already exists.' },
    });
    const { problem, unexpected } = toProblem(err, 'en', 'r3');
    expect(problem).toMatchObject({ status: 409, code: 'conflict' });
    expect(JSON.stringify(problem)).not.toContain('a@b.pl');
    expect(unexpected).toBe(false);
  });

  it('reveals nothing of an unexpected error but the request id', () => {
    const err = new TypeError("Cannot read properties of undefined (reading 'secret') at /srv/app/dist/x.js:10:5");
    const { problem, unexpected } = toProblem(err, 'en', 'req-42');
    expect(unexpected).toBe(true);
    expect(problem).toMatchObject({ status: 500, code: 'internal_error', requestId: 'req-42' });
    expect(problem.detail).toContain('req-42');
    expect(JSON.stringify(problem)).not.toMatch(/secret|dist|TypeError/);
  });

  it('maps HTTP exceptions of the framework by status', () => {
    expect(toProblem(new NotFoundException(), 'en', 'r').problem).toMatchObject({ status: 404, code: 'not_found' });
    expect(toProblem(new HttpException('Too Many Requests', 429), 'pl', 'r').problem).toMatchObject({
      status: 429,
      code: 'too_many_requests',
      title: 'Zbyt wiele żądań',
    });
  });
});

describe('loggableError', () => {
  it('keeps the type, message, SQL state and statement but never the parameters a user sent', () => {
    const err = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      name: 'QueryFailedError',
      query: 'SELECT 1 FROM users WHERE email = $1',
      parameters: ['anna.kowalska@example.pl'],
      driverError: { code: '22021', parameters: ['anna.kowalska@example.pl'] },
    });
    const logged = JSON.stringify(loggableError(err));
    expect(logged).toContain('QueryFailedError');
    expect(logged).toContain('22021');
    expect(logged).toContain('SELECT 1 FROM users WHERE email = $1');
    expect(logged).not.toContain('anna.kowalska');
  });
});
