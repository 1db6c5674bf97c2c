import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne, queryRows, rowsOf } from '@civitas/database';
import type { Invitation } from './authors.service';
import type { ProjectView } from './projects.service';

/** An author's role on a project. */
export type AuthorRole = 'main' | 'co';

/** A new invitation of a co-author, by address. */
export interface NewInvitation {
  projectId: string;
  email: string;
  locale: string;
  invitedBy: string;
}

/** How full a project's list of authors is, and whether an address is on it (or invited) already. */
export interface AuthorSeats {
  authors: number;
  pending: number;
  taken: boolean;
}

interface InvitationRow {
  id: string;
  project_id: string;
  email: string;
  status: Invitation['status'];
  created_at: Date;
  responded_at: Date | null;
}

function invitationOf(r: InvitationRow): Invitation {
  return {
    id: r.id,
    projectId: r.project_id,
    email: r.email,
    status: r.status,
    createdAt: r.created_at,
    respondedAt: r.responded_at ?? null,
  };
}

/**
 * The SQL of a project's authors (`budget_project_authors`) and co-author invitations (`budget_author_invitations`),
 * as named methods with typed rows. Methods that change data take the transaction's EntityManager; reads take one
 * optionally (the embedded database lends its one session to one transaction at a time).
 */
@Injectable()
export class AuthorRepository {
  constructor(private readonly ds: DataSource) {}

  /** The user's role on the project; null when they are not one of its authors. */
  async roleOf(m: EntityManager, projectId: string, userId: string): Promise<AuthorRole | null> {
    const a = await queryOne<{ role: AuthorRole }>(m, `SELECT role FROM budget_project_authors WHERE project_id = $1 AND user_id = $2`, [projectId, userId]);
    return a?.role ?? null;
  }

  /** Whether the user is one of the project's authors (of any role). */
  async isAuthor(m: EntityManager, projectId: string, userId: string): Promise<boolean> {
    return this.isAuthorOfAny(m, [projectId], userId);
  }

  /** Whether the user is an author (of any role) of one of the projects. */
  async isAuthorOfAny(m: EntityManager, projectIds: string[], userId: string): Promise<boolean> {
    const rows = await queryRows(m, `SELECT 1 FROM budget_project_authors WHERE project_id = ANY($1::uuid[]) AND user_id = $2 LIMIT 1`, [projectIds, userId]);
    return rows.length > 0;
  }

  /** The ids of the project's authors. */
  async userIdsOf(m: EntityManager, projectId: string): Promise<string[]> {
    return (await queryRows<{ user_id: string }>(m, `SELECT user_id FROM budget_project_authors WHERE project_id = $1`, [projectId])).map((r) => r.user_id);
  }

  /** The project's authors with their display names, the main author first, then by joining. */
  async listForProject(projectId: string, m: EntityManager = this.ds.manager): Promise<ProjectView['authors']> {
    const rows = await queryRows<{ user_id: string; display_name: string; role: AuthorRole }>(
      m,
      `SELECT a.user_id, u.display_name, a.role FROM budget_project_authors a JOIN users u ON u.id = a.user_id WHERE a.project_id = $1 ORDER BY a.role DESC, a.created_at`,
      [projectId],
    );
    return rows.map((a) => ({ userId: a.user_id, displayName: a.display_name, role: a.role }));
  }

  /** The number of the project's authors. */
  async countAuthors(m: EntityManager, projectId: string): Promise<number> {
    const [{ authors }] = await queryRows<{ authors: number }>(m, `SELECT count(*)::int AS authors FROM budget_project_authors WHERE project_id = $1`, [
      projectId,
    ]);
    return authors;
  }

  /** The project's authors and unanswered invitations (counted), and whether the address is an author's or invited already. */
  async seats(m: EntityManager, projectId: string, email: string): Promise<AuthorSeats> {
    const [seats] = await queryRows<AuthorSeats>(
      m,
      `SELECT (SELECT count(*)::int FROM budget_project_authors WHERE project_id = $1) AS authors,
              (SELECT count(*)::int FROM budget_author_invitations WHERE project_id = $1 AND status = 'pending') AS pending,
              EXISTS (SELECT 1 FROM budget_project_authors a JOIN users u ON u.id = a.user_id WHERE a.project_id = $1 AND lower(u.email) = $2)
                OR EXISTS (SELECT 1 FROM budget_author_invitations WHERE project_id = $1 AND email = $2 AND status = 'pending') AS taken`,
      [projectId, email],
    );
    return seats;
  }

