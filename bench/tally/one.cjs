// One benchmark run: parse FILE, run RULE, print timings and peak memory as JSON. Started by run.mjs.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const [file, rule] = process.argv.slice(2);
const tallyLib = require(join(__dirname, '../../dist/libs/tally/src/index.js'));

const t0 = process.hrtime.bigint();
const election = tallyLib.parsePabulib(readFileSync(file, 'utf8'));
const t1 = process.hrtime.bigint();
const result = tallyLib.tally(election, { rule });
const t2 = process.hrtime.bigint();
const profile = tallyLib.buildProfile(election, tallyLib.ballotSpecOf(election));

process.stdout.write(
  JSON.stringify({
    voters: result.ballots.valid,
    distinct: profile.groupCount,
    parseMs: Number(t1 - t0) / 1e6,
    ruleMs: Number(t2 - t1) / 1e6,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    cpuMs: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1000,
    selected: result.selected.length,
    runs: result.mes ? result.mes.runs : undefined,
  }) + '\n',
);
