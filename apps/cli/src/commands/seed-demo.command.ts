import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AreasModule } from '@civitas/areas';
import { AuthModule } from '@civitas/auth';
import { BudgetModule } from '@civitas/budget';
import { zonedDate } from '@civitas/common';
import { AppConfig, ConfigModule, loadConfig } from '@civitas/config';
import { ConsultationsModule } from '@civitas/consultations';
import { DatabaseModule } from '@civitas/database';
import { InitiativesModule, zloty } from '@civitas/initiatives';
import { MailModule } from '@civitas/mail';
import { checkPassword, PASSWORD_PROBLEM_TEXT, UsersModule } from '@civitas/users';
import { VotingModule } from '@civitas/voting';
import { CliCommand, UsageError } from '../command';
import { OutboxOnlyModule } from '../outbox-only.module';
import { ALL_ACCOUNTS, DEMO_CITY, DEMO_EDITION } from './seed-demo/demo-city';
import type { ConsultationsSummary } from './seed-demo/consultations-seeder';
import type { InitiativesSummary } from './seed-demo/initiatives-seeder';
import { OPEN_CONSULTATION, REPORT_CONSULTATION } from './seed-demo/demo-consultations';
import { PAST_EDITION } from './seed-demo/demo-past-edition';
import type { PastEditionSummary } from './seed-demo/past-edition-seeder';
import { demoCityExists, DemoSeeder, SeedSummary, seedConflicts } from './seed-demo/seeder';

@Module({})
class SeedDemoModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SeedDemoModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(),
        MailModule,
        OutboxOnlyModule,
        UsersModule,
        AreasModule,
        AuthModule,
        BudgetModule,
        VotingModule,
        ConsultationsModule,
        InitiativesModule,
      ],
    };
  }
}

