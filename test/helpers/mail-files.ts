import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { eventually, TestApp } from '@civitas/test';

/**
 * The text of the first mail the app has written (file transport, one .eml per message) to `address` whose text
 * contains `needle`, as soon as there is one; fails after `timeoutMs`.
 */
export async function mailTo(t: TestApp, address: string, needle: string, timeoutMs = 20_000): Promise<string> {
  if (t.config.mail.kind !== 'file') throw new Error('file mail expected');
  const dir = t.config.mail.dir;
  return eventually(
    async () => {
      let files: string[];
      try {
        files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
      } catch {
        return undefined;
      }
      for (const f of files) {
        const m = await simpleParser(readFileSync(join(dir, f)));
        const to = Array.isArray(m.to) ? m.to[0] : m.to;
        if (to?.value[0]?.address === address && (m.text ?? '').includes(needle)) return m.text ?? '';
      }
      return undefined;
    },
    timeoutMs,
    `mail to ${address}`,
  );
}
