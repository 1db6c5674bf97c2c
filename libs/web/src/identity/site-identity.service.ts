import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Text } from '@civitas/common';
import { AppConfig } from '@civitas/config';
import { UserRoleRepository } from '@civitas/users';
import { SiteSettingsRepository, SiteSettingsRow } from './site-settings.repository';

/** The city as every page presents it: configuration (libs/config `site`) with the names set on the set-up page. */
export interface SiteIdentity {
  cityName: Text;
  shortName: string;
  brandColour: string;
  contactEmail: string | null;
  contactPhone: string | null;
  address: string | null;
  dpoEmail: string | null;
  accessibility: AppConfig['site']['accessibility'];
}

/** How long a process trusts its copy of site_settings (another API process may have changed it). */
const REFRESH_MS = 5000;

/**
 * The city's identity, read on every page without a query: the stored names are cached and refreshed in the
 * background at most every few seconds. Also answers whether the platform has been set up (an administrator exists),
 * which once true is remembered.
 */
@Injectable()
export class SiteIdentityService implements OnModuleInit {
  private identity: SiteIdentity;
  private loadedAt = 0;
  private refreshing: Promise<void> | null = null;
  private setUp = false;

  constructor(
    private readonly config: AppConfig,
    private readonly settings: SiteSettingsRepository,
    private readonly roles: UserRoleRepository,
  ) {
    this.identity = this.compose(null);
  }

  async onModuleInit(): Promise<void> {
    await this.refresh();
  }

  /** The identity as last read; starts a refresh when the copy is older than a few seconds. */
  current(): SiteIdentity {
    if (Date.now() - this.loadedAt > REFRESH_MS && !this.refreshing) {
      this.refreshing = this.refresh()
        .catch(() => undefined)
        .finally(() => (this.refreshing = null));
    }
    return this.identity;
  }

  /** Whether an enabled administrator exists; the set-up page is offered only while none does. */
  async isSetUp(): Promise<boolean> {
    if (this.setUp) return true;
    this.setUp = await this.roles.hasActiveAdmin();
    return this.setUp;
  }

  /** Records the city's names, in the caller's transaction (the set-up page). */
  saveCityName(m: EntityManager, name: Text): Promise<void> {
    return this.settings.saveCityName(m, name);
  }

  /** After a committed change in this process: read it at once. */
  async reload(): Promise<void> {
    this.setUp = false;
    await this.refresh();
  }

  private async refresh(): Promise<void> {
    this.identity = this.compose(await this.settings.find());
    this.loadedAt = Date.now();
  }

  private compose(row: SiteSettingsRow | null): SiteIdentity {
    const site = this.config.site;
    const pl = row?.city_name_pl ?? site.cityName.pl;
    const en = row?.city_name_en ?? (row?.city_name_pl ? pl : site.cityName.en);
    return {
      cityName: { pl, en },
      shortName: row?.city_name_pl && site.shortName === site.cityName.pl ? pl : site.shortName,
      brandColour: site.brandColour,
      contactEmail: site.contactEmail,
      contactPhone: site.contactPhone,
      address: site.address,
      dpoEmail: site.dpoEmail,
      accessibility: site.accessibility,
    };
  }
}
