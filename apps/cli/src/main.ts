import 'reflect-metadata';
import { CliCommand, UsageError } from './command';
import { setInvocationDir } from './invocation';

// Commands load lazily so that `tally` (pure computation) never boots the database or Nest.
const commands: Record<string, () => Promise<CliCommand>> = {
  'create-admin': async () => (await import('./commands/create-admin.command')).createAdminCommand,
  migrate: async () => (await import('./commands/migrate.command')).migrateCommand,
  'import-pb': async () => (await import('./commands/import-pb.command')).importPbCommand,
  'seed-demo': async () => (await import('./commands/seed-demo.command')).seedDemoCommand,
  tally: async () => (await import('./commands/tally.command')).tallyCommand,
  backup: async () => (await import('./commands/backup.command')).backupCommand,
  restore: async () => (await import('./commands/restore.command')).restoreCommand,
};

// A reader that stops early (`… | head`) closes the pipe: that is not an error of the command.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

async function main(argv: string[]): Promise<number> {
  // Global option, before the command: the directory relative file arguments are resolved against.
  if (argv[0] === '--cwd' && argv[1]) {
    setInvocationDir(argv[1]);
    argv = argv.slice(2);
  }
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const lines = await Promise.all(Object.entries(commands).map(async ([n, load]) => `  ${n.padEnd(14)} ${(await load()).summary}`));
    process.stdout.write(`Usage: npm run cli -- <command> [options]\n\nCommands:\n${lines.join('\n')}\n`);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`Unknown command "${name}". Run "npm run cli -- help" for the list.\n`);
    return 2;
  }
  const command = await load();
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(args);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n\n${command.usage}\n`);
      return 2;
    }
    process.stderr.write(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
