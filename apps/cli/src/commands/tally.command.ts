import { CliCommand } from '../command';

export const tallyCommand: CliCommand = {
  summary: 'Recount a Pabulib .pb file with an outcome rule (not implemented yet)',
  usage: 'Usage: npm run --silent cli -- tally FILE.pb [--rule RULE] [--seed S] [--json]',
  async run() {
    process.stderr.write('tally: not implemented yet\n');
    return 1;
  },
};
