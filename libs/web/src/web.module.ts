import { Global, Module } from '@nestjs/common';
import { UsersModule } from '@civitas/users';
import { AssetsService } from './assets/assets.service';
import { PageErrorFilter } from './errors/page-error.filter';
import { HomeController } from './home/home.controller';
import { HomeSections } from './home/home-sections';
import { SiteIdentityService } from './identity/site-identity.service';
import { SiteSettingsRepository } from './identity/site-settings.repository';
import { CsrfGuard } from './page/csrf.guard';
import { WebPages } from './page/web-pages.service';
import { SitePagesController } from './pages/site-pages.controller';

/**
 * The web room's shared services (global: every domain's *WebModule uses them): page rendering, the city's identity,
 * assets, the home page's sections, the CSRF guard and the page error filter. Its own pages: home, accessibility
 * statement, privacy notice, language switch. Imported by apps/api only.
 */
@Global()
@Module({
  imports: [UsersModule],
  controllers: [HomeController, SitePagesController],
  providers: [WebPages, SiteIdentityService, SiteSettingsRepository, AssetsService, HomeSections, CsrfGuard, PageErrorFilter],
  exports: [WebPages, SiteIdentityService, AssetsService, HomeSections, CsrfGuard, PageErrorFilter],
})
export class WebModule {}
