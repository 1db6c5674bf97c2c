import { DataSource, DataSourceOptions } from 'typeorm';
import { areaTree, buildDataSourceOptions, migrations } from '@civitas/database';
import { createTestConfig, testMode } from '@civitas/test';

/** The area tree's SQL (areaTree) on the database of the current test mode, over a small city. */
describe(`the area tree (${testMode} database)`, () => {
  let ds: DataSource;
  let cleanup: () => Promise<void>;
  const id: Record<string, string> = {};
  const ids = async (sql: string, params: unknown[]) => ((await ds.query(sql, params)) as Array<{ id: string }>).map((r) => r.id).sort();
  const names = (...n: string[]) => n.map((x) => id[x]).sort();

  beforeAll(async () => {
    const t = await createTestConfig();
    cleanup = t.cleanup;
    const built = await buildDataSourceOptions(t.config.database);
    ds = new DataSource({ ...built.options, migrations, migrationsRun: true } as DataSourceOptions);
    await ds.initialize();
    // city ── north ── north-estate
    //      └─ south
    const add = async (name: string, kind: string, parent?: string) => {
      const [row] = (await ds.query(`INSERT INTO areas (name, kind, parent_id) VALUES ($1, $2, $3) RETURNING id`, [
        name,
        kind,
        parent ? id[parent] : null,
      ])) as Array<{
        id: string;
      }>;
      id[name] = row.id;
    };
    await add('city', 'city');
    await add('north', 'district', 'city');
    await add('south', 'district', 'city');
    await add('north-estate', 'neighbourhood', 'north');
  });

  afterAll(async () => {
    await ds?.destroy();
    await cleanup?.();
  });

  it('within: the areas and every area inside them; unknown ids add nothing', async () => {
    expect(await ids(`SELECT id FROM ${areaTree.within('$1')} AS t`, [[id.north]])).toEqual(names('north', 'north-estate'));
    expect(await ids(`SELECT DISTINCT id FROM ${areaTree.within('$1')} AS t`, [[id.city, id.north]])).toEqual(names('city', 'north', 'south', 'north-estate'));
    expect(await ids(`SELECT id FROM ${areaTree.within('ARRAY[$1::uuid]')} AS t`, [id['north-estate']])).toEqual(names('north-estate'));
    expect(await ids(`SELECT id FROM ${areaTree.within('ARRAY[$1::uuid]')} AS t`, ['00000000-0000-0000-0000-000000000001'])).toEqual([]);
    expect(await ids(`SELECT id FROM ${areaTree.within('ARRAY[$1::uuid]')} AS t`, [null])).toEqual([]);
  });

  it('above: the areas and every area above them, each once', async () => {
    expect(await ids(`SELECT id FROM ${areaTree.above('$1')} AS t`, [[id['north-estate'], id.south]])).toEqual(names('north-estate', 'north', 'south', 'city'));
    expect(await ids(`SELECT id FROM ${areaTree.above('$1')} AS t`, [[id.city]])).toEqual(names('city'));
  });

  it('lineage: the area, then its ancestors nearest first; none for an unknown area', async () => {
    expect(await areaTree.lineage(ds.manager, id['north-estate'])).toEqual([id['north-estate'], id.north, id.city]);
    expect(await areaTree.lineage(ds.manager, '00000000-0000-0000-0000-000000000001')).toEqual([]);
  });
});
