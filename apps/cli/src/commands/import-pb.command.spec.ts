import { UsageError } from '../command';
import { importPbCommand } from './import-pb.command';

describe('import-pb command: arguments', () => {
  it.each([
    [['x.pb', '--rule', 'borda'], /unknown rule "borda"/],
    [['x.pb', '--top-up', '0'], /--top-up must be a percentage above 0 and at most 100/],
    [['x.pb', '--top-up', '101'], /--top-up must be a percentage above 0 and at most 100/],
    [['x.pb', '--top-up', 'all'], /--top-up must be a percentage/],
    [[], /missing FILE.pb/],
  ])('refuses %j before reading anything', async (args, message) => {
    await expect(importPbCommand.run(args)).rejects.toThrow(UsageError);
    await expect(importPbCommand.run(args)).rejects.toThrow(message);
  });

  it("names --rule and --top-up in its usage, with Poznań's rule", () => {
    expect(importPbCommand.usage).toContain('[--rule RULE] [--top-up P]');
    expect(importPbCommand.usage).toContain("Poznań's rule: --rule greedy-no-skip --top-up 80");
  });
});
