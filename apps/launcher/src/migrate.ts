import { ConfigValidationError, loadConfig } from '@sluice/config';
import { DatabaseUnavailableError, prepareDatabase } from '@sluice/database';

/**
 * `npm run migrate`: creates the database if missing and runs pending migrations, once — what the
 * Kubernetes `sluice-migrate` Job runs before the Deployments roll, so app pods can start with
 * MIGRATION_ENABLED=false. Safe to run concurrently (an advisory lock serialises runs).
 */
async function main(): Promise<number> {
  let cfg;
  try {
    cfg = loadConfig();
  } catch (err) {
    if (err instanceof ConfigValidationError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  try {
    const ran = await prepareDatabase(cfg.databaseUrl);
    console.log(ran.length ? `Migrations applied: ${ran.join(', ')}` : 'The database schema is up to date.');
    return 0;
  } catch (err) {
    if (err instanceof DatabaseUnavailableError) {
      console.error(`${err.message}\n  ${err.hint}`);
      return 1;
    }
    console.error(`Migration failed: ${(err as Error)?.message ?? err}`);
    return 1;
  }
}

main().then((code) => process.exit(code));
