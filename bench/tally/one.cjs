// One benchmark run: parse FILE, run RULE (add1 completion by METHOD: breakpoints or steps), write the JSON result
// as `tally --json` does (to /dev/null), and print timings and peak memory as JSON on stdout. Started by run.mjs.
//   node bench/tally/one.cjs FILE RULE [breakpoints|steps] [distinct]
const { openSync, readFileSync, writeSync } = require('node:fs');
const { join } = require('node:path');

const [file, rule, method = 'breakpoints', extra] = process.argv.slice(2);
const tallyLib = require(join(__dirname, '../../dist/libs/tally/src/index.js'));

const t0 = process.hrtime.bigint();
const election = tallyLib.parsePabulib(readFileSync(file, 'utf8'));
const t1 = process.hrtime.bigint();
const result = tallyLib.tally(election, { rule, add1Search: method });
const t2 = process.hrtime.bigint();
writeSync(openSync('/dev/null', 'w'), JSON.stringify(tallyLib.tallyResultToJson(result)) + '\n');
// The number of distinct ballots only when asked (it costs a second count of the ballots).
const distinct = extra === 'distinct' ? tallyLib.buildProfile(election, tallyLib.ballotSpecOf(election)).groupCount : undefined;

process.stdout.write(
  JSON.stringify({
    voters: result.ballots.valid,
    distinct,
    parseMs: Number(t1 - t0) / 1e6,
    ruleMs: Number(t2 - t1) / 1e6,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    cpuMs: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1000,
    selected: result.selected.length,
    runs: result.mes ? result.mes.runs : undefined,
  }) + '\n',
);
