import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@civitas/auth';
import { rowsOf } from '@civitas/database';
import { NotificationsService } from '@civitas/notifications';
import { normaliseEmail } from '@civitas/users';
import { BudgetError } from './budget.errors';
import { assertStatusIn, EDITABLE_STATUSES, OUT_OF_RUNNING_STATUSES, statusIn } from './project-status';
import type { EditionRules } from './edition-rules';
import { ProjectsService, ProjectView } from './projects.service';

export interface Invitation {
  id: string;
  projectId: string;
  email: string;
  status: 'pending' | 'accepted' | 'declined' | 'revoked';
  createdAt: Date;
  respondedAt: Date | null;
}

function invitationOf(r: Record<string, unknown>): Invitation {
  return {
    id: r.id as string,
    projectId: r.project_id as string,
    email: r.email as string,
    status: r.status as Invitation['status'],
    createdAt: r.created_at as Date,
    respondedAt: (r.responded_at as Date | null) ?? null,
  };
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
  ) {}

  private async lockProject(m: EntityManager, projectId: string) {
    const [p] = (await m.query(
      `SELECT p.id, p.status, p.title, p.edition_id, e.name AS edition_name, e.rules
         FROM budget_projects p JOIN budget_editions e ON e.id = p.edition_id WHERE p.id = $1 FOR UPDATE OF p`,
      [projectId],
    )) as Array<{ id: string; status: string; title: string; edition_id: string; edition_name: string; rules: EditionRules }>;
    if (!p) throw BudgetError.projectNotFound();
    return p;
  }

  private async roleOf(m: EntityManager, projectId: string, userId: string): Promise<'main' | 'co' | null> {
    const [a] = (await m.query(`SELECT role FROM budget_project_authors WHERE project_id = $1 AND user_id = $2`, [projectId, userId])) as Array<{
      role: 'main' | 'co';
    }>;
    return a?.role ?? null;
  }

  /** The main author invites a co-author by address; a mail tells the invitee. */
  async invite(user: AuthenticatedUser, projectId: string, input: { email: string; locale?: 'pl' | 'en' }): Promise<Invitation> {
    const email = normaliseEmail(input.email);
    return this.ds.transaction(async (m) => {
      const p = await this.lockProject(m, projectId);
      const role = await this.roleOf(m, projectId, user.id);
      if (role === null) {
        if (p.status === 'draft') throw BudgetError.projectNotFound();
        throw BudgetError.notAnAuthor();
      }
      if (role !== 'main') throw BudgetError.notAnAuthor();
      assertStatusIn(p.status, EDITABLE_STATUSES, { pl: 'uzupełnić o współautorów', en: 'given new co-authors' });
      const [{ authors, pending, taken }] = (await m.query(
        `SELECT (SELECT count(*)::int FROM budget_project_authors WHERE project_id = $1) AS authors,
                (SELECT count(*)::int FROM budget_author_invitations WHERE project_id = $1 AND status = 'pending') AS pending,
                EXISTS (SELECT 1 FROM budget_project_authors a JOIN users u ON u.id = a.user_id WHERE a.project_id = $1 AND lower(u.email) = $2)
                  OR EXISTS (SELECT 1 FROM budget_author_invitations WHERE project_id = $1 AND email = $2 AND status = 'pending') AS taken`,
        [projectId, email],
      )) as Array<{ authors: number; pending: number; taken: boolean }>;
      if (taken) throw BudgetError.alreadyAuthor();
      if (authors + pending >= p.rules.maxAuthors) throw BudgetError.tooManyAuthors(p.rules.maxAuthors);
      const [row] = rowsOf<Record<string, unknown>>(
        await m.query(`INSERT INTO budget_author_invitations (project_id, email, locale, invited_by) VALUES ($1, $2, $3, $4) RETURNING *`, [
          projectId,
          email,
          input.locale ?? user.locale,
          user.id,
        ]),
      );
      await this.projects.history(m, projectId, user.id, 'coauthor_invited', p.status, p.status, null);
      await this.notifications.publish(m, {
        kind: 'project.request',
        facts: { editionId: p.edition_id, editionName: p.edition_name, projectId, title: p.title, request: 'coauthor_invitation', from: user.displayName },
        emails: [{ email, locale: input.locale ?? user.locale }],
      });
      return invitationOf(row);
    });
  }

  /** The project's invitations (its authors). */
  async list(user: AuthenticatedUser, projectId: string): Promise<Invitation[]> {
    const role = await this.roleOf(this.ds.manager, projectId, user.id);
    if (role === null) {
      await this.projects.get(user, projectId);
      throw BudgetError.notAnAuthor();
    }
    const rows = (await this.ds.query(`SELECT * FROM budget_author_invitations WHERE project_id = $1 ORDER BY created_at`, [projectId])) as Array<
      Record<string, unknown>
    >;
    return rows.map(invitationOf);
  }

  /** The main author withdraws an unanswered invitation. */
  async revoke(user: AuthenticatedUser, projectId: string, invitationId: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      const p = await this.lockProject(m, projectId);
      if ((await this.roleOf(m, projectId, user.id)) !== 'main') throw p.status === 'draft' ? BudgetError.projectNotFound() : BudgetError.notAnAuthor();
      const rows = rowsOf(
        await m.query(
          `UPDATE budget_author_invitations SET status = 'revoked', responded_at = now(), responded_by = $3
            WHERE id = $1 AND project_id = $2 AND status = 'pending' RETURNING id`,
          [invitationId, projectId, user.id],
        ),
      );
      if (!rows.length) throw BudgetError.invitationNotFound();
    });
  }

  /** The invitee accepts (becomes a co-author) or declines, from an account with the invited, verified address. */
  async respond(user: AuthenticatedUser, projectId: string, accept: true): Promise<ProjectView>;
  async respond(user: AuthenticatedUser, projectId: string, accept: false): Promise<null>;
  async respond(user: AuthenticatedUser, projectId: string, accept: boolean): Promise<ProjectView | null> {
    await this.ds.transaction(async (m) => {
      const p = await this.lockProject(m, projectId);
      const [inv] = (await m.query(`SELECT id FROM budget_author_invitations WHERE project_id = $1 AND email = $2 AND status = 'pending' FOR UPDATE`, [
        projectId,
        normaliseEmail(user.email),
      ])) as Array<{ id: string }>;
      if (!inv) throw BudgetError.invitationNotFound();
      if (!user.emailVerifiedAt) throw BudgetError.emailNotVerified();
      if (accept) {
        if (statusIn(p.status, OUT_OF_RUNNING_STATUSES)) {
          throw BudgetError.invalidTransition(p.status, { pl: 'uzupełnić o współautorów', en: 'given new co-authors' });
        }
        const [{ authors }] = (await m.query(`SELECT count(*)::int AS authors FROM budget_project_authors WHERE project_id = $1`, [projectId])) as Array<{
          authors: number;
        }>;
        if (authors >= p.rules.maxAuthors) throw BudgetError.tooManyAuthors(p.rules.maxAuthors);
        await m.query(`INSERT INTO budget_project_authors (project_id, user_id, role) VALUES ($1, $2, 'co') ON CONFLICT DO NOTHING`, [projectId, user.id]);
        // An author's own endorsement would count them twice.
        const removed = rowsOf(await m.query(`DELETE FROM budget_endorsements WHERE project_id = $1 AND user_id = $2 RETURNING user_id`, [projectId, user.id]));
        if (removed.length) await m.query(`UPDATE budget_projects SET endorsements = endorsements - 1 WHERE id = $1`, [projectId]);
      }
      await m.query(`UPDATE budget_author_invitations SET status = $2, responded_at = now(), responded_by = $3 WHERE id = $1`, [
        inv.id,
        accept ? 'accepted' : 'declined',
        user.id,
      ]);
      await this.projects.history(m, projectId, user.id, accept ? 'coauthor_joined' : 'coauthor_declined', p.status, p.status, null);
    });
    // Someone who declined may no longer see a draft.
    return accept ? this.projects.get(user, projectId) : null;
  }

  /** Invitations waiting for the signed-in user's address, with the project's title. */
  async mine(user: AuthenticatedUser): Promise<Array<Invitation & { title: string; editionId: string }>> {
    const rows = (await this.ds.query(
      `SELECT i.*, p.title, p.edition_id FROM budget_author_invitations i JOIN budget_projects p ON p.id = i.project_id
        WHERE i.email = $1 AND i.status = 'pending' ORDER BY i.created_at`,
      [normaliseEmail(user.email)],
    )) as Array<Record<string, unknown>>;
    return rows.map((r) => ({ ...invitationOf(r), title: r.title as string, editionId: r.edition_id as string }));
  }

  /** A co-author leaves, or the main author removes a co-author, while the project can still be edited. */
  async removeAuthor(user: AuthenticatedUser, projectId: string, userId: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      const p = await this.lockProject(m, projectId);
      const role = await this.roleOf(m, projectId, user.id);
      if (role === null) throw p.status === 'draft' ? BudgetError.projectNotFound() : BudgetError.notAnAuthor();
      if (role !== 'main' && userId !== user.id) throw BudgetError.notAnAuthor();
      assertStatusIn(p.status, EDITABLE_STATUSES, { pl: 'pozbawić współautora', en: 'left by a co-author' });
      const rows = rowsOf(
        await m.query(`DELETE FROM budget_project_authors WHERE project_id = $1 AND user_id = $2 AND role = 'co' RETURNING user_id`, [projectId, userId]),
      );
      if (!rows.length) throw BudgetError.authorNotFound();
      await this.projects.history(m, projectId, user.id, 'coauthor_removed', p.status, p.status, null);
    });
  }
}
