import { Module } from '@nestjs/common';
import { FallbackController } from './pages/fallback.controller';

/** The catch-all 404 route; apps/api imports it after every other module. */
@Module({ controllers: [FallbackController] })
export class WebFallbackModule {}
