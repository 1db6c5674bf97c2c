import { Module } from '@nestjs/common';
import { AreasModule } from '../areas.module';
import { AreasController } from './areas.controller';

/** The area routes (imported by the API only). */
@Module({
  imports: [AreasModule],
  controllers: [AreasController],
})
export class AreasHttpModule {}
