import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(p);
    return /\.tsx?$/.test(e.name) && !/\.(spec|e2e-spec|integration-spec)\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/**
 * The OpenAPI document names a schema after its class: two classes of the same name would silently share one schema
 * (the second replacing the first), so the document — and the response check of the e2e tests — would describe one
 * body with the other's shape. Every class of the document (a file with @ApiProperty) has a name of its own.
 */
describe('OpenAPI schema classes', () => {
  it('no two classes described for the OpenAPI document share a name', () => {
    const seen = new Map<string, string[]>();
    for (const file of sources(join(ROOT, 'libs'))) {
      const text = readFileSync(file, 'utf8');
      if (!text.includes('@ApiProperty')) continue;
      for (const m of text.matchAll(/^export (?:abstract )?class (\w+)/gm)) seen.set(m[1], [...(seen.get(m[1]) ?? []), relative(ROOT, file)]);
    }
    expect(seen.size).toBeGreaterThan(50);
    expect([...seen].filter(([, files]) => files.length > 1)).toEqual([]);
  });
});
