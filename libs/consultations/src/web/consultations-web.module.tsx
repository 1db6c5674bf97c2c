import { Module, OnModuleInit } from '@nestjs/common';
import { HomeSections } from '@civitas/web';
import { ConsultationsModule } from '../consultations.module';
import { ConsultationsService } from '../consultations.service';
import { ConsultationsHomeSection } from './consultations-home.view';

/** The consultations' pages (the resident pages come with their own issue); today its part of the home page. */
@Module({ imports: [ConsultationsModule] })
export class ConsultationsWebModule implements OnModuleInit {
  constructor(
    private readonly home: HomeSections,
    private readonly consultations: ConsultationsService,
  ) {}

  onModuleInit(): void {
    // Kept for a few seconds (HomeSections.cached) (a busy home page, rare changes).
    const current = this.home.cached(async () => {
      const [open, announced] = await Promise.all([this.consultations.list({ status: 'open' }), this.consultations.list({ status: 'announced' })]);
      return { open: open.slice(0, 5), announced: announced.slice(0, 3) };
    });
    this.home.register({
      id: 'consultations',
      order: 20,
      render: async () => {
        const { open, announced } = await current();
        return <ConsultationsHomeSection open={open} announced={announced} />;
      },
    });
  }
}