function options(args: string[]): { password: string | null; force: boolean } {
  let values: { password?: string; force?: boolean };
  try {
    ({ values } = parseArgs({ args, options: { password: { type: 'string' }, force: { type: 'boolean' } }, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.password !== undefined) {
    const problems = new Set(ALL_ACCOUNTS.flatMap((a) => checkPassword(values.password!, a.email)));
    if (problems.size) throw new UsageError(`The password is not acceptable: ${[...problems].map((p) => PASSWORD_PROBLEM_TEXT[p].en).join(' ')}`);
  }
  return { password: values.password ?? null, force: values.force ?? false };
}

/** `demo-` and 19 random characters from the URL-safe alphabet (112 bits). */
const generatePassword = () => `demo-${randomBytes(14).toString('base64url')}`;

function report(s: SeedSummary, password: string, generated: boolean): string {
  const statuses = Object.entries(s.statuses)
    .sort(([, a], [, b]) => b - a)
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
  const total = Object.values(s.statuses).reduce((a, b) => a + b, 0);
  const width = Math.max(...s.accounts.map((a) => a.email.length));
  return [
    'Utworzono dane demonstracyjne. / Demo data created.',
    '',
    `Areas:        ${s.areas.city} (${DEMO_CITY.residents.toLocaleString('en')} residents); districts: ${s.areas.districts.join(', ')}; neighbourhoods: ${s.areas.neighbourhoods.join(', ')}`,
    `Edition:      ${s.edition.name} (id ${s.edition.id}), phase under way: ${s.edition.currentPhase ?? 'none'}, ${s.edition.pools} pools`,
    `Projects:     ${total} (${statuses}); ${s.endorsements} online endorsements`,
    ...pastEditionLines(s.pastEdition),
    ...consultationLines(s.consultations),
    ...initiativeLines(s.initiatives),
    'Accounts (all verified, one password):',
    ...s.accounts.map((a) => `  ${a.email.padEnd(width)}  ${a.displayName} — ${a.role}`),
    '',
    `Hasło / password: ${password}`,
    generated
      ? 'Hasło wygenerowano losowo i nie jest nigdzie zapisane: zanotuj je. / The password was generated and is stored nowhere: note it down.'
      : 'Hasło podane w --password. / The password given with --password.',
    '',
  ].join('\n');
}

function pastEditionLines(e: PastEditionSummary): string[] {
  const counts = Object.entries(e.implementation)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
  return [
    `Past edition: ${e.name} (id ${e.id}), phase under way: ${e.currentPhase ?? 'none (all over)'}, ${e.pools} pools`,
    `              ballot lists ${e.ballot.ordering === 'lottery' ? 'drawn by lot' : 'alphabetical'} (${e.ballot.projects} projects, /budget/${e.id}/ballot); ` +
      `${e.ballots.online + e.ballots.paper} valid ballots (${e.ballots.online} online, confirmed by e-mail code; ${e.ballots.paper} on paper, keyed twice), ` +
      `${e.ballots.invalid} invalid paper sheet${e.ballots.invalid === 1 ? '' : 's'}`,
    `              results published: ${e.selected.length} selected, ${e.notSelected} not selected (/api/v1/editions/${e.id}/results); ` +
      `implementation: ${counts} (/budget/${e.id}/implementation)`,
  ];
}

function consultationLines(c: ConsultationsSummary): string[] {
  const o = c.open;
  const r = c.report;
  const verdicts = Object.entries(r.verdicts)
    .map(([verdict, n]) => `${verdict} ${n}`)
    .join(', ');
  return [
    'Consultations:',
    `  open              ${o.title} (id ${o.id}), ${o.district}, until ${zonedDate(o.closesAt)}`,
    `                    document v${o.documentVersion}, ${o.comments} comments (${o.hidden} hidden by the moderator, ${o.entered} entered from paper), ` +
      `survey ${o.surveyQuestions} questions / ${o.surveyResponses} responses, ${o.meetings} meeting (${o.registrations} registered), ${o.points} consultation point`,
    `  report_published  ${r.title} (id ${r.id}), NGOs only`,
    `                    ${r.comments} comments, each answered (${verdicts}); report: /api/v1/consultations/${r.id}/report`,
    `Organisation: ${c.organisation.name} (KRS ${c.organisation.krs}), account ${c.organisation.email}`,
  ];
}

function initiativeLines(i: InitiativesSummary): string[] {
  const p = i.programme;
  const width = Math.max(...i.applications.map((a) => (a.caseNumber ?? '(draft)').length));
  const statusWidth = Math.max(...i.applications.map((a) => a.status.length));
  return [
    `Inicjatywy lokalne / Local initiatives: programme ${p.year} (/api/v1/initiative-programmes/${p.year}), continuous intake, ` +
      `allocation ${zloty(p.allocation, 'en')}, remaining ${zloty(p.remaining, 'en')}, volunteer hour ${zloty(p.volunteerHourValue, 'en')}, ` +
      `at least ${p.minApplicants} applicants, ${p.criteria} criteria`,
    ...i.applications.map((a) => `  ${(a.caseNumber ?? '(draft)').padEnd(width)}  ${a.status.padEnd(statusWidth)}  ${a.title} — ${a.applicant}`),
  ];
}

/**
 * Demo data for a newcomer: a city with districts, demo accounts, a budget edition whose projects have gone
 * through submission, reviews and appeals, the previous year's edition run to the end (ballot lists, the vote, the
 * tally, published results, the implementation of the selected projects), an open consultation and one with its
 * report published, and this year's programme of local initiatives with applications in several states — all
 * through the domain services, so every rule is applied and every step is in the history. Does nothing when the demo
 * city exists. Refuses to run in production without --force.
 */
export const seedDemoCommand: CliCommand = {
  summary: 'Create a demo city with accounts, two budget editions, projects, consultations and local initiatives (demonstration only)',
  usage: [
    'Usage: npm run cli -- seed-demo [--password P] [--force]',
    '',
    `  --password  one password for every demo account (at least 10 characters); default: generated and printed once`,
    '  --force     run even when NODE_ENV=production (demo accounts with a known password on a live platform!)',
    '',
    `Creates "${DEMO_CITY.name}" with districts, demo accounts under @demo.example.org, the edition`,
    `"${DEMO_EDITION.name}" in the appeals phase with projects in many states, the previous edition`,
    `"${PAST_EDITION.name}" run to the end (ballot lists drawn by lot, online and paper ballots, the tally,`,
    'published results, the implementation of the selected projects under way), and two consultations:',
    `  - "${OPEN_CONSULTATION.input.title}": open, with a document, comments, a survey, a meeting`,
    '    and a consultation point;',
    `  - "${REPORT_CONSULTATION.input.title}":`,
    '    NGOs only, closed, every comment answered and the report published;',
    "and this year's programme of local initiatives with applications in several states (a draft, registered,",
    'in evaluation, rejected, in progress under a signed agreement, completed with its final report).',
    'Does nothing when the demo city already exists. Runs the migrations first. Uses DATABASE_URL when set,',
    'otherwise the embedded database in ./var/db (stop the API first: one process per data directory).',
  ].join('\n'),
  async run(args) {
    const input = options(args);
    const config = loadConfig();
    if (config.env === 'production' && !input.force) {
      process.stderr.write(
        'seed-demo: NODE_ENV=production — dane demonstracyjne służą tylko do pokazu; nic nie utworzono (użyj --force, jeśli naprawdę trzeba).\n' +
          'seed-demo: NODE_ENV=production — demo data is for demonstration only; nothing was created (use --force if you really mean it).\n',
      );
      return 1;
    }
    const app = await NestFactory.createApplicationContext(SeedDemoModule.forRoot(config), { logger: ['error'], abortOnError: false });
    try {
      if (await demoCityExists(app)) {
        process.stdout.write(
          `Dane demonstracyjne już są ("${DEMO_CITY.name}"); nic nie utworzono. / The demo data is already there ("${DEMO_CITY.name}"); nothing was created.\n`,
        );
        return 0;
      }
      const conflict = await seedConflicts(app);
      if (conflict) {
        process.stderr.write(`seed-demo: ${conflict} Nothing was created; use an empty database for the demo.\n`);
        return 1;
      }
      const password = input.password ?? generatePassword();
      let summary: SeedSummary;
      try {
        summary = await new DemoSeeder(app, password).run();
      } catch (err) {
        throw new Error(
          `${err instanceof Error ? err.message : String(err)}\nThe demo data is incomplete: start again from an empty database ` +
            '(for the embedded one, a new DATABASE_EMBEDDED_DIR).',
          { cause: err },
        );
      }
      process.stdout.write(report(summary, password, input.password === null));
      return 0;
    } finally {
      await app.close();
    }
  },
};
