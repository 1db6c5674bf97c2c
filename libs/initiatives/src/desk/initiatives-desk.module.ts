import { Module, OnModuleInit } from '@nestjs/common';
import { AreasModule } from '@civitas/areas';
import { coversRole, DeskQueues, type AuthenticatedUser } from '@civitas/auth';
import { ApplicationsService, INITIATIVE_QUEUE_KINDS } from '../applications.service';
import { InitiativesModule } from '../initiatives.module';
import { InitiativesDeskController } from './initiatives-desk.controller';
import { ProgrammeDeskController } from './programme-desk.controller';
import { PG } from './programme-desk.texts';
import { PROGRAMMES_PATH } from './programme-desk.views';
import { ID, QUEUE_TITLES } from './initiatives-desk.texts';

/**
 * The local initiatives' part of the officials' desk: the queue of applications waiting on the official and an
 * application's page with the act it waits for. Its queues show on /desk and /desk/initiatives with the counts and
 * nearest deadlines of the official's own areas.
 */
@Module({ imports: [InitiativesModule, AreasModule], controllers: [InitiativesDeskController, ProgrammeDeskController] })
export class InitiativesDeskModule implements OnModuleInit {
  constructor(
    private readonly desk: DeskQueues,
    private readonly applications: ApplicationsService,
  ) {}

  onModuleInit(): void {
    INITIATIVE_QUEUE_KINDS.forEach((kind, i) =>
      this.desk.register({
        id: `initiatives.${kind}`,
        area: 'initiatives',
        order: 10 + i,
        title: QUEUE_TITLES[kind],
        href: `/desk/initiatives/applications?status=${kind}`,
        count: async (user: AuthenticatedUser) => (coversRole(user.grants, 'official', undefined) ? this.applications.queueCount(user, kind) : null),
      }),
    );
    this.desk.link({
      id: 'initiatives.applications',
      area: 'initiatives',
      order: 10,
      title: ID.linkAll,
      description: ID.linkAllHint,
      href: '/desk/initiatives/applications',
      roles: ['official'],
    });
    this.desk.link({
      id: 'initiatives.programmes',
      area: 'initiatives',
      order: 20,
      title: PG.indexLink,
      description: PG.indexLinkHint,
      href: PROGRAMMES_PATH,
      roles: [],
    });
  }
}
