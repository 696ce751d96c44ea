import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dify's per-app web app settings (its `sites` row: title, description, copyright, privacy policy,
 * default language, colour theme, disclaimer, …). One app has exactly one site, so the settings ride
 * on the app row as a document; the site's public code stays in `site_code`. An empty document means
 * "the defaults", which derive from the app (title = app name).
 */
export class AppSiteSettings1733400000000 implements MigrationInterface {
  name = 'AppSiteSettings1733400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE apps ADD COLUMN site_settings jsonb NOT NULL DEFAULT '{}'::jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE apps DROP COLUMN IF EXISTS site_settings');
  }
}
