import { Module } from '@nestjs/common';
import { AuthModule } from '../auth.module';
import { AccountPagesController } from './account-pages.controller';
import { AccountController } from './account.controller';
import { SetupController } from './setup.controller';

/** The account pages: sign in and out, register, confirm, passwords, my account, and the first-run set-up. */
@Module({
  imports: [AuthModule],
  controllers: [AccountPagesController, AccountController, SetupController],
})
export class AuthWebModule {}
