import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@civitas/config';
import { MailTransport } from './mail.types';
import { FileMailTransport, SmtpMailTransport } from './transports';

/** Provides MailTransport for the configured mode (SMTP_URL, or .eml files under ./var/mail). */
@Global()
@Module({
  providers: [
    {
      provide: MailTransport,
      inject: [AppConfig],
      useFactory: (config: AppConfig): MailTransport =>
        config.mail.kind === 'smtp' ? new SmtpMailTransport(config.mail.url, config.mail.from) : new FileMailTransport(config.mail.dir, config.mail.from),
    },
  ],
  exports: [MailTransport],
})
export class MailModule implements OnApplicationShutdown {
  constructor(@Inject(MailTransport) private readonly transport: MailTransport) {}

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }
}
