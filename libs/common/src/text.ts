import MarkdownIt from 'markdown-it';

/**
 * Markdown for texts officials write (a consultation's body, the conclusions of a report): raw HTML is not allowed
 * (it comes out escaped), links only to http(s), mailto and relative addresses (never protocol-relative `//host`) (markdown-it refuses javascript:,
 * vbscript:, file: and data: links), no images from other sites' data: URLs. The result is safe to put in a page.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
// A relative link starts with one slash: `//host` (and `/\\host`, which browsers read the same way) is another site.
const SAFE_LINK = /^(https?:|mailto:|\/(?![/\\])|#|\.\/)/i;
markdown.validateLink = (url: string) => SAFE_LINK.test(url.trim()) && !/[\u0000-\u001f]/.test(url);

export function renderMarkdown(source: string): string {
  return markdown.render(source);
}

const TAG = /<\/?[a-zA-Z!?][^<>]*>/g;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * A plain-text field as stored: NFC, control characters removed, anything that looks like an HTML tag taken out
 * (repeatedly, so `<scr<script>ipt>` does not survive), trimmed. Text such as `a < b` or `x > 3` stays as written.
 */
export function plainText(input: string): string {
  let s = input.normalize('NFC').replace(CONTROL, '');
  for (let prev = ''; prev !== s;) {
    prev = s;
    s = s.replace(TAG, '');
  }
  return s.trim();
}

/**
 * One CSV cell (RFC 4180): quoted when needed; a cell a spreadsheet would read as a formula (starting with =, +, -,
 * @, a tab or a carriage return) is prefixed with an apostrophe, so it is shown, never calculated.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document: a header row and rows, CRLF line ends, with a BOM so that spreadsheets read UTF-8 (Polish letters). */
export function csv(header: string[], rows: Array<Array<string | number | boolean | null | undefined>>): string {
  return `\ufeff${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
