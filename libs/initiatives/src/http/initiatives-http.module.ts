import { Module } from '@nestjs/common';
import { InitiativesModule } from '../initiatives.module';
import { InitiativesAdminController, InitiativesController } from './initiatives.controller';

/** The local initiatives' HTTP routes (API only). */
@Module({
  imports: [InitiativesModule],
  controllers: [InitiativesController, InitiativesAdminController],
})
export class InitiativesHttpModule {}
