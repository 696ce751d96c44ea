export * from './entities';
export * from './migrations';
export * from './database.errors';
export * from './database.module';
export * from './prepare-database';
export * from './end-user.repository';
export * from './upload-files.repository';
