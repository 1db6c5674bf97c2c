import { createAdminCommand } from '../../apps/cli/src/commands/create-admin.command';
import { UsageError } from '../../apps/cli/src/command';
import { createTestApp } from '@civitas/test';
import { bearer, createUser } from '../factories/users.factory';
import { useCliDatabase } from '../factories/cli.factory';

/** `npm run cli -- create-admin`, run in-process against a database that a test app then opens. */
describe('create-admin command (e2e)', () => {
  const cli = useCliDatabase('cli', { fromTemplate: true });
  let output: string[];

  beforeEach(() => {
    output = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    });
  });
  afterEach(() => jest.restoreAllMocks());

  const run = (...args: string[]) => createAdminCommand.run(args);

  it('refuses bad input with a usage error (exit code 2) that never shows the password', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--email', 'not-an-address', '--password', 'sekretne hasło 1'], /not a valid e-mail address/],
      [['--email', 'a@example.pl', '--password', 'krótkie'], /at least 10 characters/],
      [['--email', 'a@example.pl', '--password', 'A@example.pl'], /must not be the same as the e-mail address/],
      [['--email', 'a@example.pl'], /--email and --password are required/],
      [['--email', 'a@example.pl', '--password', 'sekretne hasło 1', '--admin-level', '9'], /admin-level/],
    ];
    for (const [args, message] of cases) {
      const err = await run(...args).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(UsageError);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).not.toContain('sekretne');
      expect((err as Error).message).not.toContain('krótkie');
    }
  });

  it('creates a verified administrator, then only grants the role to an existing account without touching its password', async () => {
    await expect(run('--email', ' Admin@Example.PL ', '--password', 'pierwsze hasło admina', '--name', 'Pani Admin')).resolves.toBe(0);
    expect(output.join('')).toBe('Created the administrator account admin@example.pl.\n');
    await expect(run('--email', 'admin@example.pl', '--password', 'drugie hasło admina')).resolves.toBe(0);
    expect(output.join('')).toContain('admin@example.pl is already an administrator; nothing changed');
    expect(output.join('')).not.toContain('hasło');

    let t = await createTestApp(cli.appEnv);
    let residentEmail: string;
    try {
      const login = await t.http().post('/api/v1/auth/login').send({ email: 'admin@example.pl', password: 'pierwsze hasło admina' }).expect(200);
      const me = await t
        .http()
        .get('/api/v1/me')
        .set(...bearer(login.body.accessToken))
        .expect(200);
      expect(me.body).toMatchObject({ displayName: 'Pani Admin', roles: ['resident', 'admin'], emailVerified: true });
      await t.http().post('/api/v1/auth/login').send({ email: 'admin@example.pl', password: 'drugie hasło admina' }).expect(401);
      residentEmail = (await createUser(t, { password: 'hasło mieszkańca' })).email;
    } finally {
      await t.close();
    }

    output = [];
    await expect(run('--email', residentEmail, '--password', 'nowe hasło mieszkańca')).resolves.toBe(0);
    expect(output.join('')).toContain(`${residentEmail} already had an account: granted the admin role; its password was not changed.`);

    t = await createTestApp(cli.appEnv);
    try {
      await t.http().post('/api/v1/auth/login').send({ email: residentEmail, password: 'nowe hasło mieszkańca' }).expect(401);
      const login = await t.http().post('/api/v1/auth/login').send({ email: residentEmail, password: 'hasło mieszkańca' }).expect(200);
      const me = await t
        .http()
        .get('/api/v1/me')
        .set(...bearer(login.body.accessToken))
        .expect(200);
      expect(me.body.roles).toEqual(['resident', 'admin']);
    } finally {
      await t.close();
    }
  }, 180_000); // four password hashes and two app starts: slow when the machine is busy
});
