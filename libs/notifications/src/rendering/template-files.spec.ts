import { existsSync, mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCALES } from '@civitas/common';
import { NOTIFICATION_KINDS } from '../events';
import { findTemplatesDir, splitParts } from './template-files';

describe('findTemplatesDir', () => {
  it('finds the templates from the sources', () => {
    expect(findTemplatesDir()).toBe(join(__dirname, '..', '..', 'templates'));
  });

  it('finds them from a compiled layout below the repository', () => {
    const root = mkdtempSync(join(tmpdir(), 'civitas-templates-'));
    mkdirSync(join(root, 'libs', 'notifications', 'templates'), { recursive: true });
    const compiled = join(root, 'dist', 'libs', 'notifications', 'src', 'rendering');
    mkdirSync(compiled, { recursive: true });
    expect(findTemplatesDir(compiled)).toBe(join(root, 'libs', 'notifications', 'templates'));
  });

  it('says so when there is none', () => {
    expect(() => findTemplatesDir(mkdtempSync(join(tmpdir(), 'civitas-none-')))).toThrow(/libs/);
  });
});

describe('template files', () => {
  it('exist for every kind and every locale', () => {
    const dir = findTemplatesDir();
    const names = [...NOTIFICATION_KINDS, 'digest', 'subscription-confirm', 'subscription-already-subscribed', 'footer'];
    for (const locale of LOCALES) {
      for (const name of names) expect([locale, name, existsSync(join(dir, locale, `${name}.hbs`))]).toEqual([locale, name, true]);
    }
  });
});

describe('splitParts', () => {
  const parts = ['subject', 'text', 'html'];

  it('splits on the marker lines and trims each part', () => {
    const source = '=== subject ===\nHi {{a}}\n=== text ===\n\nLine 1\n\nLine 2\n\n=== html ===\r\n<p>x</p>\n';
    expect(splitParts(source, parts)).toEqual({ subject: 'Hi {{a}}', text: 'Line 1\n\nLine 2', html: '<p>x</p>' });
  });

  it('only takes markers that are whole lines', () => {
    const source = '=== subject ===\nA\n=== text ===\nsee === html === below\n=== html ===\nB';
    expect(splitParts(source, parts).text).toBe('see === html === below');
  });

  it('rejects missing, misordered or preceded parts', () => {
    expect(() => splitParts('=== subject ===\nA\n=== html ===\nB', parts, 'x.hbs')).toThrow(/x.hbs: expected parts/);
    expect(() => splitParts('=== text ===\n=== subject ===\n=== html ===', parts)).toThrow(/expected parts/);
    expect(() => splitParts('oops\n=== subject ===\n=== text ===\n=== html ===', parts)).toThrow(/before the first part/);
  });
});
