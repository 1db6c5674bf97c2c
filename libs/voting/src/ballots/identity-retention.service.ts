import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EditionRepository } from '@civitas/budget';
import { zonedDate } from '@civitas/common';
import { appendAudit } from '@civitas/database';
import { runOnce, ScheduleDefinition } from '@civitas/queue';
import { Clock } from '@civitas/config';
import { PaperSheetRepository } from './paper-sheet.repository';
import { VotingConfigRepository } from './voting-config.repository';

const HOUR = 3600_000;

/** What one erasure did to one edition: counts only, never personal data. */
export interface IdentityErasure {
  editionId: string;
  /** voter_identities rows deleted. */
  identities: number;
  /** paper_entries whose keyed identity was replaced with null. */
  paperEntries: number;
}

/**
 * Erases the identity data of voters once their edition's retention date has passed (DESIGN §4.4):
 * `voting_policies.retain_identities_until` is the last day (in the city's time zone) on which identities are kept.
 *
 * Erased: the edition's voter_identities rows (names, address, e-mail, birth year, guardian, account link) and the
 * keyed identity in paper_entries.content (the content hash stays). Kept: ballots with their voter keys and
 * choices, so the results can be recounted and duplicates still recognised by key.
 *
 * Nothing is erased while ballots may still arrive or need their voter (the voting and vote-verification phases
 * have not both ended): e-mail codes and receipts, and paper keying, read the identity.
 */
@Injectable()
export class IdentityRetentionService {
  private readonly logger = new Logger('IdentityRetention');

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly config: VotingConfigRepository,
    private readonly sheets: PaperSheetRepository,
    private readonly editions: EditionRepository,
  ) {}

  /**
   * Hourly, on the hour: the retention date has a day's granularity, but an hourly run erases within an hour of
   * midnight and recovers from a failed run (or a stopped worker) within the hour rather than the next day. A run
   * with nothing due is one small query.
   */
  schedule(): ScheduleDefinition<'erase-voter-identities'> {
    return {
      name: 'erase-voter-identities',
      job: 'erase-voter-identities',
      next: (after) => new Date(Math.floor(after.getTime() / HOUR) * HOUR + HOUR),
      payload: (scheduledFor) => ({ scheduledFor: scheduledFor.toISOString() }),
    };
  }

  /**
   * The job: erases what is due at `now`, at most once per job id (the erasure and the job_executions row commit
   * together). The erasure itself is idempotent too, so a later run finds nothing left and does nothing.
   * Logs one line per edition erased, with counts only.
   */
  async run(job: { id?: string; name: string }, now = this.clock.now()): Promise<IdentityErasure[]> {
    let erased: IdentityErasure[] = [];
    const ran = await runOnce(this.ds, job, async (m) => {
      erased = await this.eraseDue(m, now);
      // The counts of code mails per address are read for an hour only (VOTING_CODES_PER_ADDRESS_PER_HOUR).
      await this.config.deleteOldCodeMails(m, now);
      // The booth's drafts (encrypted form state between its pages) last an hour after their last save.
      await this.sheets.deleteExpiredDrafts(m, now);
    });
    if (!ran) {
      this.logger.log(`Job ${job.id} already ran`);
      return [];
    }
    for (const e of erased) this.logger.log({ editionId: e.editionId, identities: e.identities, paperEntries: e.paperEntries }, 'Voter identities erased');
    return erased;
  }

  /**
   * The editions whose identities are due for erasure at `now` and still hold any: retention ended before the city's
   * date, and voting and vote verification both over (neither phase ends after `now`); in id order.
   */
  private async listDue(m: EntityManager, now: Date): Promise<string[]> {
    const past = await this.config.listPastRetention(m, zonedDate(now));
    if (past.length === 0) return [];
    const open = new Set(
      (await this.editions.listPhasesOf(past, m))
        .filter((w) => (w.phase === 'voting' || w.phase === 'vote_verification') && w.endsAt.getTime() > now.getTime())
        .map((w) => w.editionId),
    );
    return past.filter((id) => !open.has(id));
  }

  /** Erases the identities of every edition due at `now` that still has any; returns what was erased, per edition. */
  async eraseDue(m: EntityManager, now = this.clock.now()): Promise<IdentityErasure[]> {
    const due = await this.listDue(m, now);
    const erased: IdentityErasure[] = [];
    for (const editionId of due) {
      const identities = await this.config.deleteIdentities(m, editionId);
      const paperEntries = await this.sheets.eraseEntryIdentities(m, editionId);
      await appendAudit(m, {
        actorId: null,
        action: 'voting.identities_erased',
        subjectType: 'edition',
        subjectId: editionId,
        details: { identities, paperEntries },
      });
      erased.push({ editionId, identities, paperEntries });
    }
    return erased;
  }
}
