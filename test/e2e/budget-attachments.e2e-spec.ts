import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { scheduleWith } from '../factories/budget.factory';
import { actingAs, bearer, createUser, TestUser } from '../factories/users.factory';

const ALL_MET = ['legality', 'technical_feasibility', 'formal_requirements', 'cost'].map((criterion) => ({
  criterion,
  met: true,
  justification: 'Spełnione.',
}));

/** Every byte value after the magic bytes, so that a changed byte shows on download. */
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), ALL_BYTES, Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
  ALL_BYTES,
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0', 'latin1'), ALL_BYTES, Buffer.from([0xff, 0xd9])]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Collects a response body as bytes, whatever its media type. */
const asBytes = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('participatory budget: attachments and paper support lists (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let otherOfficial: TestUser;
  let anna: TestUser;
  let ben: TestUser;
  let editionId: string;
  let poolId: string;
  let district: string;
  /** Anna's draft, never submitted. */
  let draft: string;
  /** Anna's project, submitted after its files are attached. */
  let pub: string;
  const files: Record<string, string> = {};

  const as = (u: TestUser) => actingAs(t, u);
  const upload = (u: TestUser | null, projectId: string, body: Buffer | string, type: string, query: Record<string, string>) => {
    const req = t.http().post(`/api/v1/projects/${projectId}/attachments`).query(query).set('Content-Type', type);
    return (u ? req.set(...bearer(u.token)) : req).send(body);
  };
  const download = (u: TestUser | null, projectId: string, attachmentId: string) => {
    const req = t.http().get(`/api/v1/projects/${projectId}/attachments/${attachmentId}`);
    return (u ? req.set(...bearer(u.token)) : req).buffer(true).parse(asBytes);
  };
  const count = async (table: string): Promise<number> => ((await db.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>)[0].n;
  const project = async (title: string): Promise<string> =>
    (
      await as(anna)
        .post(`/api/v1/editions/${editionId}/projects`)
        .send({ poolId, title, summary: 's', description: 'd', justification: 'j', areaId: district, costItems: [{ description: 'Koszt', amount: 5_000_000 }] })
        .expect(201)
    ).body.id;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Miasto', kind: 'city', residentCount: 100_000 });
    district = await createArea(t, { name: 'Oliwa', kind: 'district', parentId: city, residentCount: 20_000 });
    const other = await createArea(t, { name: 'Zaspa', kind: 'district', parentId: city, residentCount: 20_000 });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { grants: [{ role: 'official', areaId: district }] });
    otherOfficial = await createUser(t, { grants: [{ role: 'official', areaId: other }] });
    anna = await createUser(t, { displayName: 'Anna' });
    ben = await createUser(t, { displayName: 'Ben' });
    const e = await as(admin)
      .post('/api/v1/admin/editions')
      .send({ name: 'BO 2027 załączniki', year: 2027, phases: scheduleWith('submission') })
      .expect(201);
    editionId = e.body.id;
    const pool = await as(admin)
      .post(`/api/v1/admin/editions/${editionId}/pools`)
      .send({ name: 'Oliwa', areaId: district, amount: 100_000_000, signaturesRequired: 0 })
      .expect(201);
    poolId = pool.body.pools[0].id;
    await as(admin).post(`/api/v1/admin/editions/${editionId}/publish`).expect(200);
    draft = await project('Szkic z załącznikami');
    pub = await project('Projekt zgłoszony');
  });
  afterAll(() => t?.close());

  it('stores PDF, PNG and JPEG files and gives them back byte for byte, as downloads', async () => {
    const cases: Array<[string, Buffer, string, string, string]> = [
      // [key, content, media type, name sent, name kept]
      ['pdf', PDF, 'application/pdf', 'C:\\skany\\Mapa łąki (v2).pdf', 'Mapa łąki (v2).pdf'],
      ['png', PNG, 'image/png', 'zdjęcia/plac zabaw.png', 'plac zabaw.png'],
      ['jpeg', JPEG, 'image/jpeg', 'wizualizacja.jpg', 'wizualizacja.jpg'],
    ];
    for (const [key, content, type, sent, kept] of cases) {
      const res = await upload(anna, draft, content, type, { name: sent, kind: 'document' }).expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        kind: 'document',
        fileName: kept,
        mediaType: type,
        size: content.length,
        sha256: sha256(content),
        createdAt: expect.any(String),
      });
      files[key] = res.body.id;
      const back = await download(anna, draft, res.body.id).expect(200);
      expect(Buffer.compare(back.body as Buffer, content)).toBe(0);
      expect(back.headers['content-type']).toBe(type);
      expect(back.headers['content-length']).toBe(String(content.length));
      expect(back.headers['etag']).toBe(`"${sha256(content)}"`);
      expect(back.headers['x-content-type-options']).toBe('nosniff');
    }
    const pdf = await download(anna, draft, files.pdf).expect(200);
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''Mapa%20%C5%82%C4%85ki%20%28v2%29.pdf`);
    const list = await as(anna).get(`/api/v1/projects/${draft}/attachments`).expect(200);
    expect(list.body.map((a: { fileName: string }) => a.fileName)).toEqual(['Mapa łąki (v2).pdf', 'plac zabaw.png', 'wizualizacja.jpg']);
    // The official of the project's area sees a draft's files; another area's official does not.
    await download(official, draft, files.png).expect(200);
    await download(otherOfficial, draft, files.png).expect(404);
  });

  it('refuses a file whose content is not its declared type, other types, empty and oversized bodies, and a missing name — storing nothing', async () => {
    const before = await count('budget_attachments');
    const spoofed = await upload(anna, draft, PNG, 'application/pdf', { name: 'nie-pdf.pdf', kind: 'document' }).expect(415);
    expect(spoofed.headers['content-type']).toContain('application/problem+json');
    expect(spoofed.body.code).toBe('unsupported_file_type');
    expect(spoofed.body.detail).toContain('PDF, PNG lub JPEG');
    // text/plain (a type another site's form can send) is refused at the edge of the API, before the body is read.
    const text = await upload(anna, draft, 'zwykły tekst', 'text/plain', { name: 'notatka.txt', kind: 'document' }).expect(415);
    expect(text.body.code).toBe('unsupported_media_type');
    expect(text.body.detail).toContain('PDF, PNG lub JPEG');
    expect((await upload(anna, draft, PDF, 'application/octet-stream', { name: 'plik.bin', kind: 'document' }).expect(415)).headers['content-type']).toContain(
      'application/problem+json',
    );
    // A JPEG header alone is not a PNG.
    await upload(anna, draft, JPEG, 'image/png', { name: 'x.png', kind: 'document' }).expect(415);

    const tooBig = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    PDF.copy(tooBig);
    const large = await upload(anna, draft, tooBig, 'application/pdf', { name: 'duży.pdf', kind: 'document' }).expect(413);
    expect(large.headers['content-type']).toContain('application/problem+json');
    expect(large.body.status).toBe(413);

    const empty = await upload(anna, draft, Buffer.alloc(0), 'application/pdf', { name: 'pusty.pdf', kind: 'document' }).expect(422);
    expect(empty.body.code).toBe('validation_failed');
    const noName = await upload(anna, draft, PDF, 'application/pdf', { kind: 'document' }).expect(422);
    expect(noName.body.errors.map((e: { field: string }) => e.field)).toContain('name');
    const onlyPath = await upload(anna, draft, PDF, 'application/pdf', { name: 'katalog/', kind: 'document' }).expect(422);
    expect(onlyPath.body.errors.map((e: { field: string }) => e.field)).toContain('name');
    await upload(anna, draft, PDF, 'application/pdf', { name: `${'a'.repeat(197)}.pdf`, kind: 'document' }).expect(422);
    const badKind = await upload(anna, draft, PDF, 'application/pdf', { name: 'a.pdf', kind: 'photo' }).expect(422);
    expect(badKind.body.errors.map((e: { field: string }) => e.field)).toEqual(['kind']);
    expect(await count('budget_attachments')).toBe(before);
  });

  it('keeps a draft’s files to its authors, and allows at most 10 per project', async () => {
    const before = await count('budget_attachments');
    await upload(ben, draft, PDF, 'application/pdf', { name: 'cudzy.pdf', kind: 'document' }).expect(404);
    await as(ben).get(`/api/v1/projects/${draft}/attachments`).expect(404);
    await t.http().get(`/api/v1/projects/${draft}/attachments`).expect(404);
    await download(ben, draft, files.pdf).expect(404);
    await download(null, draft, files.pdf).expect(404);
    await upload(null, draft, PDF, 'application/pdf', { name: 'anonim.pdf', kind: 'document' }).expect(401);
    await as(ben).delete(`/api/v1/projects/${draft}/attachments/${files.pdf}`).expect(404);
    expect(await count('budget_attachments')).toBe(before);

    // Three files so far; seven more make ten.
    for (let i = 4; i <= 10; i++)
      await upload(anna, draft, PDF, 'application/pdf', { name: `zalacznik-${i}.pdf`, kind: i % 2 ? 'document' : 'support_list' }).expect(201);
    const eleventh = await upload(anna, draft, PNG, 'image/png', { name: 'jedenasty.png', kind: 'document' }).expect(409);
    expect(eleventh.body.code).toBe('too_many_attachments');
    expect(((await db.query(`SELECT count(*)::int AS n FROM budget_attachments WHERE project_id = $1`, [draft])) as Array<{ n: number }>)[0].n).toBe(10);
    // Removing one makes room again.
    await as(anna).delete(`/api/v1/projects/${draft}/attachments/${files.jpeg}`).expect(204);
    await download(anna, draft, files.jpeg).expect(404);
    await upload(anna, draft, PNG, 'image/png', { name: 'jedenasty.png', kind: 'document' }).expect(201);
  });

  it('shows a submitted project’s documents to anyone, but its scanned support lists only to the authors and the area’s officials', async () => {
    const doc = await upload(anna, pub, PDF, 'application/pdf', { name: 'opis.pdf', kind: 'document' }).expect(201);
    const scan = await upload(anna, pub, JPEG, 'image/jpeg', { name: 'lista-poparcia-1.jpg', kind: 'support_list' }).expect(201);
    files.doc = doc.body.id;
    files.scan = scan.body.id;
    await as(anna).post(`/api/v1/projects/${pub}/submit`).expect(200);
    // After submission: more scans, but no more documents.
    files.scan2 = (await upload(anna, pub, PNG, 'image/png', { name: 'lista-poparcia-2.png', kind: 'support_list' }).expect(201)).body.id;
    expect((await upload(anna, pub, PDF, 'application/pdf', { name: 'późny.pdf', kind: 'document' }).expect(409)).body.code).toBe('invalid_transition');
    expect((await as(anna).delete(`/api/v1/projects/${pub}/attachments/${files.doc}`).expect(409)).body.code).toBe('invalid_transition');
    // Another resident cannot add files to someone else's public project.
    expect((await upload(ben, pub, JPEG, 'image/jpeg', { name: 'lista.jpg', kind: 'support_list' }).expect(403)).body.code).toBe('not_an_author');

    const kinds = (res: { body: Array<{ fileName: string; kind: string }> }) => res.body.map((a) => `${a.kind}:${a.fileName}`);
    expect(kinds(await t.http().get(`/api/v1/projects/${pub}/attachments`).expect(200))).toEqual(['document:opis.pdf']);
    expect(kinds(await as(ben).get(`/api/v1/projects/${pub}/attachments`).expect(200))).toEqual(['document:opis.pdf']);
    expect(kinds(await as(otherOfficial).get(`/api/v1/projects/${pub}/attachments`).expect(200))).toEqual(['document:opis.pdf']);
    const all = ['document:opis.pdf', 'support_list:lista-poparcia-1.jpg', 'support_list:lista-poparcia-2.png'];
    expect(kinds(await as(anna).get(`/api/v1/projects/${pub}/attachments`).expect(200))).toEqual(all);
    expect(kinds(await as(official).get(`/api/v1/projects/${pub}/attachments`).expect(200))).toEqual(all);

    expect(Buffer.compare((await download(null, pub, files.doc).expect(200)).body as Buffer, PDF)).toBe(0);
    for (const u of [null, ben, otherOfficial]) {
      const hidden = await download(u, pub, files.scan).expect(404);
      expect(hidden.body.toString()).not.toContain('lista-poparcia');
    }
    expect(Buffer.compare((await download(anna, pub, files.scan).expect(200)).body as Buffer, JPEG)).toBe(0);
    expect(Buffer.compare((await download(official, pub, files.scan).expect(200)).body as Buffer, JPEG)).toBe(0);
    // An attachment of another project is not found under this one.
    await download(anna, pub, files.pdf).expect(404);
  });

  it('lets an official of the area count a scanned list once; the count adds to the project’s paper signatures', async () => {
    const enter = (u: TestUser, body: object) => as(u).post(`/api/v1/projects/${pub}/support-lists`).send(body);
    const before = await count('budget_support_lists');
    await enter(anna, { attachmentId: files.scan, signatures: 120 }).expect(403);
    await enter(ben, { attachmentId: files.scan, signatures: 120 }).expect(403);
    await enter(otherOfficial, { attachmentId: files.scan, signatures: 120 }).expect(403);
    expect((await enter(official, { attachmentId: files.scan, signatures: -1 }).expect(422)).body.errors[0].field).toBe('signatures');
    expect((await enter(official, { attachmentId: files.scan, signatures: 1_000_001 }).expect(422)).body.errors[0].field).toBe('signatures');
    const unknown = await enter(official, { attachmentId: '00000000-0000-4000-8000-000000000000', signatures: 1 }).expect(422);
    expect(unknown.body).toMatchObject({ code: 'attachment_not_found', errors: [{ field: 'attachmentId' }] });
    // Another project's scan (Anna's draft holds some) is unknown here too.
    const draftScan = (
      (await db.query(`SELECT id FROM budget_attachments WHERE project_id = $1 AND kind = 'support_list' LIMIT 1`, [draft])) as Array<{ id: string }>
    )[0].id;
    expect((await enter(official, { attachmentId: draftScan, signatures: 1 }).expect(422)).body.code).toBe('attachment_not_found');
    expect((await enter(official, { attachmentId: files.doc, signatures: 1 }).expect(409)).body.code).toBe('not_a_support_list');
    expect(await count('budget_support_lists')).toBe(before);

    expect((await enter(official, { attachmentId: files.scan, signatures: 120 }).expect(201)).body).toEqual({
      onlineEndorsements: 0,
      paperSignatures: 120,
      total: 120,
    });
    expect((await enter(official, { attachmentId: files.scan, signatures: 120 }).expect(409)).body.code).toBe('not_a_support_list');
    await as(ben).post(`/api/v1/projects/${pub}/endorsement`).expect(200);
    expect((await enter(official, { attachmentId: files.scan2, signatures: 35 }).expect(201)).body).toEqual({
      onlineEndorsements: 1,
      paperSignatures: 155,
      total: 156,
    });

    const [{ paper_signatures }] = (await db.query(`SELECT paper_signatures FROM budget_projects WHERE id = $1`, [pub])) as Array<{ paper_signatures: number }>;
    expect(paper_signatures).toBe(155);
    const shown = await t.http().get(`/api/v1/projects/${pub}`).expect(200);
    expect(shown.body.paperSignatures).toBe(155);
    expect(shown.body.history.filter((h: { action: string }) => h.action === 'support_list_counted')).toHaveLength(2);
    const details = (await db.query(`SELECT details FROM budget_project_history WHERE project_id = $1 AND action = 'support_list_counted' ORDER BY id`, [
      pub,
    ])) as Array<{
      details: object;
    }>;
    expect(details.map((d) => d.details)).toEqual([
      { signatures: 120, attachmentId: files.scan },
      { signatures: 35, attachmentId: files.scan2 },
    ]);

    const lists = await as(anna).get(`/api/v1/projects/${pub}/support-lists`).expect(200);
    expect(lists.body.map((l: { attachmentId: string; signatures: number }) => [l.attachmentId, l.signatures])).toEqual([
      [files.scan, 120],
      [files.scan2, 35],
    ]);
    expect(lists.body[0]).toEqual({ id: expect.any(String), attachmentId: files.scan, signatures: 120, enteredAt: expect.any(String) });
    await as(official).get(`/api/v1/projects/${pub}/support-lists`).expect(200);
    await as(ben).get(`/api/v1/projects/${pub}/support-lists`).expect(403);
    await as(ben).get(`/api/v1/projects/${draft}/support-lists`).expect(404);

    // A counted list stays; an uncounted one may go while lists are accepted.
    expect((await as(anna).delete(`/api/v1/projects/${pub}/attachments/${files.scan}`).expect(409)).body.code).toBe('attachment_in_use');
    await download(anna, pub, files.scan).expect(200);
    const spare = await upload(anna, pub, PNG, 'image/png', { name: 'lista-zapasowa.png', kind: 'support_list' }).expect(201);
    await as(anna).delete(`/api/v1/projects/${pub}/attachments/${spare.body.id}`).expect(204);
  });

  it('closes attachments and counting once the project has left the statuses that allow them', async () => {
    // A draft's lists are not counted (it has not been submitted).
    const draftScan = (
      (await db.query(`SELECT id FROM budget_attachments WHERE project_id = $1 AND kind = 'support_list' LIMIT 1`, [draft])) as Array<{ id: string }>
    )[0].id;
    expect((await as(official).post(`/api/v1/projects/${draft}/support-lists`).send({ attachmentId: draftScan, signatures: 5 }).expect(409)).body.code).toBe(
      'invalid_transition',
    );

    // A list uploaded while the project still collected support, counted too late.
    const late = (await upload(anna, pub, JPEG, 'image/jpeg', { name: 'lista-poparcia-3.jpg', kind: 'support_list' }).expect(201)).body.id;

    await as(admin)
      .patch(`/api/v1/admin/editions/${editionId}`)
      .send({ phases: scheduleWith('formal_review') })
      .expect(200);
    const reviewed = await as(official)
      .post(`/api/v1/projects/${pub}/reviews`)
      .send({ stage: 'formal', outcome: 'positive', criteria: ALL_MET, justification: 'Kompletny.' })
      .expect(200);
    expect(reviewed.body.status).toBe('merit_review');
    const attachments = await count('budget_attachments');
    const lists = await count('budget_support_lists');
    expect((await upload(anna, pub, JPEG, 'image/jpeg', { name: 'spóźniona-lista.jpg', kind: 'support_list' }).expect(409)).body.code).toBe(
      'invalid_transition',
    );
    expect((await upload(anna, pub, PDF, 'application/pdf', { name: 'spóźniony.pdf', kind: 'document' }).expect(409)).body.code).toBe('invalid_transition');
    expect((await as(anna).delete(`/api/v1/projects/${pub}/attachments/${late}`).expect(409)).body.code).toBe('invalid_transition');
    expect((await as(official).post(`/api/v1/projects/${pub}/support-lists`).send({ attachmentId: late, signatures: 5 }).expect(409)).body.code).toBe(
      'invalid_transition',
    );
    expect(await count('budget_attachments')).toBe(attachments);
    expect(await count('budget_support_lists')).toBe(lists);
    const [{ paper_signatures }] = (await db.query(`SELECT paper_signatures FROM budget_projects WHERE id = $1`, [pub])) as Array<{ paper_signatures: number }>;
    expect(paper_signatures).toBe(155);
    // The documents stay public after the formal review.
    await download(null, pub, files.doc).expect(200);
  });
});
