import { Module } from '@nestjs/common';
import { MailModule } from '@civitas/mail';
import { AuthModule } from '../auth.module';
import { AccountMailService } from './account-mail.service';
import { AccountsProcessor } from './accounts.processor';

/** The `accounts` queue processor and what it needs (mail). Imported where jobs run: the worker, or the API inline. */
@Module({
  imports: [AuthModule, MailModule],
  providers: [AccountMailService, AccountsProcessor],
  exports: [AccountMailService],
})
export class AuthJobsModule {}
