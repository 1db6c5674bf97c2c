import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, type AuthenticatedUser } from '@civitas/auth';
import { contentMatches, DomainError, UPLOAD_MAX_BYTES, type AttachmentMediaType } from '@civitas/common';
import { AttachmentRepository } from './attachment.repository';
import { AuthorRepository } from './author.repository';
import { BudgetError } from './budget.errors';
import { assertStatusIn, EDITABLE_STATUSES, type ProjectStatus, SUPPORT_COUNTED_STATUSES } from './project-status';
import { type LockedProject, ProjectRepository } from './project.repository';
import { ProjectsService } from './projects.service';

export const ATTACHMENT_KINDS = ['document', 'support_list'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** Attachments per project, documents and support lists together. */
export const MAX_ATTACHMENTS = 10;

/** The statuses in which the authors may add or remove an attachment of each kind. */
const CHANGEABLE_IN: Record<AttachmentKind, readonly ProjectStatus[]> = {
  document: EDITABLE_STATUSES,
  support_list: ['draft', ...SUPPORT_COUNTED_STATUSES],
};

/** The first bytes every file of a media type starts with. */

export interface AttachmentUpload {
  kind: AttachmentKind;
  fileName: string;
  /** The declared Content-Type, without parameters. */
  mediaType: string;
  content: Buffer;
}

/** What the API shows of an attachment (never its content). */
export interface AttachmentView {
  id: string;
  kind: AttachmentKind;
  fileName: string;
  mediaType: AttachmentMediaType;
  size: number;
  sha256: string;
  createdAt: Date;
}

export interface AttachmentFile extends AttachmentView {
  content: Buffer;
}

export interface SupportListView {
  id: string;
  attachmentId: string;
  signatures: number;
  enteredAt: Date;
}

export interface SupportTotals {
  onlineEndorsements: number;
  paperSignatures: number;
  total: number;
}

/**
 * Attachments of projects (DESIGN §4.2): documents, public with the project once it is submitted, and scanned paper
 * support lists, which hold residents' personal data and are only ever seen by the authors and the officials of the
 * project's area. An official counts the valid signatures on a list; the count adds to the project's paper
 * signatures and goes to its history. The files live in the database (bytea), at most 10 per project.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly projects: ProjectsService,
    private readonly access: AccessService,
    private readonly attachmentsRepo: AttachmentRepository,
    private readonly projectsRepo: ProjectRepository,
    private readonly authorsRepo: AuthorRepository,
  ) {}

  /** An author adds a file; its content must be what the declared media type says. */
  async upload(user: AuthenticatedUser, projectId: string, file: AttachmentUpload): Promise<AttachmentView> {
    if (!file.content.length) {
      throw new DomainError('invalid', 'validation_failed', { pl: 'Dane żądania są nieprawidłowe.', en: 'The request data is invalid.' }, [
        { field: 'body', code: 'isNotEmpty', text: { pl: 'Plik nie może być pusty.', en: 'The file must not be empty.' } },
      ]);
    }
    // The body parser refuses larger bodies already; this holds for any other caller.
    if (file.content.length > UPLOAD_MAX_BYTES) throw BudgetError.fileTooLarge(UPLOAD_MAX_BYTES);
    if (!contentMatches(file.mediaType, file.content)) throw BudgetError.unsupportedFileType();
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    return this.ds.transaction(async (m) => {
      const p = await this.lockForAuthor(m, user, projectId);
      this.assertChangeable(p, file.kind, { pl: `uzupełnić o załącznik rodzaju „${file.kind}”`, en: `given an attachment of kind "${file.kind}"` });
      if ((await this.attachmentsRepo.countForProject(m, projectId)) >= MAX_ATTACHMENTS) throw BudgetError.tooManyAttachments(MAX_ATTACHMENTS);
      return this.attachmentsRepo.insert(m, {
        projectId,
        kind: file.kind,
        fileName: file.fileName,
        mediaType: file.mediaType,
        content: file.content,
        sha256,
        uploadedBy: user.id,
      });
    });
  }

  /** The attachments the caller may see: documents of a submitted project to anyone, the rest to authors and officials. */
  async list(user: AuthenticatedUser | undefined, projectId: string): Promise<AttachmentView[]> {
    const { privileged } = await this.visibility(user, projectId);
    return this.attachmentsRepo.listForProject(projectId, privileged);
  }

  /** One file with its content, under the same rules as the list; what the caller may not see does not exist. */
  async download(user: AuthenticatedUser | undefined, projectId: string, attachmentId: string): Promise<AttachmentFile> {
    const { privileged } = await this.visibility(user, projectId);
    const file = await this.attachmentsRepo.findFile(projectId, attachmentId);
    if (!file || (file.kind !== 'document' && !privileged)) throw BudgetError.attachmentNotFound();
    return file;
  }

  /** An author removes a file, in the statuses in which it could be added; a counted support list stays. */
  async remove(user: AuthenticatedUser, projectId: string, attachmentId: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      const p = await this.lockForAuthor(m, user, projectId);
      const a = await this.attachmentsRepo.findKind(m, projectId, attachmentId);
      if (!a) throw BudgetError.attachmentNotFound();
      this.assertChangeable(p, a.kind, { pl: `pozbawić załącznika rodzaju „${a.kind}”`, en: `stripped of an attachment of kind "${a.kind}"` });
      if (await this.attachmentsRepo.isCounted(m, attachmentId)) throw BudgetError.attachmentInUse();
      await this.attachmentsRepo.delete(m, attachmentId);
    });
  }

  /**
   * An official of the project's area enters the valid signatures of a scanned support list, once per list, while
   * the project's support is checked (submitted, formal review, correction requested).
   */
  async enterSupportList(user: AuthenticatedUser, projectId: string, input: { attachmentId: string; signatures: number }): Promise<SupportTotals> {
    return this.ds.transaction(async (m) => {
      const p = await this.projectsRepo.lockForUpdate(m, projectId);
      if (!p) throw BudgetError.projectNotFound();
      await this.access.assertRole(user, 'official', p.areaId, m);
      assertStatusIn(p.status, SUPPORT_COUNTED_STATUSES, {
        pl: 'uzupełnić o podpisy z papierowej listy poparcia',
        en: 'given the signatures of a paper support list',
      });
      const a = await this.attachmentsRepo.findForCounting(m, projectId, input.attachmentId);
      if (!a) throw BudgetError.attachmentNotFound('attachmentId');
      if (a.kind !== 'support_list' || a.counted) throw BudgetError.notASupportList();
      await this.attachmentsRepo.insertSupportList(m, { projectId, attachmentId: input.attachmentId, signatures: input.signatures, enteredBy: user.id });
      const totals = await this.attachmentsRepo.addPaperSignatures(m, projectId, input.signatures);
      await this.projects.history(m, projectId, user.id, 'support_list_counted', p.status, p.status, null, {
        signatures: input.signatures,
        attachmentId: input.attachmentId,
      });
      return totals;
    });
  }

  /** The counted support lists of a project (authors and officials of its area). */
  async supportLists(user: AuthenticatedUser, projectId: string): Promise<SupportListView[]> {
    const { privileged } = await this.visibility(user, projectId);
    if (!privileged) throw BudgetError.notAnAuthor();
    return this.attachmentsRepo.listSupportLists(projectId);
  }

  /** Locks the project for one of its authors: another resident's draft does not exist for them, a public project is not theirs. */
  private async lockForAuthor(m: EntityManager, user: AuthenticatedUser, projectId: string): Promise<LockedProject> {
    const p = await this.projectsRepo.lockForUpdate(m, projectId);
    if (!p) throw BudgetError.projectNotFound();
    if (!(await this.authorsRepo.isAuthor(m, projectId, user.id))) {
      if (p.status === 'draft') throw BudgetError.projectNotFound();
      throw BudgetError.notAnAuthor();
    }
    return p;
  }

  private assertChangeable(p: LockedProject, kind: AttachmentKind, action: { pl: string; en: string }): void {
    assertStatusIn(p.status, CHANGEABLE_IN[kind], action);
  }

  /**
   * Whether the caller sees everything of the project (its authors and the officials of its area) or only what is
   * public; a draft does not exist for anyone else.
   */
  private async visibility(user: AuthenticatedUser | undefined, projectId: string): Promise<{ privileged: boolean }> {
    const m = this.ds.manager;
    const p = await this.attachmentsRepo.findProjectScope(projectId, m);
    if (!p) throw BudgetError.projectNotFound();
    const privileged = !!user && ((await this.authorsRepo.isAuthor(m, projectId, user.id)) || (await this.access.hasRole(user, 'official', p.areaId, m)));
    if (p.status === 'draft' && !privileged) throw BudgetError.projectNotFound();
    return { privileged };
  }
}
