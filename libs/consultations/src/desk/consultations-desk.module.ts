import { Module, OnModuleInit } from '@nestjs/common';
import { DeskQueues } from '@civitas/auth';
import { ConsultationsModule } from '../consultations.module';

/**
 * The consultations' part of the officials' desk: the moderation queue, the comments of a consultation (entered from
 * paper, e-mail and meetings), and the consultations' management and reports.
 */
@Module({
  imports: [ConsultationsModule],
  controllers: [],
})
export class ConsultationsDeskModule implements OnModuleInit {
  constructor(private readonly desk: DeskQueues) {}

  onModuleInit(): void {
    void this.desk;
  }
}
