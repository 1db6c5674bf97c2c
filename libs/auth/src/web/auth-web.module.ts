import { Global, Module, OnModuleInit } from '@nestjs/common';
import { AccountDeletionService } from '@civitas/users';
import { AuthModule } from '../auth.module';
import { AccountPagesController } from './account-pages.controller';
import { AccountController } from './account.controller';
import { DeletionsDeskController } from './deletions-desk.controller';
import { DL } from './deletions-desk.texts';
import { answerBy, DELETIONS_PATH } from './deletions-desk.views';
import { DeskController } from './desk.controller';
import { DeskQueues } from './desk-queues';
import { SetupController } from './setup.controller';

/**
 * The account pages (sign in and out, register, confirm, passwords, my account, the first-run set-up), the
 * officials' desk's start page, whose registry of queues (DeskQueues) every domain's desk module fills, and the
 * administration's queue of requests to delete accounts.
 */
@Global()
@Module({
  imports: [AuthModule],
  controllers: [AccountPagesController, AccountController, SetupController, DeskController, DeletionsDeskController],
  providers: [DeskQueues],
  exports: [DeskQueues],
})
export class AuthWebModule implements OnModuleInit {
  constructor(
    private readonly desk: DeskQueues,
    private readonly deletions: AccountDeletionService,
  ) {}

  onModuleInit(): void {
    this.desk.register({
      id: 'admin.deletions',
      area: 'admin',
      order: 30,
      title: DL.title,
      href: DELETIONS_PATH,
      count: async (user) => {
        if (!user.grants.some((g) => g.role === 'admin')) return null;
        const pending = await this.deletions.pending();
        return { count: pending.length, nextDeadline: pending.length ? answerBy(pending[0].requestedAt) : null };
      },
    });
  }
}
