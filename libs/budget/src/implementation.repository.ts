import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { areaTree, queryOne, queryRows } from '@civitas/database';
import type {
  ImplementationListFilter,
  ImplementationListItem,
  ImplementationPhotoFile,
  ImplementationPhotoView,
  ImplementationStatus,
  ImplementationUpdateStatus,
  ImplementationUpdateView,
  PhotoMediaType,
  PreviousUpdate,
} from './implementation.service';

/** The latest update of a project, with its number in the project's sequence. */
export interface LatestUpdate extends PreviousUpdate {
  seq: number;
}

/** A new update, checked, with its number in the project's sequence. */
export interface NewImplementationUpdate {
  projectId: string;
  seq: number;
  status: ImplementationUpdateStatus;
  percent: number;
  note: string;
  reason: string | null;
  happenedOn: string;
  authorId: string;
}

/** A new photo of an update, its checksum computed. */
export interface NewImplementationPhoto {
  updateId: string;
  fileName: string;
  mediaType: string;
  content: Buffer;
  sha256: string;
  uploadedBy: string;
}

/** A project of a published edition, as the public timeline names it. */
export interface PublicProject {
  id: string;
  editionId: string;
  title: string;
  status: string;
}

interface UpdateRow {
  id: string;
  project_id: string;
  status: ImplementationUpdateStatus;
  percent: number;
  note: string;
  reason: string | null;
  happened_on: string;
  created_at: Date;
}

interface LatestUpdateRow {
  seq: number;
  status: ImplementationUpdateStatus;
  percent: number;
  happened_on: string;
}

interface PhotoRow {
  id: string;
  update_id: string;
  file_name: string;
  media_type: PhotoMediaType;
  size: number;
  sha256: string;
  created_at: Date;
}

interface PhotoFileRow extends PhotoRow {
  content: Uint8Array;
}

interface PublicProjectRow {
  id: string;
  edition_id: string;
  title: string;
  status: string;
}

interface ListItemRow {
  id: string;
  number: number | null;
  title: string;
  summary: string;
  pool_id: string;
  area_id: string | null;
  category_id: string | null;
  total_cost: string;
  status: ImplementationStatus;
  percent: number;
  happened_on: string | null;
  updated_at: Date | null;
  updates: number;
  photos: number;
}

const UPDATE_COLUMNS = `id, project_id, status, percent, note, reason, to_char(happened_on, 'YYYY-MM-DD') AS happened_on, created_at`;
const PHOTO_COLUMNS = `ph.id, ph.update_id, ph.file_name, ph.media_type, ph.size, ph.sha256, ph.created_at`;

const photoOf = (r: PhotoRow): ImplementationPhotoView => ({
  id: r.id,
  updateId: r.update_id,
  fileName: r.file_name,
  mediaType: r.media_type,
  size: r.size,
  sha256: r.sha256,
  createdAt: r.created_at,
});

const updateOf = (r: UpdateRow, photos: ImplementationPhotoView[]): ImplementationUpdateView => ({
  id: r.id,
  projectId: r.project_id,
  status: r.status,
  percent: r.percent,
  note: r.note,
  reason: r.reason,
  happenedOn: r.happened_on,
  createdAt: r.created_at,
  photos,
});

const listItemOf = (r: ListItemRow): ImplementationListItem => ({
  projectId: r.id,
  number: r.number,
  title: r.title,
  summary: r.summary,
  poolId: r.pool_id,
  areaId: r.area_id,
  categoryId: r.category_id,
  totalCost: Number(r.total_cost),
  status: r.status,
  percent: r.percent,
  happenedOn: r.happened_on,
  updatedAt: r.updated_at,
  updates: r.updates,
  photos: r.photos,
});

// pg returns a Buffer, the embedded database a Uint8Array: the same bytes either way.
const bufferOf = (c: Uint8Array): Buffer => (Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength));

/** A failed query carries its parameters (here a photo's bytes), and an unexpected error is logged whole: drop them. */
function withoutParameters(err: unknown): never {
  for (const e of [err, (err as { driverError?: unknown } | null)?.driverError]) {
    if (!e || typeof e !== 'object') continue;
    for (const key of ['parameters', 'params', 'detail']) if (key in e) (e as Record<string, unknown>)[key] = undefined;
  }
  throw err;
}

