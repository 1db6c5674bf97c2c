import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Text } from '@civitas/common';
import { queryOne } from '@civitas/database';

/** The city's names as stored on the set-up page (null where none was set). */
export interface SiteSettingsRow {
  city_name_pl: string | null;
  city_name_en: string | null;
}

/** Named statements over `site_settings`, the platform's one row of settings made on the set-up page. */
@Injectable()
export class SiteSettingsRepository {
  constructor(private readonly ds: DataSource) {}

  /** The stored names, or null before the platform was set up. */
  async find(): Promise<SiteSettingsRow | null> {
    return (await queryOne<SiteSettingsRow>(this.ds, `SELECT city_name_pl, city_name_en FROM site_settings WHERE id = 1`)) ?? null;
  }

  /** Records the city's names in the caller's transaction; the first time also records when the platform was set up. */
  async saveCityName(m: EntityManager, name: Text): Promise<void> {
    await m.query(
      `INSERT INTO site_settings (id, city_name_pl, city_name_en, set_up_at) VALUES (1, $1, $2, now())
       ON CONFLICT (id) DO UPDATE SET city_name_pl = $1, city_name_en = $2, set_up_at = coalesce(site_settings.set_up_at, now()), updated_at = now()`,
      [name.pl, name.en],
    );
  }
}
