import { Module, OnModuleInit } from '@nestjs/common';
import { AreasModule } from '@civitas/areas';
import { HomeSections } from '@civitas/web';
import { BudgetModule } from '../budget.module';
import { BudgetDeskModule } from '../desk/budget-desk.module';
import { EditionsService } from '../editions.service';
import { BudgetHomeSection } from './budget-home.view';
import { BudgetPagesController } from './budget-pages.controller';
import { MyProjectsController } from './my-projects.controller';
import { SubmitController } from './submit.controller';
import { Clock } from '@civitas/config';

/** The budget's pages (the resident pages come with their own issue); today its part of the home page. */
@Module({ imports: [BudgetModule, AreasModule, BudgetDeskModule], controllers: [BudgetPagesController, SubmitController, MyProjectsController] })
export class BudgetWebModule implements OnModuleInit {
  constructor(
    private readonly home: HomeSections,
    private readonly editions: EditionsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // The home page's editions are kept for a few seconds (HomeSections.cached) (a busy home page, rare changes).
    const editions = this.home.cached(() => this.editions.overview(3));
    this.home.register({
      id: 'budget',
      order: 10,
      render: async () => <BudgetHomeSection editions={await editions()} now={this.clock.now()} />,
    });
  }
}
