import type { SluiceConfig } from './app-config';

/**
 * Injection handle for the validated configuration. A class (not a string token) so that
 * constructors can ask for it by type and tests can pass a plain object.
 */
export abstract class AppConfig {
  static readonly token = 'SLUICE_CONFIG';
}
export interface AppConfig extends SluiceConfig {}
