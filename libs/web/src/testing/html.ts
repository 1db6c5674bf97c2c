import { HtmlValidate, StaticConfigLoader } from 'html-validate';
import { parse, type HTMLElement } from 'node-html-parser';

/**
 * html-validate with its recommended rules, as every rendered page must pass them. Two rules are relaxed for what
 * GOV.UK Frontend's own markup does on purpose: `data-i18n.*` attributes (dots in a data attribute name) and the
 * `autofocus` of the error summary (focus must land on it after a failed submit, also without JavaScript).
 */
const validator = new HtmlValidate(
  new StaticConfigLoader({
    extends: ['html-validate:recommended'],
    rules: {
      'valid-id': ['error', { relaxed: true }],
      'no-autoplay': 'off',
      'attribute-empty-style': 'off',
      'no-redundant-for': 'off',
      'prefer-native-element': 'off',
      'long-title': 'off',
      'void-style': ['error', { style: 'selfclosing' }],
      'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
    },
  }),
);

export interface HtmlProblem {
  rule: string;
  message: string;
  line: number;
  column: number;
  selector: string | null;
}

/** Validates a whole document; returns its problems (empty when valid). */
export async function htmlProblems(html: string): Promise<HtmlProblem[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) =>
    r.messages.map((m) => ({ rule: m.ruleId, message: m.message, line: m.line, column: m.column, selector: m.selector ?? null })),
  );
}

/** Throws with every problem listed when the document is not valid HTML. */
export async function expectValidHtml(html: string, where = 'page'): Promise<void> {
  const problems = await htmlProblems(html);
  if (problems.length > 0) {
    throw new Error(`${where} is not valid HTML:\n${problems.map((p) => `  ${p.line}:${p.column} ${p.rule}: ${p.message} (${p.selector ?? ''})`).join('\n')}`);
  }
}

export function parseHtml(html: string): HTMLElement {
  return parse(html, { comment: false });
}

/** The visible text of an element, whitespace collapsed. */
export function textOf(el: HTMLElement | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
