import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, type AuthenticatedUser } from '@civitas/auth';
import { baseName, contentMatches, DomainError, type FieldText, mediaTypeOf, plainText, UPLOAD_MAX_BYTES, zonedDate } from '@civitas/common';
import { NotificationsService } from '@civitas/notifications';
import { BudgetError } from './budget.errors';
import { EditionsService } from './editions.service';
import { ImplementationRepository } from './implementation.repository';
import { type LockedProject, ProjectRepository } from './project.repository';
import { Clock } from '@civitas/config';

/** The status an update gives a project: under way, carried out, or given up. */
export const IMPLEMENTATION_UPDATE_STATUSES = ['implementing', 'implemented', 'abandoned'] as const;
export type ImplementationUpdateStatus = (typeof IMPLEMENTATION_UPDATE_STATUSES)[number];

/** A selected project's implementation state: `planned` until its first update, then the latest update's status. */
export const IMPLEMENTATION_STATUSES = ['planned', ...IMPLEMENTATION_UPDATE_STATUSES] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];

/**
 * The statuses an update may give a project in each state. Progress reports repeat `implementing`; `implemented`
 * and `abandoned` end the implementation (a project can also be given up, or reported done, without a progress report).
 */
export const IMPLEMENTATION_TRANSITIONS: Record<ImplementationStatus, readonly ImplementationUpdateStatus[]> = {
  planned: ['implementing', 'implemented', 'abandoned'],
  implementing: ['implementing', 'implemented', 'abandoned'],
  implemented: [],
  abandoned: [],
};

/** The photos officials may add to an update. */
export const PHOTO_MEDIA_TYPES = ['image/png', 'image/jpeg'] as const;
export type PhotoMediaType = (typeof PHOTO_MEDIA_TYPES)[number];

export const MAX_PHOTOS_PER_UPDATE = 10;
/** The longest note or reason of an update (characters, once cleaned). */
export const IMPLEMENTATION_TEXT_MAX = 5000;
const FILE_NAME_MAX = 200;

export interface ImplementationUpdateInput {
  status: ImplementationUpdateStatus;
  /** 0–100, never lower than the previous update's; left out: 100 when implemented, else the previous update's (0 at first). */
  percent?: number | null;
  /** What happened (plain text). */
  note: string;
  /** Why the project is abandoned: required then, refused otherwise (plain text). */
  reason?: string | null;
  /** The day the update describes (YYYY-MM-DD, Europe/Warsaw): not in the future, not before the previous update's. */
  happenedOn: string;
}

/** A photo's metadata (the file is at GET /api/v1/projects/:projectId/implementation/photos/:id). */
export interface ImplementationPhotoView {
  id: string;
  updateId: string;
  fileName: string;
  mediaType: PhotoMediaType;
  size: number;
  sha256: string;
  createdAt: Date;
}

export interface ImplementationPhotoFile extends ImplementationPhotoView {
  content: Buffer;
}

export interface ImplementationUpdateView {
  id: string;
  projectId: string;
  status: ImplementationUpdateStatus;
  percent: number;
  note: string;
  reason: string | null;
  /** YYYY-MM-DD */
  happenedOn: string;
  createdAt: Date;
  /** Oldest first. */
  photos: ImplementationPhotoView[];
}

/** A selected project's implementation: its state (from the latest update) and every update, newest first. */
export interface ImplementationTimeline {
  projectId: string;
  editionId: string;
  title: string;
  status: ImplementationStatus;
  /** The latest update's percentage; 0 while planned. */
  percent: number;
  /** The day the latest update describes (YYYY-MM-DD); null while planned. */
  happenedOn: string | null;
  updates: ImplementationUpdateView[];
}

export interface ImplementationListFilter {
  status?: ImplementationStatus;
  poolId?: string;
  /** Projects in this area or inside it. */
  areaId?: string;
  categoryId?: string;
  page: number;
  pageSize: number;
}

/** A selected project in the edition's implementation list. */
export interface ImplementationListItem {
  projectId: string;
  number: number | null;
  title: string;
  summary: string;
  poolId: string;
  areaId: string | null;
  categoryId: string | null;
  /** Grosze. */
  totalCost: number;
  status: ImplementationStatus;
  percent: number;
  /** The day the latest update describes (YYYY-MM-DD); null while planned. */
  happenedOn: string | null;
  /** When the latest update was posted; null while planned. */
  updatedAt: Date | null;
  updates: number;
  photos: number;
}

