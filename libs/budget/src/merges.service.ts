import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, type AuthenticatedUser } from '@civitas/auth';
import { plainText } from '@civitas/common';
import { NotificationsService } from '@civitas/notifications';
import { BudgetError } from './budget.errors';
import { EditionsService } from './editions.service';
import { PHASES, phaseAt } from './phases';
import { OUT_OF_RUNNING_STATUSES, statusIn, UNDER_REVIEW_STATUSES } from './project-status';
import { CostItemInput, ProjectsService } from './projects.service';
import { AuthorRepository } from './author.repository';
import { type LockedMerge, type MergeProject, MergeRepository } from './merge.repository';
import { Clock } from '@civitas/config';

export interface MergeInput {
  /** The first project continues (the target); the others are merged into it. */
  projectIds: string[];
  title?: string;
  summary?: string;
  description?: string;
  costItems?: CostItemInput[];
  justification: string;
}

export interface Merge {
  id: string;
  editionId: string;
  targetId: string;
  sourceIds: string[];
  title: string | null;
  summary: string | null;
  description: string | null;
  costItems: CostItemInput[] | null;
  justification: string;
  status: 'pending' | 'accepted' | 'refused';
  /** One entry per project: its main author's answer, or null while unanswered. */
  consents: Array<{ projectId: string; consent: boolean | null }>;
  createdAt: Date;
  decidedAt: Date | null;
}

export interface ExclusionGroup {
  id: string;
  poolId: string;
  projectIds: string[];
  reason: string;
  createdAt: Date;
}

/**
 * Merges and mutually exclusive projects (DESIGN §4.3). An official proposes to merge projects of one pool (e.g.
 * two playgrounds on the same square); the merge happens only when the main author of every project consents, and
 * is dropped at the first refusal. The merged projects' authors, endorsements and paper signatures move to the
 * project that continues. Projects that cannot both be carried out (the same plot) are marked mutually exclusive;
 * the tally then never selects two of a group.
 */
@Injectable()
export class MergesService {
  constructor(
    private readonly ds: DataSource,
    private readonly editions: EditionsService,
    private readonly projects: ProjectsService,
    private readonly access: AccessService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly mergesRepo: MergeRepository,
    private readonly authorsRepo: AuthorRepository,
  ) {}

