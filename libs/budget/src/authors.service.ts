import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@civitas/auth';
import { NotificationsService } from '@civitas/notifications';
import { normaliseEmail } from '@civitas/users';
import { AuthorRepository } from './author.repository';
import { BudgetError } from './budget.errors';
import { assertStatusIn, EDITABLE_STATUSES, OUT_OF_RUNNING_STATUSES, statusIn } from './project-status';
import { type LockedProject, ProjectRepository } from './project.repository';
import { ProjectsService, ProjectView } from './projects.service';

export interface Invitation {
  id: string;
  projectId: string;
  email: string;
  status: 'pending' | 'accepted' | 'declined' | 'revoked';
  createdAt: Date;
  respondedAt: Date | null;
}

/**
 * Co-authors: the main author invites by e-mail address (the invitee need not have an account yet); the invitee
 * accepts or declines from an account whose verified address is the invited one. Authors plus unanswered
 * invitations never exceed the edition's `maxAuthors`.
 */
@Injectable()
export class AuthorsService {
  constructor(
    private readonly ds: DataSource,
    private readonly projects: ProjectsService,
    private readonly notifications: NotificationsService,
    private readonly projectsRepo: ProjectRepository,
    private readonly authorsRepo: AuthorRepository,
  ) {}

  private async lockProject(m: EntityManager, projectId: string): Promise<LockedProject> {
    const p = await this.projectsRepo.lockForUpdate(m, projectId);
    if (!p) throw BudgetError.projectNotFound();
    return p;
  }

  /** The main author invites a co-author by address; a mail tells the invitee. */
  async invite(user: AuthenticatedUser, projectId: string, input: { email: string; locale?: 'pl' | 'en' }): Promise<Invitation> {
    const email = normaliseEmail(input.email);
    return this.ds.transaction(async (m) => {
      const p = await this.lockProject(m, projectId);
      const role = await this.authorsRepo.roleOf(m, projectId, user.id);
      if (role === null) {
        if (p.status === 'draft') throw BudgetError.projectNotFound();
        throw BudgetError.notAnAuthor();
      }
      if (role !== 'main') throw BudgetError.notAnAuthor();
      assertStatusIn(p.status, EDITABLE_STATUSES, { pl: 'uzupełnić o współautorów', en: 'given new co-authors' });
      const { authors, pending, taken } = await this.authorsRepo.seats(m, projectId, email);
      if (taken) throw BudgetError.alreadyAuthor();
      if (authors + pending >= p.rules.maxAuthors) throw BudgetError.tooManyAuthors(p.rules.maxAuthors);
      const invitation = await this.authorsRepo.insertInvitation(m, { projectId, email, locale: input.locale ?? user.locale, invitedBy: user.id });
      await this.projects.history(m, projectId, user.id, 'coauthor_invited', p.status, p.status, null);
      await this.notifications.publish(m, {
        kind: 'project.request',
        facts: { editionId: p.editionId, editionName: p.editionName, projectId, title: p.title, request: 'coauthor_invitation', from: user.displayName },
        emails: [{ email, locale: input.locale ?? user.locale }],
      });
      return invitation;
    });
  }

  /** The project's invitations (its authors). */
  async list(user: AuthenticatedUser, projectId: string): Promise<Invitation[]> {
    const role = await this.authorsRepo.roleOf(this.ds.manager, projectId, user.id);
    if (role === null) {
      await this.projects.get(user, projectId);
      throw BudgetError.notAnAuthor();
    }
    return this.authorsRepo.listInvitations(projectId);
  }

  /** The main author withdraws an unanswered invitation. */
  async revoke(user: AuthenticatedUser, projectId: string, invitationId: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      const p = await this.lockProject(m, projectId);
      if ((await this.authorsRepo.roleOf(m, projectId, user.id)) !== 'main')
        throw p.status === 'draft' ? BudgetError.projectNotFound() : BudgetError.notAnAuthor();
      if (!(await this.authorsRepo.revokeInvitation(m, invitationId, projectId, user.id))) throw BudgetError.invitationNotFound();
    });
  }

  /** The invitee accepts (becomes a co-author) or declines, from an account with the invited, verified address. */
  async respond(user: AuthenticatedUser, projectId: string, accept: true): Promise<ProjectView>;
  async respond(user: AuthenticatedUser, projectId: string, accept: false): Promise<null>;
  async respond(user: AuthenticatedUser, projectId: string, accept: boolean): Promise<ProjectView | null> {
    await this.ds.transaction(async (m) => {
      const p = await this.lockProject(m, projectId);
      const invitationId = await this.authorsRepo.lockPendingInvitation(m, projectId, normaliseEmail(user.email));
      if (!invitationId) throw BudgetError.invitationNotFound();
      if (!user.emailVerifiedAt) throw BudgetError.emailNotVerified();
      if (accept) {
        if (statusIn(p.status, OUT_OF_RUNNING_STATUSES)) {
          throw BudgetError.invalidTransition(p.status, { pl: 'uzupełnić o współautorów', en: 'given new co-authors' });
        }
        const authors = await this.authorsRepo.countAuthors(m, projectId);
        if (authors >= p.rules.maxAuthors) throw BudgetError.tooManyAuthors(p.rules.maxAuthors);
        await this.authorsRepo.insertCoAuthor(m, projectId, user.id);
        // An author's own endorsement would count them twice.
        if (await this.projectsRepo.deleteEndorsement(m, projectId, user.id)) await this.projectsRepo.subtractEndorsements(m, projectId, 1);
      }
      await this.authorsRepo.answerInvitation(m, invitationId, accept ? 'accepted' : 'declined', user.id);
      await this.projects.history(m, projectId, user.id, accept ? 'coauthor_joined' : 'coauthor_declined', p.status, p.status, null);
    });
    // Someone who declined may no longer see a draft.
    return accept ? this.projects.get(user, projectId) : null;
  }

  /** Invitations waiting for the signed-in user's address, with the project's title. */
  async mine(user: AuthenticatedUser): Promise<Array<Invitation & { title: string; editionId: string }>> {
    return this.authorsRepo.listPendingFor(normaliseEmail(user.email));
  }

  /** A co-author leaves, or the main author removes a co-author, while the project can still be edited. */
  async removeAuthor(user: AuthenticatedUser, projectId: string, userId: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      const p = await this.lockProject(m, projectId);
      const role = await this.authorsRepo.roleOf(m, projectId, user.id);
      if (role === null) throw p.status === 'draft' ? BudgetError.projectNotFound() : BudgetError.notAnAuthor();
      if (role !== 'main' && userId !== user.id) throw BudgetError.notAnAuthor();
      assertStatusIn(p.status, EDITABLE_STATUSES, { pl: 'pozbawić współautora', en: 'left by a co-author' });
      if (!(await this.authorsRepo.deleteCoAuthor(m, projectId, userId))) throw BudgetError.authorNotFound();
      await this.projects.history(m, projectId, user.id, 'coauthor_removed', p.status, p.status, null);
    });
  }
}
