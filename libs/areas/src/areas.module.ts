import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AreaEntity } from './area.entity';
import { AreaRepository } from './area.repository';
import { AreasService } from './areas.service';

/** Areas of the city (no HTTP). */
@Module({
  imports: [TypeOrmModule.forFeature([AreaEntity])],
  providers: [AreaRepository, AreasService],
  exports: [AreaRepository, AreasService],
})
export class AreasModule {}