export interface ImplementationList {
  editionId: string;
  /** By project number. */
  items: ImplementationListItem[];
  total: number;
  page: number;
  pageSize: number;
  /** The selected projects matching the pool, area and category filters, per state (whatever the status filter). */
  counts: Record<ImplementationStatus, number>;
}

/** The previous update of a project, as the rules need it. */
export interface PreviousUpdate {
  status: ImplementationUpdateStatus;
  percent: number;
  happenedOn: string;
}

/** An update as it is stored: checked, texts cleaned, the percentage settled. */
export interface CheckedUpdate {
  status: ImplementationUpdateStatus;
  percent: number;
  note: string;
  reason: string | null;
  happenedOn: string;
}

const problem = (field: string, code: string, pl: string, en: string): FieldText => ({ field, code, text: { pl, en } });

/** A plain-text field: cleaned, then required (or left null when it may be) and within the limit. */
function text(value: unknown, fieldName: string, problems: FieldText[], required: boolean): string | null {
  if (value === undefined || value === null) {
    if (required) problems.push(problem(fieldName, 'required', 'To pole jest wymagane.', 'This field is required.'));
    return null;
  }
  if (typeof value !== 'string') {
    problems.push(problem(fieldName, 'isString', 'To pole musi być tekstem.', 'This field must be a text.'));
    return null;
  }
  const cleaned = plainText(value);
  if (!cleaned) problems.push(problem(fieldName, 'isNotEmpty', 'To pole nie może być puste.', 'This field must not be empty.'));
  else if (cleaned.length > IMPLEMENTATION_TEXT_MAX)
    problems.push(problem(fieldName, 'maxLength', `Najwyżej ${IMPLEMENTATION_TEXT_MAX} znaków.`, `At most ${IMPLEMENTATION_TEXT_MAX} characters.`));
  return cleaned;
}

/** A YYYY-MM-DD day that exists in the calendar. */
function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * The rules of a progress update (pure): the transition from the project's state, the percentage (0–100, never
 * lower than before, 100 when implemented), the texts (a note always, a reason exactly when abandoned) and the day
 * (a real day, not after `today`, not before the previous update's). A finished implementation takes no further
 * update (409 invalid_transition); every other problem is a 422 naming its field.
 */
export function checkImplementationUpdate(previous: PreviousUpdate | null, input: ImplementationUpdateInput, today: string): CheckedUpdate {
  const state: ImplementationStatus = previous?.status ?? 'planned';
  if (IMPLEMENTATION_TRANSITIONS[state].length === 0) throw BudgetError.implementationFinished(state);
  const problems: FieldText[] = [];
  const status = input.status;
  if (!(IMPLEMENTATION_UPDATE_STATUSES as readonly string[]).includes(status)) {
    problems.push(problem('status', 'isIn', 'Status: implementing, implemented albo abandoned.', 'The status: implementing, implemented or abandoned.'));
  }
  const before = previous?.percent ?? 0;
  let percent = input.percent ?? (status === 'implemented' ? 100 : before);
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
    problems.push(problem('percent', 'percent_range', 'Procent realizacji: liczba całkowita od 0 do 100.', 'The percentage: a whole number from 0 to 100.'));
    percent = before;
  } else if (status === 'implemented' && percent !== 100) {
    problems.push(problem('percent', 'implemented_not_complete', 'Zrealizowany projekt ma 100% realizacji.', 'An implemented project is 100% complete.'));
  } else if (percent < before) {
    problems.push(
      problem(
        'percent',
        'percent_decreased',
        `Procent realizacji nie może spaść poniżej poprzedniego (${before}%).`,
        `The percentage cannot fall below the previous one (${before}%).`,
      ),
    );
  }
  const note = text(input.note, 'note', problems, true) ?? '';
  let reason: string | null = null;
  if (status === 'abandoned') {
    if (input.reason === undefined || input.reason === null) {
      problems.push(problem('reason', 'reason_required', 'Podaj powód zaniechania realizacji.', 'Give the reason why the implementation is abandoned.'));
    } else {
      reason = text(input.reason, 'reason', problems, true);
    }
  } else if (input.reason !== undefined && input.reason !== null) {
    problems.push(
      problem(
        'reason',
        'reason_not_allowed',
        'Powód podaje się tylko przy zaniechaniu realizacji.',
        'A reason is given only when the implementation is abandoned.',
      ),
    );
  }
  const happenedOn = input.happenedOn;
  if (!isDay(happenedOn) || happenedOn < '2000-01-01') {
    problems.push(problem('happenedOn', 'invalid_date', 'Podaj dzień w formacie RRRR-MM-DD.', 'Give the day as YYYY-MM-DD.'));
  } else if (happenedOn > today) {
    problems.push(problem('happenedOn', 'in_future', 'Dzień nie może być z przyszłości.', 'The day cannot be in the future.'));
  } else if (previous && happenedOn < previous.happenedOn) {
    problems.push(
      problem(
        'happenedOn',
        'before_previous_update',
        `Dzień nie może być wcześniejszy niż w poprzedniej informacji (${previous.happenedOn}).`,
        `The day cannot be earlier than the previous update's (${previous.happenedOn}).`,
      ),
    );
  }
  if (problems.length) throw BudgetError.invalidImplementationUpdate(problems);
  return { status, percent, note, reason, happenedOn };
}