  /** Locks the projects (in id order, so that concurrent proposals cannot deadlock) and returns them in `ids` order. */
  private async lockAll(m: EntityManager, editionId: string, ids: string[]): Promise<MergeProject[]> {
    const rows = await this.mergesRepo.lockProjects(m, ids);
    const byId = new Map(rows.filter((r) => r.status !== 'draft' && r.editionId === editionId).map((r) => [r.id, r]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length) {
      throw BudgetError.mergeInvalid({ pl: 'Nie ma takich projektów w tej edycji.', en: 'There are no such projects in this edition.' });
    }
    return ids.map((id) => byId.get(id)!);
  }

  private distinct(ids: string[]): void {
    if (new Set(ids).size !== ids.length) {
      throw BudgetError.mergeInvalid({ pl: 'Każdy projekt można podać tylko raz.', en: 'Each project can be given only once.' });
    }
  }

  private async mergeOf(id: string): Promise<Merge> {
    const merge = await this.mergesRepo.findView(id);
    if (!merge) throw BudgetError.mergeNotFound();
    return merge;
  }

  /** An official (of every project's area) proposes a merge during the formal or merit review. */
  async propose(user: AuthenticatedUser, editionId: string, input: MergeInput): Promise<Merge> {
    this.distinct(input.projectIds);
    const id = await this.ds.transaction(async (m) => {
      await this.editions.get(editionId, { manager: m });
      const projects = await this.lockAll(m, editionId, input.projectIds);
      for (const p of projects) await this.access.assertRole(user, 'official', p.areaId, m);
      if (new Set(projects.map((p) => p.poolId)).size > 1) {
        throw BudgetError.mergeInvalid({ pl: 'Łączyć można tylko projekty z tej samej puli.', en: 'Only projects of the same pool can be merged.' });
      }
      const closed = projects.find((p) => !statusIn(p.status, UNDER_REVIEW_STATUSES));
      if (closed) throw BudgetError.invalidTransition(closed.status, { pl: 'połączyć z innym', en: 'merged' });
      const phase = phaseAt(await this.editions.phases(m, editionId), this.clock.now());
      if (phase !== 'formal_review' && phase !== 'merit_review') {
        throw BudgetError.wrongPhase({ pl: 'Łączyć projekty', en: 'Merging projects' }, 'merit_review', phase);
      }
      if (await this.mergesRepo.hasPending(m, input.projectIds)) {
        throw BudgetError.mergeInvalid({
          pl: 'Jeden z projektów czeka już na decyzję w sprawie innego połączenia.',
          en: 'One of the projects already awaits a decision on another merge.',
        });
      }
      const [target, ...sources] = projects;
      const justification = plainText(input.justification);
      const items = input.costItems?.map((i) => ({ description: plainText(i.description), amount: i.amount })) ?? null;
      const id = await this.mergesRepo.insert(m, {
        editionId,
        targetId: target.id,
        sourceIds: sources.map((s) => s.id),
        title: typeof input.title === 'string' ? plainText(input.title) : null,
        summary: typeof input.summary === 'string' ? plainText(input.summary) : null,
        description: typeof input.description === 'string' ? plainText(input.description) : null,
        items,
        justification,
        proposedBy: user.id,
      });
      for (const p of projects) {
        await this.projects.history(m, p.id, user.id, 'merge_proposed', p.status, p.status, justification, { mergeId: id, projectIds: input.projectIds });
        await this.notifications.publish(m, {
          kind: 'project.request',
          facts: { editionId, editionName: p.editionName, projectId: p.id, title: p.title, request: 'merge', reason: justification },
          userIds: await this.projects.authorIds(m, p.id),
        });
      }
      return id;
    });
    return this.mergeOf(id);
  }

  /** A merge, for the authors of its projects and for the officials of their areas (admins included). */
  async get(user: AuthenticatedUser, mergeId: string): Promise<Merge> {
    const merge = await this.mergeOf(mergeId);
    const ids = [merge.targetId, ...merge.sourceIds];
    if (await this.authorsRepo.isAuthorOfAny(this.ds.manager, ids, user.id)) return merge;
    for (const areaId of await this.mergesRepo.areasOf(ids)) if (await this.access.hasRole(user, 'official', areaId)) return merge;
    throw BudgetError.mergeNotFound();
    return merge;
  }

  /** The merges awaiting consent that concern a project the resident authors (the "my projects" page). */
  async pendingFor(user: AuthenticatedUser): Promise<Merge[]> {
    const out: Merge[] = [];
    for (const id of await this.mergesRepo.pendingIdsFor(user.id)) out.push(await this.mergeOf(id));
    return out;
  }

  /**
   * The main author of a project in the merge gives or refuses consent for it. A refusal drops the merge; the last
   * consent carries it out.
   */
  async consent(user: AuthenticatedUser, mergeId: string, consent: boolean): Promise<Merge> {
    await this.ds.transaction(async (m) => {
      const merge = await this.mergesRepo.lockForUpdate(m, mergeId);
      if (!merge) throw BudgetError.mergeNotFound();
      const ids = [merge.targetId, ...merge.sourceIds];
      const mine = await this.mergesRepo.mainAuthored(m, ids, user.id);
      if (!mine.length) {
        if (!(await this.authorsRepo.isAuthorOfAny(m, ids, user.id))) throw BudgetError.mergeNotFound();
        throw BudgetError.notAnAuthor();
      }
      if (merge.status !== 'pending') throw BudgetError.invalidTransition(merge.status, { pl: 'zmienić (połączenie)', en: 'changed (a merge)' });
      for (const projectId of mine) {
        await this.mergesRepo.upsertConsent(m, mergeId, projectId, user.id, consent);
        await this.projects.history(m, projectId, user.id, consent ? 'merge_consented' : 'merge_refused', null, null, null, { mergeId });
      }
      if (!consent) {
        await this.mergesRepo.markRefused(m, mergeId);
        return;
      }
      if ((await this.mergesRepo.countConsents(m, mergeId)) === ids.length) await this.apply(m, user, merge);
    });
    return this.mergeOf(mergeId);
  }

  private async apply(m: EntityManager, user: AuthenticatedUser, merge: LockedMerge): Promise<void> {
    const { targetId, sourceIds, justification } = merge;
    const projects = await this.lockAll(m, merge.editionId, [targetId, ...sourceIds]);
    const closed = projects.find((p) => !statusIn(p.status, UNDER_REVIEW_STATUSES));
    if (closed) throw BudgetError.invalidTransition(closed.status, { pl: 'połączyć z innym', en: 'merged' });
    await this.mergesRepo.absorbIntoTarget(m, targetId, merge, sourceIds);
    if (merge.items) await this.projects.writeCostItems(m, targetId, merge.items);
    await this.mergesRepo.copyAuthorsAsCo(m, targetId, sourceIds);
    // Endorsements move with their projects, once per person, never an author's own.
    await this.mergesRepo.moveEndorsements(m, targetId, sourceIds);
    await this.mergesRepo.deleteAuthorsEndorsements(m, targetId);
    await this.mergesRepo.recountEndorsements(m, targetId);
    await this.mergesRepo.markAccepted(m, merge.id);
    await this.projects.history(m, targetId, user.id, 'merge_accepted', null, null, justification, { mergeId: merge.id, merged: sourceIds });
    for (const s of projects.slice(1)) {
      await this.mergesRepo.markMerged(m, s.id, targetId);
      await this.projects.history(m, s.id, user.id, 'merged', s.status, 'merged', justification, { mergeId: merge.id, into: targetId });
      await this.projects.notify(m, s.id, 'merged', justification);
    }
  }

  /** An official marks projects of one pool as mutually exclusive (before voting starts). */
  async exclude(user: AuthenticatedUser, editionId: string, input: { projectIds: string[]; reason: string }): Promise<ExclusionGroup> {
    if (new Set(input.projectIds).size !== input.projectIds.length) {
      throw BudgetError.exclusionInvalid({ pl: 'Każdy projekt można podać tylko raz.', en: 'Each project can be given only once.' });
    }
    const id = await this.ds.transaction(async (m) => {
      await this.editions.get(editionId, { manager: m });
      const rows = await this.mergesRepo.lockExclusionCandidates(m, input.projectIds, editionId);
      const usable = rows.filter((r) => r.status !== 'draft' && !statusIn(r.status, OUT_OF_RUNNING_STATUSES));
      if (usable.length !== input.projectIds.length) {
        throw BudgetError.exclusionInvalid({
          pl: 'Wykluczać się mogą tylko zgłoszone, nieodrzucone projekty tej edycji.',
          en: 'Only submitted projects of this edition that were not rejected can exclude each other.',
        });
      }
      if (new Set(rows.map((r) => r.poolId)).size > 1) {
        throw BudgetError.exclusionInvalid({
          pl: 'Wykluczać się mogą tylko projekty z tej samej puli.',
          en: 'Only projects of the same pool can exclude each other.',
        });
      }
      for (const r of rows) await this.access.assertRole(user, 'official', r.areaId, m);
      await this.beforeVoting(m, editionId);
      const reason = plainText(input.reason);
      const id = await this.mergesRepo.insertExclusionGroup(m, { editionId, poolId: rows[0].poolId, reason, createdBy: user.id });
      for (const r of rows) {
        await this.mergesRepo.addExclusionMember(m, id, r.id);
        await this.projects.history(m, r.id, user.id, 'marked_exclusive', null, null, reason, { groupId: id, projectIds: input.projectIds });
      }
      return id;
    });
    return (await this.exclusions(editionId)).find((g) => g.id === id)!;
  }

  /** Removes a group of mutually exclusive projects (before voting starts). */
  async removeExclusion(user: AuthenticatedUser, groupId: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      const g = await this.mergesRepo.lockExclusionGroup(m, groupId);
      if (!g) throw BudgetError.exclusionNotFound();
      const members = await this.mergesRepo.exclusionMembers(m, groupId);
      for (const p of members) await this.access.assertRole(user, 'official', p.areaId, m);
      await this.beforeVoting(m, g.editionId);
      await this.mergesRepo.deleteExclusionGroup(m, groupId);
      for (const p of members) await this.projects.history(m, p.id, user.id, 'exclusion_removed', null, null, null, { groupId });
    });
  }

  private async beforeVoting(m: EntityManager, editionId: string): Promise<void> {
    const phase = phaseAt(await this.editions.phases(m, editionId), this.clock.now());
    if (phase && PHASES.indexOf(phase) >= PHASES.indexOf('voting')) {
      throw BudgetError.wrongPhase({ pl: 'Oznaczać projekty wykluczające się', en: 'Marking mutually exclusive projects' }, 'ballot_list', phase);
    }
  }

  /** The groups of mutually exclusive projects of an edition (public). */
  async exclusions(editionId: string): Promise<ExclusionGroup[]> {
    await this.editions.get(editionId);
    return this.mergesRepo.listExclusions(editionId);
  }
}
