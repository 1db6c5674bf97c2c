import { Module, OnModuleInit } from '@nestjs/common';
import { HomeSections } from '@civitas/web';
import { InitiativesError } from '../initiatives.errors';
import { InitiativesModule } from '../initiatives.module';
import { ProgrammesService } from '../programmes.service';
import { InitiativesHomeSection } from './initiatives-home.view';

const yearInWarsaw = (d: Date) => Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Warsaw', year: 'numeric' }).format(d));

/** The local initiatives' pages (the resident pages come with their own issue); today its part of the home page. */
@Module({ imports: [InitiativesModule] })
export class InitiativesWebModule implements OnModuleInit {
  constructor(
    private readonly home: HomeSections,
    private readonly programmes: ProgrammesService,
  ) {}

  onModuleInit(): void {
    this.home.register({
      id: 'initiatives',
      order: 30,
      render: async () => {
        const year = yearInWarsaw(new Date());
        const programme = await this.programmes.get(year).catch((err: unknown) => {
          if (err instanceof InitiativesError) return null;
          throw err;
        });
        return <InitiativesHomeSection programme={programme} year={year} />;
      },
    });
  }
}
