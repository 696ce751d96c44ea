import { Module } from '@nestjs/common';
import { FileStorage } from './file-storage';

/** Files under DATA_DIR; imported by the modules that read or write them (not global). */
@Module({ providers: [FileStorage], exports: [FileStorage] })
export class StorageModule {}
