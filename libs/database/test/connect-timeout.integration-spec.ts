import { createServer, Server, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@civitas/database';

/**
 * A database host that accepts the TCP connection and never answers (a half-dead server, a black-holing firewall)
 * must fail within DATABASE_CONNECT_TIMEOUT_MS, not after the operating system's TCP timeout.
 */
describe('connecting to a PostgreSQL that never answers', () => {
  let server: Server;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('gives up after the configured timeout', async () => {
    const { port } = server.address() as AddressInfo;
    const { options } = await buildDataSourceOptions({
      kind: 'postgres',
      url: `postgres://civitas@127.0.0.1:${port}/civitas`,
      poolSize: 1,
      connectTimeoutMs: 300,
    });
    const ds = new DataSource(options);
    const started = Date.now();
    await expect(ds.initialize()).rejects.toThrow(/timeout/i);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(5000);
    expect(sockets.length).toBeGreaterThan(0);
  });
});