/** The selected projects of an edition with their latest update (`l`), under the list's pool, category and area filters. */
function selectedOf(editionId: string, f: ImplementationListFilter): { from: string; clause: string; params: unknown[] } {
  const where = [`p.edition_id = $1`, `p.status = 'selected'`];
  const params: unknown[] = [editionId];
  if (f.poolId) where.push(`p.pool_id = $${params.push(f.poolId)}`);
  if (f.categoryId) where.push(`p.category_id = $${params.push(f.categoryId)}`);
  if (f.areaId) {
    where.push(`p.area_id IN ${areaTree.within(`ARRAY[$${params.push(f.areaId)}::uuid]`)}`);
  }
  const from = `budget_projects p
      LEFT JOIN LATERAL (
        SELECT u.status, u.percent, u.happened_on, u.created_at FROM budget_implementation_updates u WHERE u.project_id = p.id ORDER BY u.seq DESC LIMIT 1
      ) l ON true`;
  return { from, clause: where.join(' AND '), params };
}

/**
 * The SQL of `budget_implementation_updates` and `budget_implementation_photos` (and what their use cases read of the
 * project), as named methods with typed rows. Methods that change data take the transaction's EntityManager; reads
 * take one optionally (the embedded database lends its one session to one transaction at a time).
 */
@Injectable()
export class ImplementationRepository {
  constructor(private readonly ds: DataSource) {}

  /** The project's latest update; undefined while planned. */
  async findLatest(m: EntityManager, projectId: string): Promise<LatestUpdate | undefined> {
    const r = await queryOne<LatestUpdateRow>(
      m,
      `SELECT seq, status, percent, to_char(happened_on, 'YYYY-MM-DD') AS happened_on FROM budget_implementation_updates
          WHERE project_id = $1 ORDER BY seq DESC LIMIT 1`,
      [projectId],
    );
    return r && { seq: r.seq, status: r.status, percent: r.percent, happenedOn: r.happened_on };
  }

  /** Appends an update to the project's implementation; the update, without photos. */
  async insertUpdate(m: EntityManager, u: NewImplementationUpdate): Promise<ImplementationUpdateView> {
    const r = await queryOne<UpdateRow>(
      m,
      `INSERT INTO budget_implementation_updates (project_id, seq, status, percent, note, reason, happened_on, author_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${UPDATE_COLUMNS}`,
      [u.projectId, u.seq, u.status, u.percent, u.note, u.reason, u.happenedOn, u.authorId],
    );
    return updateOf(r!, []);
  }

  /** The ids of the project's authors. */
  async authorIds(m: EntityManager, projectId: string): Promise<string[]> {
    return (await queryRows<{ user_id: string }>(m, `SELECT user_id FROM budget_project_authors WHERE project_id = $1`, [projectId])).map((r) => r.user_id);
  }

  /** An update's id and project; undefined when there is none. */
  async findUpdate(m: EntityManager, updateId: string): Promise<{ id: string; projectId: string } | undefined> {
    const r = await queryOne<{ id: string; project_id: string }>(m, `SELECT id, project_id FROM budget_implementation_updates WHERE id = $1`, [updateId]);
    return r && { id: r.id, projectId: r.project_id };
  }

  /** How many photos the update has. */
  async countPhotos(m: EntityManager, updateId: string): Promise<number> {
    const r = await queryOne<{ n: number }>(m, `SELECT count(*)::int AS n FROM budget_implementation_photos WHERE update_id = $1`, [updateId]);
    return r!.n;
  }

  /** Stores a new photo of an update; its metadata. A failed insert's error loses its parameters (the photo). */
  async insertPhoto(m: EntityManager, ph: NewImplementationPhoto): Promise<ImplementationPhotoView> {
    const r = await queryOne<PhotoRow>(
      m,
      `INSERT INTO budget_implementation_photos AS ph (update_id, file_name, media_type, size, sha256, content, uploaded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${PHOTO_COLUMNS}`,
      [ph.updateId, ph.fileName, ph.mediaType, ph.content.length, ph.sha256, ph.content, ph.uploadedBy],
    ).catch(withoutParameters);
    return photoOf(r!);
  }

