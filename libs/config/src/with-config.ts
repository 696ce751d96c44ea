import { DynamicModule, Module, Type } from '@nestjs/common';
import type { SluiceConfig } from './app-config';
import { ConfigModule } from './config.module';

@Module({})
class SluiceRootModule {}

/** The root module of one app: the validated config, made global, plus the app's own module. */
export function withConfig(config: SluiceConfig, feature: Type<unknown> | DynamicModule): DynamicModule {
  return { module: SluiceRootModule, imports: [ConfigModule.forRoot(config), feature] };
}
