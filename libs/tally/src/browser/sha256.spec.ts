import { createHash, randomBytes } from 'node:crypto';
import { Sha256, sha256Hex } from './sha256';
import { createHash as browserCreateHash } from './node-crypto';

const node = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('SHA-256 of the browser build', () => {
  it('gives the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(sha256Hex('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('agrees with node:crypto on every length around the block and padding boundaries, and on UTF-8 text', () => {
    for (let n = 0; n <= 200; n++) {
      const bytes = randomBytes(n);
      expect(sha256Hex(bytes)).toBe(node(bytes));
    }
    for (const text of ['Żółć gęślą jaźń', 'ballot {"a":1} x3\n', '🗳️ ' + 'ą'.repeat(1000), 'project "BO.OM.97/24" 25000000\n']) {
      expect(sha256Hex(text)).toBe(node(text));
    }
  });

  it('hashes incrementally in any split, as createHash().update() does', () => {
    const data = randomBytes(10_000);
    for (const cut of [1, 7, 63, 64, 65, 127, 1000, 4095]) {
      const h = new Sha256();
      const n = createHash('sha256');
      for (let i = 0; i < data.length; i += cut) {
        h.update(data.subarray(i, i + cut));
        n.update(data.subarray(i, i + cut));
      }
      expect(h.hex()).toBe(n.digest('hex'));
    }
    const parts = ['civitas-tally-input/1\n', 'config {"rule":"greedy"}\n', 'ballot Łódź x2\n'.repeat(5000)];
    const api = browserCreateHash('sha256');
    const n = createHash('sha256');
    for (const p of parts) {
      api.update(p);
      n.update(p);
    }
    expect(api.digest('hex')).toBe(n.digest('hex'));
  });

  it('refuses what the engine never asks of it', () => {
    expect(() => browserCreateHash('md5')).toThrow(/only sha256/);
    const h = new Sha256().update('x');
    h.hex();
    expect(() => h.update('y')).toThrow(/after digest/);
  });
});
