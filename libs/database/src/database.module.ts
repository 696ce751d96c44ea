import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@sluice/config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** The TypeORM connection of one app. Migrations are run by the launcher before apps start, never `synchronize`. */
@Module({})
export class DatabaseModule {
  static forRoot(opts: { poolSize?: number } = {}): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (cfg: AppConfig) => ({
            type: 'postgres' as const,
            url: cfg.databaseUrl,
            entities: ENTITIES,
            migrations: MIGRATIONS,
            synchronize: false,
            migrationsRun: false,
            logging: false,
            extra: { max: opts.poolSize ?? 10, connectionTimeoutMillis: 5000 },
          }),
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
