import { Module } from '@nestjs/common';
import { InitiativesModule } from '../initiatives.module';
import { AgreementController } from './agreement.controller';
import { InitiativesAdminController, InitiativesController } from './initiatives.controller';
import { ReviewController } from './review.controller';

/** The local initiatives' HTTP routes (API only). */
@Module({
  imports: [InitiativesModule],
  controllers: [InitiativesController, InitiativesAdminController, ReviewController, AgreementController],
})
export class InitiativesHttpModule {}
