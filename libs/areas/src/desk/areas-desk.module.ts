import { Module, OnModuleInit } from '@nestjs/common';
import { DeskQueues } from '@civitas/auth';
import { UsersModule } from '@civitas/users';
import { AreasModule } from '../areas.module';
import { AccountsDeskController } from './accounts-desk.controller';
import { AC } from './accounts-desk.texts';
import { AreasDeskController } from './areas-desk.controller';
import { AD } from './areas-desk.texts';

/**
 * The administration's pages of the city's areas and of the accounts with their roles (a role's scope is a set of
 * areas), linked from the desk's administration part.
 */
@Module({
  imports: [AreasModule, UsersModule],
  controllers: [AreasDeskController, AccountsDeskController],
})
export class AreasDeskModule implements OnModuleInit {
  constructor(private readonly desk: DeskQueues) {}

  onModuleInit(): void {
    this.desk.link({
      id: 'admin.accounts',
      area: 'admin',
      order: 20,
      title: AC.accounts,
      description: AC.accountsHint,
      href: '/desk/admin/accounts',
      roles: [],
    });
    this.desk.link({ id: 'admin.areas', area: 'admin', order: 10, title: AD.areasLink, description: AD.areasLinkHint, href: '/desk/admin/areas', roles: [] });
  }
}
