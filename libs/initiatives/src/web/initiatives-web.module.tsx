import { Module, OnModuleInit } from '@nestjs/common';
import { AreasModule } from '@civitas/areas';
import { HomeSections } from '@civitas/web';
import { InitiativesDeskModule } from '../desk/initiatives-desk.module';
import { InitiativesError } from '../initiatives.errors';
import { InitiativesModule } from '../initiatives.module';
import { ProgrammesService } from '../programmes.service';
import { ApplicationsPagesController } from './applications-pages.controller';
import { InitiativesHomeSection } from './initiatives-home.view';
import { InitiativesPagesController } from './initiatives-pages.controller';
import { Clock } from '@civitas/config';

const warsawYear = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Warsaw', year: 'numeric' });
const yearInWarsaw = (d: Date) => Number(warsawYear.format(d));

/**
 * The local initiatives' pages: the home page's section; the programme, the public register and an application's
 * page (InitiativesPagesController); the applicant's pages — applying, my applications, corrections, the agreement and
 * the final report (ApplicationsPagesController).
 */
@Module({ imports: [InitiativesModule, AreasModule, InitiativesDeskModule], controllers: [ApplicationsPagesController, InitiativesPagesController] })
export class InitiativesWebModule implements OnModuleInit {
  constructor(
    private readonly home: HomeSections,
    private readonly programmes: ProgrammesService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // This year's programme, kept for a few seconds (HomeSections.cached) (a busy home page, rare changes).
    const current = this.home.cached(async () => {
      const year = yearInWarsaw(this.clock.now());
      const programme = await this.programmes.get(year).catch((err: unknown) => {
        if (err instanceof InitiativesError) return null;
        throw err;
      });
      return { year, programme };
    });
    this.home.register({
      id: 'initiatives',
      order: 30,
      render: async () => {
        const { year, programme } = await current();
        return <InitiativesHomeSection programme={programme} year={year} />;
      },
    });
  }
}