/** Only projects selected in the published results have an implementation. */
function assertSelected(status: string): void {
  if (status === 'selected') return;
  // On the ballot = the results are not out yet (publication moves every project on the ballot on).
  if (status === 'on_ballot') throw BudgetError.resultsNotPublished();
  throw BudgetError.notSelected(status);
}

/**
 * The implementation of selected projects (capability B6): officials of a project's area post progress updates
 * (implementing → implemented | abandoned, a percentage, a dated note, photos), residents follow the public timeline
 * and the edition's list. The updates are append-only (a trigger refuses changes); the project keeps its `selected`
 * status — its implementation state is its latest update. When the implementation ends, the authors and the
 * subscribers of the edition and of the project's area are told (`project.implementation_ended`, through the outbox).
 */
@Injectable()
export class ImplementationService {
  constructor(
    private readonly ds: DataSource,
    private readonly editions: EditionsService,
    private readonly access: AccessService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly implementationRepo: ImplementationRepository,
    private readonly projectsRepo: ProjectRepository,
  ) {}

  /** An official of the project's area (or an admin) posts an update of a selected project. */
  async postUpdate(user: AuthenticatedUser, projectId: string, input: ImplementationUpdateInput, now = this.clock.now()): Promise<ImplementationUpdateView> {
    return this.ds.transaction(async (m) => {
      const p = await this.lockProject(m, projectId);
      await this.access.assertRole(user, 'official', p.areaId, m);
      assertSelected(p.status);
      const last = await this.implementationRepo.findLatest(m, projectId);
      const checked = checkImplementationUpdate(
        last ? { status: last.status, percent: last.percent, happenedOn: last.happenedOn } : null,
        input,
        zonedDate(now),
      );
      const update = await this.implementationRepo.insertUpdate(m, { projectId, seq: (last?.seq ?? 0) + 1, ...checked, authorId: user.id });
      if (checked.status === 'implemented' || checked.status === 'abandoned') await this.announceEnd(m, p, checked);
      return update;
    });
  }

  /** The authors directly, the subscribers of the edition and of the project's area (and the areas above it). */
  private async announceEnd(m: EntityManager, p: LockedProject, update: CheckedUpdate): Promise<void> {
    const authors = await this.implementationRepo.authorIds(m, p.id);
    await this.notifications.publish(m, {
      kind: 'project.implementation_ended',
      facts: {
        editionId: p.editionId,
        editionName: p.editionName,
        projectId: p.id,
        title: p.title,
        status: update.status as 'implemented' | 'abandoned',
        happenedOn: update.happenedOn,
        note: update.note,
        ...(update.reason ? { reason: update.reason } : {}),
      },
      topics: [`edition:${p.editionId}`],
      areaIds: p.areaId ? [p.areaId] : [],
      userIds: authors,
    });
  }

