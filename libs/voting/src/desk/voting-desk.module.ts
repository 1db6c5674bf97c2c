import { Module, OnModuleInit } from '@nestjs/common';
import { AreasModule } from '@civitas/areas';
import { type AuthenticatedUser, coversRole, DeskQueues } from '@civitas/auth';
import { BudgetModule } from '@civitas/budget';
import { UsersModule } from '@civitas/users';
import { PaperBallotsService } from '../ballots/paper-ballots.service';
import { VotingBallotsModule } from '../ballots/ballots.module';
import { ResultsService } from '../results/results.service';
import { VotingModule } from '../voting.module';
import { VotingDeskController } from './voting-desk.controller';
import { VotingSetupController } from './voting-setup.controller';
import { VD } from './voting-desk.texts';
import { Clock } from '@civitas/config';

const official = (user: AuthenticatedUser) => coversRole(user.grants, 'official', undefined);

/**
 * The voting desk's pages (paper keying and its settlement, turnout, tally and publication, the audit log) and its
 * queues on /desk: sheets awaiting a second keying, mismatches to settle, tallies to review and publish.
 */
@Module({ imports: [VotingModule, VotingBallotsModule, BudgetModule, AreasModule, UsersModule], controllers: [VotingDeskController, VotingSetupController] })
export class VotingDeskModule implements OnModuleInit {
  constructor(
    private readonly desk: DeskQueues,
    private readonly paper: PaperBallotsService,
    private readonly results: ResultsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // Paper keying is open to every official (as the API's paper-ballots routes); the deadline is the end of voting
    // verification, after which no sheet can be keyed.
    const editions = () => this.results.deskEditions();
    this.desk.register({
      id: 'voting.paper-second',
      area: 'voting',
      order: 10,
      title: VD.queueSecond,
      href: '/desk/voting/editions',
      count: async (user) => {
        if (!official(user)) return null;
        return { count: (await this.paper.waiting()).reduce((n, w) => n + w.keyedOnce, 0) };
      },
    });
    this.desk.register({
      id: 'voting.paper-mismatch',
      area: 'voting',
      order: 20,
      title: VD.queueMismatch,
      href: '/desk/voting/editions',
      count: async (user) => {
        if (!official(user)) return null;
        return { count: (await this.paper.waiting()).reduce((n, w) => n + w.mismatch, 0) };
      },
    });
    this.desk.register({
      id: 'voting.tallies',
      area: 'voting',
      order: 30,
      title: VD.queueTallies,
      href: '/desk/voting/editions',
      count: async (user) => {
        if (!official(user)) return null;
        const now = this.clock.ms();
        // Voting closed and the results not yet published: a tally to run, to watch, or to review and publish.
        const due = (await editions()).filter((e) => !e.publishedAt && e.votingEndsAt && e.votingEndsAt.getTime() <= now);
        const deadlines = due.map((e) => e.resultsEndsAt).filter((d): d is Date => !!d);
        return { count: due.length, nextDeadline: deadlines.length ? new Date(Math.min(...deadlines.map((d) => d.getTime()))) : null };
      },
    });
    this.desk.link({
      id: 'voting.editions',
      area: 'voting',
      order: 10,
      title: VD.linkEditions,
      description: VD.linkEditionsHint,
      href: '/desk/voting/editions',
      roles: ['official'],
    });
  }
}
