import { Module } from '@nestjs/common';

/** Knowledge API routes (/v1/datasets…, /console/api/datasets…): filled by the knowledge issue. */
@Module({})
export class KnowledgeModule {}
