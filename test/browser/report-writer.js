// A jest reporter: when the whole browser run passed, writes the accessibility report that the accessibility
// statement quotes (libs/web/assets/accessibility-report.json) from what each spec recorded. A run with a failure
// leaves the last good report in place.
const { existsSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class AccessibilityReportWriter {
  onRunComplete(_contexts, results) {
    const dir = process.env.CIVITAS_A11Y_DIR;
    if (!dir || !existsSync(dir) || results.numFailedTests > 0 || results.numFailedTestSuites > 0) return;
    const parts = readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
    if (parts.length === 0) return;
    const pages = parts.flatMap((p) => p.pages);
    const violations = pages.reduce((n, p) => n + p.violations, 0);
    if (violations > 0) return;
    const report = {
      generatedAt: new Date().toISOString(),
      axeVersion: parts[0].facts.axeVersion,
      chromium: parts[0].facts.chromium,
      tags: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
      violations,
      journeys: [...new Set(parts.flatMap((p) => p.facts.journeys))],
      pages: pages.map(({ path, state, violations: v }) => ({ path, state, violations: v })),
    };
    const out = join(__dirname, '..', '..', 'libs', 'web', 'assets', 'accessibility-report.json');
    writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
    process.stderr.write(`civitas: ${pages.length} page states checked with axe ${report.axeVersion}, 0 violations; report written to ${out}\n`);
  }
}

module.exports = AccessibilityReportWriter;