  /** A photo of the project with its bytes, when the project is selected in a published edition; undefined otherwise. */
  async findPublicPhoto(projectId: string, photoId: string, m: EntityManager = this.ds.manager): Promise<ImplementationPhotoFile | undefined> {
    const r = await queryOne<PhotoFileRow>(
      m,
      `SELECT ${PHOTO_COLUMNS}, ph.content
         FROM budget_implementation_photos ph
         JOIN budget_implementation_updates u ON u.id = ph.update_id
         JOIN budget_projects p ON p.id = u.project_id
         JOIN budget_editions e ON e.id = p.edition_id
        WHERE ph.id = $1 AND u.project_id = $2 AND e.status = 'published' AND p.status = 'selected'`,
      [photoId, projectId],
    );
    return r && { ...photoOf(r), content: bufferOf(r.content) };
  }

  /** A submitted project of a published edition; undefined otherwise. */
  async findPublicProject(projectId: string, m: EntityManager = this.ds.manager): Promise<PublicProject | undefined> {
    const r = await queryOne<PublicProjectRow>(
      m,
      `SELECT p.id, p.edition_id, p.title, p.status FROM budget_projects p JOIN budget_editions e ON e.id = p.edition_id
        WHERE p.id = $1 AND e.status = 'published' AND p.status <> 'draft'`,
      [projectId],
    );
    return r && { id: r.id, editionId: r.edition_id, title: r.title, status: r.status };
  }

  /** The project's updates, newest first, each with its photos, oldest first. */
  async listUpdates(projectId: string, m: EntityManager = this.ds.manager): Promise<ImplementationUpdateView[]> {
    const rows = await queryRows<UpdateRow>(m, `SELECT ${UPDATE_COLUMNS} FROM budget_implementation_updates WHERE project_id = $1 ORDER BY seq DESC`, [
      projectId,
    ]);
    const photos = rows.length
      ? await queryRows<PhotoRow>(
          m,
          `SELECT ${PHOTO_COLUMNS} FROM budget_implementation_photos ph WHERE ph.update_id = ANY($1::uuid[]) ORDER BY ph.created_at, ph.id`,
          [rows.map((r) => r.id)],
        )
      : [];
    return rows.map((r) => updateOf(r, photos.filter((ph) => ph.update_id === r.id).map(photoOf)));
  }

  /** How many selected projects of the edition match the filter (its status aside), per implementation state found. */
  async countSelectedByStatus(
    editionId: string,
    f: ImplementationListFilter,
    m: EntityManager = this.ds.manager,
  ): Promise<Array<{ status: ImplementationStatus; n: number }>> {
    const { from, clause, params } = selectedOf(editionId, f);
    return queryRows<{ status: ImplementationStatus; n: number }>(
      m,
      `SELECT coalesce(l.status, 'planned') AS status, count(*)::int AS n FROM ${from} WHERE ${clause} GROUP BY 1`,
      params,
    );
  }

  /** One page of the selected projects of the edition that match the filter, with their implementation state, by number. */
  async listSelected(editionId: string, f: ImplementationListFilter, m: EntityManager = this.ds.manager): Promise<ImplementationListItem[]> {
    const { from, clause, params } = selectedOf(editionId, f);
    const listed = [...params];
    const statusClause = f.status ? ` AND coalesce(l.status, 'planned') = $${listed.push(f.status)}` : '';
    const rows = await queryRows<ListItemRow>(
      m,
      `SELECT p.id, p.number, p.title, p.summary, p.pool_id, p.area_id, p.category_id, p.total_cost,
              coalesce(l.status, 'planned') AS status, coalesce(l.percent, 0) AS percent, to_char(l.happened_on, 'YYYY-MM-DD') AS happened_on,
              l.created_at AS updated_at,
              (SELECT count(*)::int FROM budget_implementation_updates u WHERE u.project_id = p.id) AS updates,
              (SELECT count(*)::int FROM budget_implementation_photos ph JOIN budget_implementation_updates u ON u.id = ph.update_id
                WHERE u.project_id = p.id) AS photos
         FROM ${from} WHERE ${clause}${statusClause}
        ORDER BY p.number NULLS LAST, p.id LIMIT $${listed.length + 1} OFFSET $${listed.length + 2}`,
      [...listed, f.pageSize, (f.page - 1) * f.pageSize],
    );
    return rows.map(listItemOf);
  }
}
