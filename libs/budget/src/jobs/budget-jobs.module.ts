import { Module } from '@nestjs/common';
import { BudgetModule } from '../budget.module';
import { BudgetProcessor } from './budget.processor';

/** The `budget` queue processor (the worker, or the API when jobs run in-process). */
@Module({ imports: [BudgetModule], providers: [BudgetProcessor] })
export class BudgetJobsModule {}