  /**
   * An official of the project's area (or an admin) adds a photo to an update: PNG or JPEG whose content matches the
   * declared type, at most 10 MiB, at most 10 per update.
   */
  async addPhoto(user: AuthenticatedUser, updateId: string, name: string, contentType: string, bytes: Buffer): Promise<ImplementationPhotoView> {
    const mediaType = mediaTypeOf(contentType);
    if (!(PHOTO_MEDIA_TYPES as readonly string[]).includes(mediaType)) throw BudgetError.unsupportedPhotoType();
    const fileName = typeof name === 'string' ? String(baseName(plainText(name))) : '';
    if (!fileName || fileName.length > FILE_NAME_MAX) {
      throw BudgetError.invalidImplementationUpdate([
        problem(
          'name',
          fileName ? 'maxLength' : 'isNotEmpty',
          `Nazwa pliku: od 1 do ${FILE_NAME_MAX} znaków.`,
          `The file name: 1 to ${FILE_NAME_MAX} characters.`,
        ),
      ]);
    }
    if (!bytes.length) {
      throw new DomainError('invalid', 'validation_failed', { pl: 'Dane żądania są nieprawidłowe.', en: 'The request data is invalid.' }, [
        { field: 'body', code: 'isNotEmpty', text: { pl: 'Plik nie może być pusty.', en: 'The file must not be empty.' } },
      ]);
    }
    if (bytes.length > UPLOAD_MAX_BYTES) throw BudgetError.photoTooLarge(UPLOAD_MAX_BYTES);
    if (!contentMatches(mediaType, bytes)) throw BudgetError.unsupportedPhotoType();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return this.ds.transaction(async (m) => {
      const u = await this.implementationRepo.findUpdate(m, updateId);
      if (!u) throw BudgetError.implementationUpdateNotFound();
      // The project's lock orders the photos of its updates (the count below).
      const p = await this.lockProject(m, u.projectId);
      await this.access.assertRole(user, 'official', p.areaId, m);
      if ((await this.implementationRepo.countPhotos(m, updateId)) >= MAX_PHOTOS_PER_UPDATE) throw BudgetError.tooManyPhotos(MAX_PHOTOS_PER_UPDATE);
      return this.implementationRepo.insertPhoto(m, { updateId, fileName, mediaType, content: bytes, sha256, uploadedBy: user.id });
    });
  }

  /** A photo of a project's implementation, with its bytes (public, like the timeline). */
  async photo(projectId: string, photoId: string): Promise<ImplementationPhotoFile> {
    const photo = await this.implementationRepo.findPublicPhoto(projectId, photoId);
    if (!photo) throw BudgetError.photoNotFound();
    return photo;
  }

  /** The public implementation of a selected project: its state and every update with its photos, newest first. */
  async timeline(projectId: string): Promise<ImplementationTimeline> {
    const p = await this.implementationRepo.findPublicProject(projectId);
    if (!p) throw BudgetError.projectNotFound();
    assertSelected(p.status);
    const updates = await this.implementationRepo.listUpdates(projectId);
    const latest = updates[0];
    return {
      projectId: p.id,
      editionId: p.editionId,
      title: p.title,
      status: latest?.status ?? 'planned',
      percent: latest?.percent ?? 0,
      happenedOn: latest?.happenedOn ?? null,
      updates,
    };
  }

  /** The selected projects of a published edition with their implementation state, filtered and paged, by number. */
  async listForEdition(editionId: string, f: ImplementationListFilter): Promise<ImplementationList> {
    await this.editions.get(editionId);
    const grouped = await this.implementationRepo.countSelectedByStatus(editionId, f);
    const counts = Object.fromEntries(IMPLEMENTATION_STATUSES.map((s) => [s, 0])) as Record<ImplementationStatus, number>;
    for (const g of grouped) counts[g.status] = g.n;
    const total = f.status ? counts[f.status] : Object.values(counts).reduce((a, b) => a + b, 0);
    const items = await this.implementationRepo.listSelected(editionId, f);
    return {
      editionId,
      items,
      total,
      page: f.page,
      pageSize: f.pageSize,
      counts,
    };
  }

  /** The project, locked for the update; a draft, or a project of an unpublished edition, does not exist. */
  private async lockProject(m: EntityManager, projectId: string): Promise<LockedProject> {
    const p = await this.projectsRepo.lockForUpdate(m, projectId);
    if (!p || p.editionStatus !== 'published' || p.status === 'draft') throw BudgetError.projectNotFound();
    return p;
  }
}
