import { Module } from '@nestjs/common';

/** BullMQ processors for parse → clean → split → embed → index arrive with the knowledge issue. */
@Module({})
export class IngestWorkerModule {}