  /** Makes the user the project's main author. */
  async insertMain(m: EntityManager, projectId: string, userId: string): Promise<void> {
    await m.query(`INSERT INTO budget_project_authors (project_id, user_id, role) VALUES ($1, $2, 'main')`, [projectId, userId]);
  }

  /** Makes the user a co-author of the project (nothing when they are an author already). */
  async insertCoAuthor(m: EntityManager, projectId: string, userId: string): Promise<void> {
    await m.query(`INSERT INTO budget_project_authors (project_id, user_id, role) VALUES ($1, $2, 'co') ON CONFLICT DO NOTHING`, [projectId, userId]);
  }

  /** Removes a co-author (never the main author); false when the user is no co-author of the project. */
  async deleteCoAuthor(m: EntityManager, projectId: string, userId: string): Promise<boolean> {
    const rows = rowsOf(
      await m.query(`DELETE FROM budget_project_authors WHERE project_id = $1 AND user_id = $2 AND role = 'co' RETURNING user_id`, [projectId, userId]),
    );
    return rows.length > 0;
  }

  /** Whether an unanswered invitation to the project waits for the address (compared in lower case). */
  async hasPendingInvitation(projectId: string, email: string, m: EntityManager = this.ds.manager): Promise<boolean> {
    const rows = await queryRows(m, `SELECT 1 FROM budget_author_invitations WHERE project_id = $1 AND email = lower($2) AND status = 'pending'`, [
      projectId,
      email,
    ]);
    return rows.length > 0;
  }

  /** Inserts an unanswered invitation; returns it. */
  async insertInvitation(m: EntityManager, i: NewInvitation): Promise<Invitation> {
    const [row] = rowsOf<InvitationRow>(
      await m.query(`INSERT INTO budget_author_invitations (project_id, email, locale, invited_by) VALUES ($1, $2, $3, $4) RETURNING *`, [
        i.projectId,
        i.email,
        i.locale,
        i.invitedBy,
      ]),
    );
    return invitationOf(row);
  }

  /** The project's invitations, oldest first. */
  async listInvitations(projectId: string, m: EntityManager = this.ds.manager): Promise<Invitation[]> {
    const rows = await queryRows<InvitationRow>(m, `SELECT * FROM budget_author_invitations WHERE project_id = $1 ORDER BY created_at`, [projectId]);
    return rows.map(invitationOf);
  }

  /** The unanswered invitations to the (normalised) address, oldest first, with their project's title and edition. */
  async listPendingFor(email: string, m: EntityManager = this.ds.manager): Promise<Array<Invitation & { title: string; editionId: string }>> {
    const rows = await queryRows<InvitationRow & { title: string; edition_id: string }>(
      m,
      `SELECT i.*, p.title, p.edition_id FROM budget_author_invitations i JOIN budget_projects p ON p.id = i.project_id
        WHERE i.email = $1 AND i.status = 'pending' ORDER BY i.created_at`,
      [email],
    );
    return rows.map((r) => ({ ...invitationOf(r), title: r.title, editionId: r.edition_id }));
  }

  /** The id of the project's unanswered invitation to the address, locked for the rest of the transaction; undefined when there is none. */
  async lockPendingInvitation(m: EntityManager, projectId: string, email: string): Promise<string | undefined> {
    const inv = await queryOne<{ id: string }>(
      m,
      `SELECT id FROM budget_author_invitations WHERE project_id = $1 AND email = $2 AND status = 'pending' FOR UPDATE`,
      [projectId, email],
    );
    return inv?.id;
  }

  /** Withdraws an unanswered invitation of the project, as the user; false when there is no such invitation. */
  async revokeInvitation(m: EntityManager, invitationId: string, projectId: string, userId: string): Promise<boolean> {
    const rows = rowsOf(
      await m.query(
        `UPDATE budget_author_invitations SET status = 'revoked', responded_at = now(), responded_by = $3
          WHERE id = $1 AND project_id = $2 AND status = 'pending' RETURNING id`,
        [invitationId, projectId, userId],
      ),
    );
    return rows.length > 0;
  }

  /** Records the invitee's answer to the invitation. */
  async answerInvitation(m: EntityManager, invitationId: string, status: 'accepted' | 'declined', userId: string): Promise<void> {
    await m.query(`UPDATE budget_author_invitations SET status = $2, responded_at = now(), responded_by = $3 WHERE id = $1`, [invitationId, status, userId]);
  }
}
