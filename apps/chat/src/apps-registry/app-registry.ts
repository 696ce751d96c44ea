import { Injectable } from '@nestjs/common';
import { AppUnavailableError, AwaitingLookup, ModelConfig, NotFoundError, debugModelConfig, modelConfigSchema, parseAfterLookup } from '@sluice/contracts';
import { App } from '@sluice/database';
import { AppsRepository } from '@sluice/database';

export interface LoadedApp {
  app: App;
  config: ModelConfig | null;
}

const TTL_MS = 2_000;

/**
 * App + current model config, cached briefly: every generation needs them and they change rarely.
 * The short TTL bounds staleness across replicas; edits on this replica invalidate at once.
 */
@Injectable()
export class AppRegistry {
  private readonly cache = new Map<string, { at: number; value: Promise<LoadedApp> }>();

  constructor(private readonly repo: AppsRepository) {}

  get(appId: string): Promise<LoadedApp> {
    const hit = this.cache.get(appId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const value = this.load(appId);
    this.cache.set(appId, { at: Date.now(), value });
    value.catch(() => this.cache.delete(appId));
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value as string);
    return value;
  }

  invalidate(appId: string): void {
    this.cache.delete(appId);
  }

  private async load(appId: string): Promise<LoadedApp> {
    const app = await this.repo.findById(appId);
    if (!app) throw new NotFoundError('App not found.');
    const cfg = app.appModelConfigId ? await this.repo.configById(app.appModelConfigId) : null;
    return { app, config: (cfg?.config as ModelConfig) ?? null };
  }

  /** For generation routes: the app must exist, be enabled and have a model configured. */
  async getRunnable(appId: string): Promise<LoadedApp & { config: ModelConfig }> {
    const loaded = await this.get(appId);
    if (loaded.app.status !== 'normal' || !loaded.config?.model?.name) throw new AppUnavailableError();
    return loaded as LoadedApp & { config: ModelConfig };
  }

  /** The console preview of an unsaved config: the app must be runnable, the config valid as a saved one would be. */
  async withConfig(appId: string, raw: AwaitingLookup<typeof modelConfigSchema>): Promise<LoadedApp & { config: ModelConfig }> {
    const { app } = await this.get(appId);
    if (app.status !== 'normal') throw new AppUnavailableError();
    return { app, config: parseAfterLookup(debugModelConfig, raw) };
  }
}
