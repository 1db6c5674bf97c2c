import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '@civitas/test';
import { bearer, createUser } from '../factories/users.factory';

describe('areas (e2e)', () => {
  let t: TestApp;
  let admin: [string, string];

  beforeAll(async () => {
    t = await createTestApp();
    admin = bearer((await createUser(t, { grants: [{ role: 'admin', areaId: null }] })).token);
  });
  afterAll(() => t?.close());

  const create = (body: object) =>
    t
      .http()
      .post('/api/v1/areas')
      .set(...admin)
      .send(body);
  const patch = (id: string, body: object) =>
    t
      .http()
      .patch(`/api/v1/areas/${id}`)
      .set(...admin)
      .send(body);
  const areaCount = async () => ((await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM areas`)) as Array<{ n: number }>)[0].n;

  it('builds a city of districts and neighbourhoods, listed publicly as a flat list by kind and name', async () => {
    const city = (await create({ name: 'Kraków', kind: 'city', residentCount: 800000 }).expect(201)).body;
    expect(city).toEqual({
      id: expect.any(String),
      name: 'Kraków',
      kind: 'city',
      parentId: null,
      residentCount: 800000,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const sm = (await create({ name: '  Stare Miasto ', kind: 'district', parentId: city.id, residentCount: 30000 }).expect(201)).body;
    expect(sm.name).toBe('Stare Miasto');
    const kr = (await create({ name: 'Krowodrza', kind: 'district', parentId: city.id }).expect(201)).body;
    expect(kr.residentCount).toBe(0);
    const br = (await create({ name: 'Bronowice', kind: 'neighbourhood', parentId: kr.id }).expect(201)).body;
    await create({ name: 'Łęg', kind: 'neighbourhood', parentId: city.id }).expect(201);

    const list = await t.http().get('/api/v1/areas').expect(200);
    expect(list.body.items.map((a: { name: string }) => a.name)).toEqual(['Kraków', 'Krowodrza', 'Stare Miasto', 'Bronowice', 'Łęg']);
    expect(list.body.items.find((a: { id: string }) => a.id === br.id).parentId).toBe(kr.id);

    const children = await t.http().get(`/api/v1/areas?parentId=${city.id}`).expect(200);
    expect(children.body.items.map((a: { name: string }) => a.name)).toEqual(['Krowodrza', 'Stare Miasto', 'Łęg']);

    const one = await t.http().get(`/api/v1/areas/${br.id}`).expect(200);
    expect(one.body).toMatchObject({ id: br.id, name: 'Bronowice', kind: 'neighbourhood', parentId: kr.id });
    expect((await t.http().get('/api/v1/areas/00000000-0000-4000-8000-000000000000').expect(404)).body.code).toBe('area_not_found');
    await t.http().get('/api/v1/areas/not-a-uuid').expect(404);
    await t.http().get('/api/v1/areas?parentId=nope').expect(422);
    await t.http().get('/api/v1/areas?kind=city').expect(422);
  });

  it('enforces the hierarchy with field errors, and creates nothing on error', async () => {
    const city = (await create({ name: 'Gdańsk', kind: 'city' }).expect(201)).body;
    const district = (await create({ name: 'Wrzeszcz', kind: 'district', parentId: city.id }).expect(201)).body;
    const hood = (await create({ name: 'Strzyża', kind: 'neighbourhood', parentId: district.id }).expect(201)).body;
    const before = await areaCount();

    const cases: Array<[object, string]> = [
      [{ name: 'X', kind: 'district' }, 'parent_required'],
      [{ name: 'X', kind: 'neighbourhood' }, 'parent_required'],
      [{ name: 'X', kind: 'city', parentId: city.id }, 'city_has_parent'],
      [{ name: 'X', kind: 'district', parentId: district.id }, 'parent_kind_not_allowed'],
      [{ name: 'X', kind: 'neighbourhood', parentId: hood.id }, 'parent_kind_not_allowed'],
      [{ name: 'X', kind: 'district', parentId: '00000000-0000-4000-8000-000000000000' }, 'unknown_parent'],
    ];
    for (const [body, code] of cases) {
      const res = await create(body).expect(422);
      expect(res.body.code).toBe('invalid_area_placement');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'parentId', code })]);
    }

    const invalid = await create({ name: '', kind: 'village', residentCount: -1, parentId: 'x', extra: 1 }).expect(422);
    expect(new Set(invalid.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['name', 'kind', 'residentCount', 'parentId', 'extra']));
    await create({ name: 'X', kind: 'city', residentCount: 1.5 }).expect(422);
    await create({ name: 'X', kind: 'city', residentCount: '10' }).expect(422);
    expect(await areaCount()).toBe(before);
  });

  it('answers 409 to a duplicate name under the same parent, whatever its case', async () => {
    const city = (await create({ name: 'Gdynia', kind: 'city' }).expect(201)).body;
    const other = (await create({ name: 'Sopot', kind: 'city' }).expect(201)).body;
    await create({ name: 'Śródmieście', kind: 'district', parentId: city.id }).expect(201);
    const dupExact = await create({ name: 'Śródmieście', kind: 'district', parentId: city.id }).expect(409);
    expect(dupExact.body.code).toBe('area_name_taken');
    // Only ASCII letters differ in case, so the result does not depend on the database's collation.
    const otherCase = await create({ name: 'śRóDMIEśCIE', kind: 'district', parentId: city.id }).expect(409);
    expect(otherCase.body.code).toBe('area_name_taken');
    await create({ name: 'Śródmieście', kind: 'district', parentId: other.id }).expect(201);
    await create({ name: 'gdynia', kind: 'city' }).expect(409);
  });

  it('updates an area and refuses cycles, impossible placements and a kind its children cannot follow', async () => {
    const city = (await create({ name: 'Łódź', kind: 'city' }).expect(201)).body;
    const d1 = (await create({ name: 'Bałuty', kind: 'district', parentId: city.id }).expect(201)).body;
    const d2 = (await create({ name: 'Widzew', kind: 'district', parentId: city.id }).expect(201)).body;
    const n = (await create({ name: 'Radogoszcz', kind: 'neighbourhood', parentId: d1.id }).expect(201)).body;

    const renamed = await patch(n.id, { name: 'Radogoszcz Wschód', residentCount: 12000 }).expect(200);
    expect(renamed.body).toMatchObject({ name: 'Radogoszcz Wschód', residentCount: 12000, parentId: d1.id });
    expect(Date.parse(renamed.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(n.updatedAt));
    const moved = await patch(n.id, { parentId: d2.id }).expect(200);
    expect(moved.body.parentId).toBe(d2.id);
    await patch(n.id, { parentId: city.id }).expect(200);
    await patch(n.id, {}).expect(200);

    const cycle = await patch(d1.id, { parentId: d1.id }).expect(422);
    expect(cycle.body.errors).toEqual([expect.objectContaining({ field: 'parentId', code: 'cycle' })]);
    // The city under its own neighbourhood.
    const deep = await patch(city.id, { kind: 'neighbourhood', parentId: n.id }).expect(422);
    expect(deep.body.errors).toEqual([expect.objectContaining({ field: 'parentId', code: 'cycle' })]);
    const orphan = await patch(d1.id, { parentId: null }).expect(422);
    expect(orphan.body.errors).toEqual([expect.objectContaining({ code: 'parent_required' })]);
    const demoted = await patch(city.id, { kind: 'district', parentId: (await create({ name: 'Polska', kind: 'city' })).body.id }).expect(422);
    expect(demoted.body.errors).toEqual([expect.objectContaining({ field: 'kind', code: 'children_not_allowed' })]);
    expect((await patch(d2.id, { name: 'bAłUTY' }).expect(409)).body.code).toBe('area_name_taken');
    expect((await patch(d2.id, { name: 'Bałuty' }).expect(409)).body.code).toBe('area_name_taken');
    await patch('00000000-0000-4000-8000-000000000000', { name: 'X' }).expect(404);
    await patch(d2.id, { residentCount: -5 }).expect(422);
    await patch(d2.id, { id: d1.id }).expect(422);

    const unchanged = await t.http().get(`/api/v1/areas/${d2.id}`).expect(200);
    expect(unchanged.body).toMatchObject({ name: 'Widzew', parentId: city.id, kind: 'district' });
  });

  it('creates one area and answers 409 to the others under 20 concurrent creations of one name', async () => {
    const city = (await create({ name: 'Katowice', kind: 'city' }).expect(201)).body;
    const responses = await Promise.all(Array.from({ length: 20 }, () => create({ name: 'Ligota', kind: 'district', parentId: city.id })));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    for (const r of responses.filter((x) => x.status === 409)) expect(r.body.code).toBe('area_name_taken');
    const rows = (await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM areas WHERE parent_id = $1`, [city.id])) as Array<{ n: number }>;
    expect(rows[0].n).toBe(1);
  });
});
