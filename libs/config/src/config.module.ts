import { DynamicModule, Global, Module } from '@nestjs/common';
import type { SluiceConfig } from './app-config';
import { AppConfig } from './app-config.provider';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: SluiceConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}
