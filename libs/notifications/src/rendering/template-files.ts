import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

const TEMPLATES_PATH = join('libs', 'notifications', 'templates');

/**
 * The templates directory: walks up from this file until a directory holds `libs/notifications/templates`, which
 * works from the sources and from the compiled `dist/libs/notifications/src/rendering/` layout.
 */
export function findTemplatesDir(start: string = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, TEMPLATES_PATH);
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    if (dirname(dir) === dir) throw new Error(`No ${TEMPLATES_PATH} directory above ${start}`);
  }
}

/**
 * Splits a template file into its parts. Each part starts with a line exactly `=== <name> ===`; the names must be
 * `expected`, in that order, and nothing but blank lines may come before the first.
 */
export function splitParts(source: string, expected: readonly string[], file = 'template'): Record<string, string> {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const parts: Record<string, string[]> = {};
  const order: string[] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    const m = /^=== ([a-z]+) ===$/.exec(line);
    if (m) {
      order.push(m[1]);
      current = parts[m[1]] = [];
    } else if (current) {
      current.push(line);
    } else if (line.trim() !== '') {
      throw new Error(`${file}: text before the first part`);
    }
  }
  if (order.join() !== expected.join()) {
    throw new Error(`${file}: expected parts ${expected.join(', ')}, found ${order.join(', ') || 'none'}`);
  }
  return Object.fromEntries(order.map((name) => [name, parts[name].join('\n').trim()]));
}

/** Reads and splits each file once. */
export class TemplateFiles {
  private readonly cache = new Map<string, Record<string, string>>();

  constructor(readonly dir: string) {}

  /** One part of a parted file, or the whole file when `parts` is null. */
  part(relativePath: string, parts: readonly string[] | null, part: string): string {
    let split = this.cache.get(relativePath);
    if (!split) {
      const source = readFileSync(join(this.dir, relativePath), 'utf8');
      split = parts ? splitParts(source, parts, relativePath) : { [part]: source };
      this.cache.set(relativePath, split);
    }
    if (!(part in split)) throw new Error(`${relativePath}: no part ${part}`);
    return split[part];
  }
}
