import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth.module';
import { AccountPagesController } from './account-pages.controller';
import { AccountController } from './account.controller';
import { DeskController } from './desk.controller';
import { DeskQueues } from './desk-queues';
import { SetupController } from './setup.controller';

/**
 * The account pages (sign in and out, register, confirm, passwords, my account, the first-run set-up) and the
 * officials' desk's start page, whose registry of queues (DeskQueues) every domain's desk module fills.
 */
@Global()
@Module({
  imports: [AuthModule],
  controllers: [AccountPagesController, AccountController, SetupController, DeskController],
  providers: [DeskQueues],
  exports: [DeskQueues],
})
export class AuthWebModule {}
