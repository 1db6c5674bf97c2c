import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AreasModule } from '@civitas/areas';
import { AuthModule } from '@civitas/auth';
import { BudgetModule } from '@civitas/budget';
import { DomainError } from '@civitas/common';
import { AppConfig, ConfigModule, loadConfig } from '@civitas/config';
import { DatabaseModule } from '@civitas/database';
import { MailModule } from '@civitas/mail';
import { NotificationsModule } from '@civitas/notifications';
import { UsersModule } from '@civitas/users';
import { isRuleName, percentHundredths, RuleName, RULES } from '@civitas/tally';
import { ImportOptions, ImportSummary, PabulibImportService, VotingResultsModule } from '@civitas/voting';
import { CliCommand, UsageError } from '../command';
import { OutboxOnlyModule } from '../outbox-only.module';
import { resolveFromInvocation } from '../invocation';

@Module({})
class ImportPbModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ImportPbModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(),
        MailModule,
        OutboxOnlyModule,
        UsersModule,
        AreasModule,
        AuthModule,
        NotificationsModule,
        BudgetModule,
        VotingResultsModule,
      ],
    };
  }
}

function options(args: string[]): { file: string; json: boolean } & ImportOptions {
  let parsed: { values: { json?: boolean; rule?: string; 'top-up'?: string }; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: { json: { type: 'boolean' }, rule: { type: 'string' }, 'top-up': { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (parsed.positionals.length !== 1) throw new UsageError(parsed.positionals.length ? 'expected one file' : 'missing FILE.pb');
  const { rule, 'top-up': topUp } = parsed.values;
  if (rule !== undefined && !isRuleName(rule)) throw new UsageError(`unknown rule "${rule}" (known: ${RULES.join(', ')})`);
  let topUpPercent: number | undefined;
  if (topUp !== undefined) {
    topUpPercent = Number(topUp.trim().replace(/%$/, ''));
    if (topUp.trim() === '' || !Number.isFinite(topUpPercent) || topUpPercent <= 0 || topUpPercent > 100 || percentHundredths(topUpPercent) === null) {
      throw new UsageError(`--top-up must be a percentage above 0 and at most 100 with at most 2 decimals, got "${topUp}"`);
    }
  }
  return { file: parsed.positionals[0], json: parsed.values.json ?? false, rule: rule as RuleName | undefined, topUpPercent };
}

function report(s: ImportSummary, seconds: number): string {
  return [
    `Zaimportowano / Imported: ${s.name}`,
    `  edition ${s.editionId}, pool ${s.poolId}, rule ${s.rule}${s.topUpPercent !== undefined ? ` with a top-up at ${s.topUpPercent} %` : ''}`,
    `  projects ${s.projects}, ballots ${s.ballots}${s.emptyBallots ? ` (${s.emptyBallots} empty ballots skipped)` : ''} in ${seconds.toFixed(1)} s`,
    '  Faza: weryfikacja głosów — gotowe do liczenia (POST /api/v1/admin/editions/:id/tally).',
    '  Phase: vote verification — ready to be tallied (POST /api/v1/admin/editions/:id/tally).',
    '',
  ].join('\n');
}

/** Imports a Pabulib file as an edition with one pool, its projects and its ballots (verified paper ballots). */
export const importPbCommand: CliCommand = {
  summary: 'Import a Pabulib .pb file as an edition ready to be tallied (demos, past editions, benchmarks)',
  usage: [
    'Usage: npm run cli -- import-pb FILE.pb [--rule RULE] [--top-up P] [--json]',
    '',
    '  --json        print one JSON object { editionId, poolId, projects, ballots } on stdout',
    "  --rule RULE   tally with this rule instead of the file's (needed when the file's rule is greedy-custom)",
    '  --top-up P    greedy-no-skip: fund the project where selection stops when the money left covers at',
    "                least P % of its cost, the rest from a reserve (Poznań's rule: --rule greedy-no-skip --top-up 80)",
    '',
    "Creates a published edition with one pool (the file's budget), its projects on the ballot (the file's",
    'project_id as public code) and every ballot as a verified paper ballot; the edition is in its vote',
    'verification phase. Runs the migrations first. Uses DATABASE_URL when set, otherwise the embedded',
    'database in ./var/db (stop the API first: one process per data directory).',
    '',
    'Exit codes: 0 imported, 1 unreadable or invalid file, 2 bad arguments.',
  ].join('\n'),
  async run(args) {
    const input = options(args);
    const path = resolveFromInvocation(input.file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      process.stderr.write(`import-pb: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
      return 1;
    }
    const config = loadConfig();
    const app = await NestFactory.createApplicationContext(ImportPbModule.forRoot(config), { logger: ['error'], abortOnError: false });
    try {
      const started = Date.now();
      let summary: ImportSummary;
      try {
        summary = await app.get(PabulibImportService).importText(text, new Date(), { rule: input.rule, topUpPercent: input.topUpPercent });
      } catch (err) {
        if (err instanceof DomainError) {
          process.stderr.write(`import-pb: ${path}: ${err.text.pl}\nimport-pb: ${path}: ${err.text.en}\n`);
          return 1;
        }
        throw err;
      }
      const seconds = (Date.now() - started) / 1000;
      process.stdout.write(
        input.json
          ? JSON.stringify({
              editionId: summary.editionId,
              poolId: summary.poolId,
              name: summary.name,
              rule: summary.rule,
              ...(summary.topUpPercent !== undefined ? { topUpPercent: summary.topUpPercent } : {}),
              projects: summary.projects,
              ballots: summary.ballots,
              seconds,
            }) + '\n'
          : report(summary, seconds),
      );
      return 0;
    } finally {
      await app.close();
    }
  },
};
