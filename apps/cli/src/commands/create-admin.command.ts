import { parseArgs } from 'node:util';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule } from '@civitas/config';
import { DatabaseModule } from '@civitas/database';
import { checkPassword, isValidEmail, normaliseEmail, PASSWORD_PROBLEM_TEXT, UsersModule, UsersService } from '@civitas/users';
import { CliCommand, UsageError } from '../command';

@Module({ imports: [ConfigModule.forRoot(), DatabaseModule.forRoot(), UsersModule] })
class CreateAdminModule {}

function options(args: string[]): { email: string; password: string; name: string } {
  let values: { email?: string; password?: string; name?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    // parseArgs names the offending option, never its value.
    throw new UsageError((err as Error).message);
  }
  if (!values.email || !values.password) throw new UsageError('Both --email and --password are required.');
  const email = normaliseEmail(values.email);
  if (!isValidEmail(email)) throw new UsageError(`"${values.email}" is not a valid e-mail address.`);
  const problems = checkPassword(values.password, email);
  if (problems.length > 0) throw new UsageError(`The password is not acceptable: ${problems.map((p) => PASSWORD_PROBLEM_TEXT[p].en).join(' ')}`);
  const name = (values.name ?? 'Administrator').trim();
  if (name.length < 1 || name.length > 100) throw new UsageError('--name must be 1 to 100 characters long.');
  return { email, password: values.password, name };
}

/**
 * The first administrator: creates a verified account with the admin role, or grants the admin role to the account
 * that already has this address (its password is left as it is). The password is never printed.
 */
export const createAdminCommand: CliCommand = {
  summary: 'Create an administrator account (or make an existing account an administrator)',
  usage: [
    'Usage: npm run cli -- create-admin --email E --password P [--name NAME]',
    '',
    '  --email     the address to log in with',
    '  --password  10 to 128 characters, not the address (ignored if the account already exists)',
    '  --name      display name of a new account (default: Administrator)',
    '',
    'Runs the migrations first. Uses DATABASE_URL when set, otherwise the embedded database in ./var/db',
    '(stop the API first: one process per data directory).',
  ].join('\n'),
  async run(args) {
    const input = options(args);
    const app = await NestFactory.createApplicationContext(CreateAdminModule, { logger: ['error'], abortOnError: false });
    try {
      const { outcome, user } = await app.get(UsersService).createOrPromoteAdmin({
        email: input.email,
        password: input.password,
        displayName: input.name,
      });
      const lines: Record<typeof outcome, string> = {
        created: `Created the administrator account ${user.email}.`,
        promoted: `${user.email} already had an account: granted the admin role; its password was not changed.`,
        already_admin: `${user.email} is already an administrator; nothing changed (the password was not changed).`,
      };
      process.stdout.write(lines[outcome] + '\n');
      if (outcome !== 'created' && !user.emailVerifiedAt) {
        process.stdout.write('Note: this address is not verified yet; confirm it from the mail, or reset the password, to log in.\n');
      }
      return 0;
    } finally {
      await app.close();
    }
  },
};
