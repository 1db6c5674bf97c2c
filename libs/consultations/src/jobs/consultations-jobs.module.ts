import { Module } from '@nestjs/common';
import { ConsultationsModule } from '../consultations.module';
import { ConsultationsProcessor } from './consultations.processor';

/** The `consultations` queue processor (the worker, or the API when jobs run in-process). */
@Module({ imports: [ConsultationsModule], providers: [ConsultationsProcessor] })
export class ConsultationsJobsModule {}
