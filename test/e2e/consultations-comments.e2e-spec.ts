import { DataSource } from 'typeorm';
import { zonedDate } from '@civitas/common';
import { ConsultationsService } from '@civitas/consultations';
import { createTestApp, TestApp } from '@civitas/test';
import { createArea } from '../factories/areas.factory';
import { bearer, createUser, TestUser } from '../factories/users.factory';

const DAY = 86_400_000;
const XSS = '<script>alert(1)</script> <img src=x onerror="alert(2)"> [x](javascript:alert(3))';

/** Whether a response body carries anything a browser would run: a script tag, an on*= attribute in a tag, a javascript: link. */
function live(value: unknown): string[] {
  const s = JSON.stringify(value);
  const found: string[] = [];
  if (/<script/i.test(s)) found.push('<script');
  if (/<[a-z][^>]*\son\w+\s*=/i.test(s)) found.push('on*= attribute');
  if (/href=\\?"\s*javascript:/i.test(s)) found.push('javascript: href');
  return found;
}

describe('consultations: document versions, comments, reports and moderation (e2e)', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: TestUser;
  let official: TestUser;
  let otherOfficial: TestUser;
  let moderator: TestUser;
  let anna: TestUser;
  let piotr: TestUser;
  let ngo: TestUser;
  let areaA: string;
  let areaB: string;
  let n = 0;

  const as = (u: TestUser | null) => {
    const h = <R extends { set: (k: string, v: string) => R }>(r: R) => (u ? r.set(...bearer(u.token)) : r);
    return {
      get: (p: string) => h(t.http().get(p)),
      post: (p: string) => h(t.http().post(p)),
      put: (p: string) => h(t.http().put(p)),
    };
  };
  const count = async (sql: string, params: unknown[] = []) => Number(((await db.query(sql, params)) as Array<{ n: number }>)[0].n);
  const comments = (id: string) => count(`SELECT count(*)::int AS n FROM consultation_comments WHERE consultation_id = $1`, [id]);
  const fieldsOf = (res: { body: { errors?: Array<{ field: string }> } }) => [...new Set((res.body.errors ?? []).map((e) => e.field))];

  /**
   * A consultation of area A run by `official`, announced and then open. Opening needs a week's notice, so it is
   * announced 8 days ahead; the SQL update of opens_at only simulates the passing of that time before the schedule runs.
   */
  async function openConsultation(opts: { moderation?: 'pre' | 'post'; audience?: 'everyone' | 'ngo' } = {}): Promise<string> {
    n += 1;
    const created = await as(official)
      .post('/api/v1/admin/consultations')
      .send({
        title: `Konsultacje ${n}: park nad Wartą`,
        areaIds: [areaA],
        moderation: opts.moderation ?? 'post',
        audience: opts.audience ?? 'everyone',
        opensAt: new Date(Date.now() + 8 * DAY).toISOString(),
        closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
      })
      .expect(201);
    const id = created.body.id as string;
    await as(official).post(`/api/v1/admin/consultations/${id}/announce`).expect(200);
    await db.query(`UPDATE consultations SET opens_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    await t.app.get(ConsultationsService).advance();
    expect((await as(null).get(`/api/v1/consultations/${id}`).expect(200)).body.status).toBe('open');
    return id;
  }

  const putDocument = (id: string, sections: Array<{ key: string; heading?: string; body: string }>, note?: string) =>
    as(official).put(`/api/v1/admin/consultations/${id}/document`).send({ note, sections });

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    const city = await createArea(t, { name: 'Poznań', kind: 'city' });
    areaA = await createArea(t, { name: 'Jeżyce', kind: 'district', parentId: city });
    areaB = await createArea(t, { name: 'Wilda', kind: 'district', parentId: city });
    admin = await createUser(t, { grants: [{ role: 'admin', areaId: null }] });
    official = await createUser(t, { displayName: 'Urzędnik Jeżyc', grants: [{ role: 'official', areaId: areaA }] });
    otherOfficial = await createUser(t, { grants: [{ role: 'official', areaId: areaB }] });
    moderator = await createUser(t, { grants: [{ role: 'moderator', areaId: null }] });
    anna = await createUser(t, { displayName: 'Anna Kowalska' });
    piotr = await createUser(t, { displayName: 'Piotr Nowak' });
    ngo = await createUser(t, { displayName: 'Jan z fundacji' });
  }, 120_000);
  afterAll(() => t?.close());

  it('keeps document versions: a known key keeps its section and its comments, which show the version they were made on', async () => {
    const id = await openConsultation();
    const v1 = await putDocument(
      id,
      [
        { key: '§ 1', heading: 'Przedmiot', body: 'Park ma **trzy** strefy.' },
        { key: '§ 2', heading: 'Zieleń', body: 'Sadzimy 40 drzew.' },
      ],
      'Projekt uchwały',
    ).expect(200);
    expect(v1.body).toMatchObject({ version: 1, currentVersion: 1 });
    const s1 = v1.body.sections[0].id as string;
    const s2 = v1.body.sections[1].id as string;
    expect(v1.body.sections[0]).toMatchObject({ key: '§ 1', position: 1, heading: 'Przedmiot', bodyHtml: '<p>Park ma <strong>trzy</strong> strefy.</p>\n' });

    const onV1 = await as(anna)
      .post(`/api/v1/consultations/${id}/comments`)
      .send({ sectionId: s1, body: 'Za mało ławek.', proposedWording: 'Park ma cztery strefy.' })
      .expect(201);
    expect(onV1.body).toMatchObject({ status: 'visible', version: 1, sectionId: s1, sectionKey: '§ 1', authorName: 'Anna Kowalska', channel: 'online' });

    // Version 2: § 2 dropped, § 1 moved down and changed, § 3 new.
    const v2 = await putDocument(
      id,
      [
        { key: '§ 3', heading: 'Oświetlenie', body: 'Lampy LED.' },
        { key: '§ 1', heading: 'Przedmiot', body: 'Park ma cztery strefy.' },
      ],
      'Po uwagach mieszkańców',
    ).expect(200);
    expect(v2.body.version).toBe(2);
    expect(v2.body.sections.map((s: { key: string; position: number; id: string }) => [s.key, s.position])).toEqual([
      ['§ 3', 1],
      ['§ 1', 2],
    ]);
    expect(v2.body.sections[1].id).toBe(s1);
    expect(v2.body.versions.map((v: { version: number; note: string }) => [v.version, v.note])).toEqual([
      [1, 'Projekt uchwały'],
      [2, 'Po uwagach mieszkańców'],
    ]);

    const old = await as(null).get(`/api/v1/consultations/${id}/document?version=1`).expect(200);
    expect(old.body.sections.map((s: { id: string; body: string }) => [s.id, s.body])).toEqual([
      [s1, 'Park ma **trzy** strefy.'],
      [s2, 'Sadzimy 40 drzew.'],
    ]);
    expect((await as(null).get(`/api/v1/consultations/${id}/document`).expect(200)).body.version).toBe(2);
    await as(null).get(`/api/v1/consultations/${id}/document?version=7`).expect(404);
    await as(null).get(`/api/v1/consultations/${id}/document?version=zero`).expect(422);
    const shown = await as(null).get(`/api/v1/consultations/${id}`).expect(200);
    expect(shown.body.documentVersion).toBe(2);
    expect(shown.body.sections.map((s: { key: string }) => s.key)).toEqual(['§ 3', '§ 1']);

    // A section no longer in the current version, or another consultation's, cannot be commented on.
    const before = await comments(id);
    const gone = await as(anna).post(`/api/v1/consultations/${id}/comments`).send({ sectionId: s2, body: 'A drzewa?' }).expect(422);
    expect(fieldsOf(gone)).toEqual(['sectionId']);
    const other = await openConsultation();
    const foreign = (await putDocument(other, [{ key: '§ 1', body: 'Inny dokument.' }]).expect(200)).body.sections[0].id as string;
    expect(fieldsOf(await as(anna).post(`/api/v1/consultations/${id}/comments`).send({ sectionId: foreign, body: 'Tu?' }).expect(422))).toEqual(['sectionId']);
    expect(await comments(id)).toBe(before);

    const onV2 = await as(piotr).post(`/api/v1/consultations/${id}/comments`).send({ sectionId: s1, body: 'Cztery to dobrze.' }).expect(201);
    expect(onV2.body.version).toBe(2);
    const general = await as(piotr).post(`/api/v1/consultations/${id}/comments`).send({ body: 'Ogólnie dobry pomysł.' }).expect(201);
    expect(general.body).toMatchObject({ sectionId: null, sectionKey: null, version: 2 });

    const onS1 = await as(null).get(`/api/v1/consultations/${id}/comments?section=${s1}`).expect(200);
    expect(onS1.body.map((c: { id: string; version: number; sectionKey: string }) => [c.id, c.version, c.sectionKey])).toEqual([
      [onV1.body.id, 1, '§ 1'],
      [onV2.body.id, 2, '§ 1'],
    ]);
    const all = await as(null).get(`/api/v1/consultations/${id}/comments`).expect(200);
    expect(all.body).toHaveLength(3);
    for (const c of all.body) {
      expect(Object.keys(c).sort()).toEqual(['authorName', 'body', 'channel', 'createdAt', 'id', 'proposedWording', 'sectionId', 'sectionKey', 'version']);
    }
    expect(JSON.stringify(all.body)).not.toContain('@example.pl');
    expect(JSON.stringify(all.body)).not.toContain(anna.id);

    // Duplicate keys (case aside) are refused, naming the field; nothing is stored.
    const versions = await count(`SELECT count(*)::int AS n FROM consultation_document_versions WHERE consultation_id = $1`, [id]);
    const dup = await putDocument(id, [
      { key: '§ 5', body: 'a' },
      { key: '§ 6', body: 'b' },
      { key: '§ 5', body: 'c' },
    ]).expect(422);
    expect(dup.headers['content-type']).toContain('application/problem+json');
    expect(fieldsOf(dup)).toEqual(['sections.2.key']);
    expect(fieldsOf(await putDocument(id, [{ key: '  ', body: 'a' }]).expect(422))).toEqual(['sections.0.key']);
    expect(fieldsOf(await putDocument(id, []).expect(422))).toEqual(['sections']);
    expect(await count(`SELECT count(*)::int AS n FROM consultation_document_versions WHERE consultation_id = $1`, [id])).toBe(versions);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1 AND action = 'consultation.document_versioned'`, [id])).toBe(2);
  });

  it('post-moderation: visible at once; reports once per user; hide and restore with reasons, audited, the author told', async () => {
    const id = await openConsultation({ moderation: 'post' });
    const c = await as(anna).post(`/api/v1/consultations/${id}/comments`).send({ body: 'Sąsiad spod 5 hałasuje.' }).expect(201);
    const commentId = c.body.id as string;
    expect(c.body.status).toBe('visible');

    await as(piotr).post(`/api/v1/consultations/${id}/comments/${commentId}/reports`).send({ reason: 'Dane osobowe' }).expect(201);
    const again = await as(piotr).post(`/api/v1/consultations/${id}/comments/${commentId}/reports`).send({}).expect(409);
    expect(again.body.code).toBe('already_reported');
    await as(moderator).post(`/api/v1/consultations/${id}/comments/${commentId}/reports`).send({}).expect(201);
    let listed = await as(moderator).get(`/api/v1/admin/consultations/${id}/comments`).expect(200);
    expect(listed.body[0]).toMatchObject({ id: commentId, status: 'visible', reportCount: 2, hiddenReason: null });

    const missingNote = await as(moderator).post(`/api/v1/admin/consultations/${id}/comments/${commentId}/hide`).send({ reason: 'other' }).expect(422);
    expect(fieldsOf(missingNote)).toEqual(['note']);
    expect(fieldsOf(await as(moderator).post(`/api/v1/admin/consultations/${id}/comments/${commentId}/hide`).send({ reason: 'rude' }).expect(422))).toEqual([
      'reason',
    ]);

    const hidden = await as(moderator)
      .post(`/api/v1/admin/consultations/${id}/comments/${commentId}/hide`)
      .send({ reason: 'personal_data', note: 'Proszę nie podawać adresów sąsiadów.' })
      .expect(200);
    expect(hidden.body).toMatchObject({ status: 'hidden', hiddenReason: 'personal_data', hiddenNote: 'Proszę nie podawać adresów sąsiadów.' });
    expect((await as(null).get(`/api/v1/consultations/${id}/comments`).expect(200)).body).toEqual([]);
    await as(moderator).post(`/api/v1/admin/consultations/${id}/comments/${commentId}/hide`).send({ reason: 'spam' }).expect(409);
    await as(moderator).post(`/api/v1/admin/consultations/${id}/comments/${commentId}/approve`).expect(409);
    await as(anna).post(`/api/v1/consultations/${id}/comments/${commentId}/reports`).send({}).expect(404);
    listed = await as(official).get(`/api/v1/admin/consultations/${id}/comments?status=hidden`).expect(200);
    expect(listed.body.map((k: { id: string; body: string }) => [k.id, k.body])).toEqual([[commentId, 'Sąsiad spod 5 hałasuje.']]);

    const events = async () =>
      (await db.query(
        `SELECT facts FROM notification_events WHERE kind = 'comment.moderated' AND $1 = ANY(user_ids) AND facts->>'commentId' = $2 ORDER BY created_at`,
        [anna.id, commentId],
      )) as Array<{ facts: Record<string, string> }>;
    expect((await events()).map((e) => e.facts)).toEqual([
      expect.objectContaining({
        consultationId: id,
        commentId,
        action: 'hidden',
        reason: 'personal_data',
        note: 'Proszę nie podawać adresów sąsiadów.',
        consultationTitle: expect.stringContaining('park nad Wartą'),
      }),
    ]);

    const restored = await as(official).post(`/api/v1/admin/consultations/${id}/comments/${commentId}/restore`).send({}).expect(200);
    expect(restored.body).toMatchObject({ status: 'visible', hiddenReason: null });
    await as(official).post(`/api/v1/admin/consultations/${id}/comments/${commentId}/restore`).send({}).expect(409);
    expect((await as(null).get(`/api/v1/consultations/${id}/comments`).expect(200)).body.map((k: { id: string }) => k.id)).toEqual([commentId]);
    expect((await events()).map((e) => e.facts.action)).toEqual(['hidden', 'restored']);

    const audit = (await db.query(`SELECT action, details FROM audit_log WHERE subject_id = $1 AND action LIKE 'consultation.comment%' ORDER BY seq`, [
      id,
    ])) as Array<{
      action: string;
      details: Record<string, unknown>;
    }>;
    expect(audit.map((a) => [a.action, a.details.commentId, a.details.reason])).toEqual([
      ['consultation.comment_hidden', commentId, 'personal_data'],
      ['consultation.comment_restored', commentId, 'personal_data'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('hałasuje');
    // Comments are never deleted.
    expect(await comments(id)).toBe(1);
  });

  it('pre-moderation: comments wait; approve shows them, hide rejects them (the authors told)', async () => {
    const id = await openConsultation({ moderation: 'pre' });
    const a = await as(anna).post(`/api/v1/consultations/${id}/comments`).send({ body: 'Więcej cienia.' }).expect(201);
    const b = await as(piotr).post(`/api/v1/consultations/${id}/comments`).send({ body: 'Kup teraz tanie buty!' }).expect(201);
    expect([a.body.status, b.body.status]).toEqual(['pending', 'pending']);
    expect((await as(null).get(`/api/v1/consultations/${id}/comments`).expect(200)).body).toEqual([]);
    await as(anna).post(`/api/v1/consultations/${id}/comments/${a.body.id}/reports`).send({}).expect(404);
    expect((await as(moderator).get(`/api/v1/admin/consultations/${id}/comments?status=pending`).expect(200)).body).toHaveLength(2);
    await as(moderator).post(`/api/v1/admin/consultations/${id}/comments/${a.body.id}/restore`).send({}).expect(409);

    expect((await as(moderator).post(`/api/v1/admin/consultations/${id}/comments/${a.body.id}/approve`).expect(200)).body.status).toBe('visible');
    await as(moderator).post(`/api/v1/admin/consultations/${id}/comments/${a.body.id}/approve`).expect(409);
    const rejected = await as(moderator).post(`/api/v1/admin/consultations/${id}/comments/${b.body.id}/hide`).send({ reason: 'spam' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'hidden', hiddenReason: 'spam' });

    expect((await as(null).get(`/api/v1/consultations/${id}/comments`).expect(200)).body.map((k: { id: string }) => k.id)).toEqual([a.body.id]);
    const told = (await db.query(`SELECT facts FROM notification_events WHERE kind = 'comment.moderated' AND $1 = ANY(user_ids) AND facts->>'commentId' = $2`, [
      piotr.id,
      b.body.id,
    ])) as Array<{ facts: Record<string, string> }>;
    expect(told.map((e) => [e.facts.action, e.facts.reason])).toEqual([['hidden', 'spam']]);
    // The author of the approved comment hears that it is published.
    const approved = (await db.query(
      `SELECT facts FROM notification_events WHERE kind = 'comment.moderated' AND $1 = ANY(user_ids) AND facts->>'commentId' = $2`,
      [anna.id, a.body.id],
    )) as Array<{ facts: Record<string, string> }>;
    expect(approved.map((e) => e.facts.action)).toEqual(['approved']);
    const audit = (await db.query(`SELECT action FROM audit_log WHERE subject_id = $1 AND action LIKE 'consultation.comment%' ORDER BY seq`, [id])) as Array<{
      action: string;
    }>;
    expect(audit.map((x) => x.action)).toEqual(['consultation.comment_approved', 'consultation.comment_hidden']);
  });

  it('entered comments: paper, e-mail and meeting while open, and after closing only up to the closing day', async () => {
    const id = await openConsultation({ moderation: 'pre' });
    const section = (await putDocument(id, [{ key: '§ 1', body: 'Treść.' }]).expect(200)).body.sections[0].id as string;
    const today = zonedDate(new Date());
    const paper = await as(official)
      .post(`/api/v1/admin/consultations/${id}/comments`)
      .send({
        channel: 'paper',
        receivedOn: today,
        authorName: 'Rada Osiedla Jeżyce',
        contactEmail: 'Rada@Example.pl',
        sectionId: section,
        body: 'Pismo w sprawie § 1.',
      })
      .expect(201);
    expect(paper.body).toMatchObject({
      status: 'visible',
      channel: 'paper',
      receivedOn: today,
      authorName: 'Rada Osiedla Jeżyce',
      contactEmail: 'rada@example.pl',
      version: 1,
      sectionKey: '§ 1',
    });
    const pub = await as(null).get(`/api/v1/consultations/${id}/comments`).expect(200);
    expect(pub.body).toEqual([expect.objectContaining({ id: paper.body.id, channel: 'paper', authorName: 'Rada Osiedla Jeżyce' })]);
    expect(JSON.stringify(pub.body)).not.toContain('rada@example.pl');

    const before = await comments(id);
    const bad = await as(official)
      .post(`/api/v1/admin/consultations/${id}/comments`)
      .send({ channel: 'fax', receivedOn: '2027-02-30', authorName: '', body: 'x' })
      .expect(422);
    expect(fieldsOf(bad)).toEqual(['channel']);
    const bad2 = await as(official)
      .post(`/api/v1/admin/consultations/${id}/comments`)
      .send({ channel: 'email', receivedOn: '2027-02-30', authorName: '<b></b>', contactEmail: 'nie-adres', body: 'x' })
      .expect(422);
    expect(fieldsOf(bad2).sort()).toEqual(['authorName', 'contactEmail', 'receivedOn']);
    const tomorrow = zonedDate(new Date(Date.now() + 2 * DAY));
    expect(
      fieldsOf(
        await as(official)
          .post(`/api/v1/admin/consultations/${id}/comments`)
          .send({ channel: 'email', receivedOn: tomorrow, authorName: 'X', body: 'x' })
          .expect(422),
      ),
    ).toEqual(['receivedOn']);
    expect(await comments(id)).toBe(before);

    // Closing three days ago (SQL only simulates the passing of time; the schedule closes it).
    await db.query(`UPDATE consultations SET opens_at = now() - interval '10 days', closes_at = now() - interval '3 days' WHERE id = $1`, [id]);
    await t.app.get(ConsultationsService).advance();
    const closedOn = zonedDate(new Date(Date.now() - 3 * DAY));
    const dayAfter = zonedDate(new Date(Date.now() - 2 * DAY));
    await as(anna).post(`/api/v1/consultations/${id}/comments`).send({ body: 'Za późno?' }).expect(409);
    await as(official)
      .post(`/api/v1/admin/consultations/${id}/comments`)
      .send({ channel: 'meeting', receivedOn: closedOn, authorName: 'Uczestnik spotkania', body: 'Głos ze spotkania.' })
      .expect(201);
    const late = await as(official)
      .post(`/api/v1/admin/consultations/${id}/comments`)
      .send({ channel: 'paper', receivedOn: dayAfter, authorName: 'Spóźniony', body: 'List.' })
      .expect(422);
    expect(fieldsOf(late)).toEqual(['receivedOn']);
    expect(await comments(id)).toBe(before + 1);
  });

  it('NGO-only consultations take comments from organisation accounts, shown under the organisation name', async () => {
    const id = await openConsultation({ audience: 'ngo' });
    const refused = await as(anna).post(`/api/v1/consultations/${id}/comments`).send({ body: 'Jako mieszkanka.' }).expect(403);
    expect(refused.body.code).toBe('ngo_only');
    await as(admin).put(`/api/v1/admin/users/${ngo.id}/organisation`).send({ name: 'Fundacja Zielony Poznań', krs: '0000123456' }).expect(200);
    const ok = await as(ngo).post(`/api/v1/consultations/${id}/comments`).send({ body: 'Opinia fundacji.' }).expect(201);
    expect(ok.body.authorName).toBe('Fundacja Zielony Poznań');
    expect(await comments(id)).toBe(1);
  });

  it('permissions: anonymous 401, residents 403 on admin routes, officials of another area 403; drafts hidden', async () => {
    const id = await openConsultation();
    const c = await as(anna).post(`/api/v1/consultations/${id}/comments`).send({ body: 'Uwaga.' }).expect(201);
    const base = `/api/v1/admin/consultations/${id}`;
    const doc = { sections: [{ key: '§ 1', body: 'x' }] };
    const paper = { channel: 'paper', receivedOn: zonedDate(new Date()), authorName: 'X', body: 'x' };

    await as(null).post(`/api/v1/consultations/${id}/comments`).send({ body: 'Anonim.' }).expect(401);
    await as(null).post(`/api/v1/consultations/${id}/comments/${c.body.id}/reports`).send({}).expect(401);
    await as(null).put(`${base}/document`).send(doc).expect(401);
    await as(null).get(`${base}/comments`).expect(401);
    await as(null).post(`${base}/comments/${c.body.id}/hide`).send({ reason: 'spam' }).expect(401);

    await as(anna).put(`${base}/document`).send(doc).expect(403);
    await as(anna).get(`${base}/comments`).expect(403);
    await as(anna).post(`${base}/comments`).send(paper).expect(403);
    await as(anna).post(`${base}/comments/${c.body.id}/hide`).send({ reason: 'spam' }).expect(403);
    await as(anna).post(`${base}/comments/${c.body.id}/approve`).expect(403);

    await as(otherOfficial).put(`${base}/document`).send(doc).expect(403);
    await as(otherOfficial).get(`${base}/comments`).expect(403);
    await as(otherOfficial).post(`${base}/comments`).send(paper).expect(403);
    await as(otherOfficial).post(`${base}/comments/${c.body.id}/hide`).send({ reason: 'spam' }).expect(403);
    await as(otherOfficial).post(`${base}/comments/${c.body.id}/restore`).send({}).expect(403);

    // Admins cover every role.
    await as(admin).put(`${base}/document`).send(doc).expect(200);
    expect((await as(admin).get(`${base}/comments`).expect(200)).body).toHaveLength(1);
    expect(await count(`SELECT count(*)::int AS n FROM consultation_document_versions WHERE consultation_id = $1`, [id])).toBe(1);
    expect((await as(null).get(`/api/v1/consultations/${id}/comments`).expect(200)).body).toHaveLength(1);

    const draft = await as(official)
      .post('/api/v1/admin/consultations')
      .send({ title: 'Szkic', areaIds: [areaA] })
      .expect(201);
    await as(official).put(`/api/v1/admin/consultations/${draft.body.id}/document`).send(doc).expect(200);
    await as(null).get(`/api/v1/consultations/${draft.body.id}/document`).expect(404);
    await as(null).get(`/api/v1/consultations/${draft.body.id}/comments`).expect(404);
    expect((await as(official).get(`/api/v1/admin/consultations/${draft.body.id}/document`).expect(200)).body.version).toBe(1);
    await as(anna).post(`/api/v1/consultations/${draft.body.id}/comments`).send({ body: 'x' }).expect(404);
    await as(null).get(`/api/v1/consultations/not-a-uuid/comments`).expect(404);
  });

  it('injection: script tags, event handlers and javascript: links come back inert in every text field', async () => {
    const id = await openConsultation();
    const doc = await putDocument(id, [{ key: '§ 1<script>x</script><img src=x onerror=y>', heading: XSS, body: XSS }], XSS).expect(200);
    const sectionId = doc.body.sections[0].id as string;
    const own = await as(anna).post(`/api/v1/consultations/${id}/comments`).send({ sectionId, body: XSS, proposedWording: XSS }).expect(201);
    const entered = await as(official)
      .post(`/api/v1/admin/consultations/${id}/comments`)
      .send({ channel: 'email', receivedOn: zonedDate(new Date()), authorName: `Jan ${XSS}`, sectionId, body: XSS, proposedWording: XSS })
      .expect(201);
    await as(piotr).post(`/api/v1/consultations/${id}/comments/${own.body.id}/reports`).send({ reason: XSS }).expect(201);
    const hidden = await as(moderator)
      .post(`/api/v1/admin/consultations/${id}/comments/${entered.body.id}/hide`)
      .send({ reason: 'other', note: XSS })
      .expect(200);

    const stored = (await db.query(`SELECT reason FROM consultation_comment_reports WHERE comment_id = $1`, [own.body.id])) as Array<{ reason: string }>;
    const pub = await as(null).get(`/api/v1/consultations/${id}/comments`).expect(200);
    const adm = await as(official).get(`/api/v1/admin/consultations/${id}/comments`).expect(200);
    const document = await as(null).get(`/api/v1/consultations/${id}/document`).expect(200);
    const consultation = await as(null).get(`/api/v1/consultations/${id}`).expect(200);
    // A section's `body` is its Markdown source as written; what a page shows is `bodyHtml`.
    const rendered = (d: { sections: Array<Record<string, unknown>>; versions?: unknown }) => ({
      ...d,
      sections: d.sections.map(({ body: _source, ...s }) => s),
    });
    for (const body of [
      own.body,
      entered.body,
      hidden.body,
      pub.body,
      adm.body,
      stored,
      rendered(doc.body),
      rendered(document.body),
      rendered(consultation.body),
    ]) {
      expect(live(body)).toEqual([]);
    }
    expect(document.body.sections[0].bodyHtml).toContain('&lt;script&gt;');
    expect(document.body.sections[0].bodyHtml).not.toMatch(/<a /);
    expect(own.body.body).toBe('alert(1)  [x](javascript:alert(3))');
    expect(document.body.sections[0].key).toBe('§ 1x');
    expect(document.body.versions[0].note).toBe('alert(1)  [x](javascript:alert(3))');
    const events = (await db.query(`SELECT facts FROM notification_events WHERE kind = 'comment.moderated' AND facts->>'commentId' = $1`, [
      entered.body.id,
    ])) as unknown[];
    expect(events).toEqual([]); // entered on paper: no account to tell
  });

  it('bad input: 422 problem+json naming the field, nothing changed', async () => {
    const id = await openConsultation();
    const c = await as(anna).post(`/api/v1/consultations/${id}/comments`).send({ body: 'Dobra uwaga.' }).expect(201);
    const before = await comments(id);
    const reports = () => count(`SELECT count(*)::int AS n FROM consultation_comment_reports WHERE comment_id = $1`, [c.body.id]);
    const post = (body: unknown) =>
      as(anna)
        .post(`/api/v1/consultations/${id}/comments`)
        .send(body as object);

    const empty = await post({ body: '   ' }).expect(422);
    expect(empty.headers['content-type']).toContain('application/problem+json');
    expect(fieldsOf(empty)).toEqual(['body']);
    expect(fieldsOf(await post({ body: '<b></b><i></i>' }).expect(422))).toEqual(['body']);
    expect(fieldsOf(await post({}).expect(422))).toContain('body');
    expect(fieldsOf(await post({ body: 'x', sectionId: 'abc' }).expect(422))).toEqual(['sectionId']);
    expect(fieldsOf(await post({ body: 'x', authorId: admin.id }).expect(422))).toEqual(['authorId']);
    expect(fieldsOf(await post({ body: 'x'.repeat(10_001) }).expect(422))).toEqual(['body']);
    expect(fieldsOf(await post({ body: 'x', proposedWording: 5 }).expect(422))).toEqual(['proposedWording']);
    expect(
      fieldsOf(
        await as(piotr)
          .post(`/api/v1/consultations/${id}/comments/${c.body.id}/reports`)
          .send({ reason: 'x'.repeat(1001) })
          .expect(422),
      ),
    ).toEqual(['reason']);
    expect(
      fieldsOf(await as(moderator).post(`/api/v1/admin/consultations/${id}/comments/${c.body.id}/hide`).send({ reason: 'other', note: '<p></p>' }).expect(422)),
    ).toEqual(['note']);
    await as(moderator).get(`/api/v1/admin/consultations/${id}/comments?status=deleted`).expect(422);

    expect(await comments(id)).toBe(before);
    expect(await reports()).toBe(0);
    expect((await as(moderator).get(`/api/v1/admin/consultations/${id}/comments`).expect(200)).body[0]).toMatchObject({ status: 'visible', reportCount: 0 });
  });
});
