import { Module } from '@nestjs/common';

/** Workflow routes (/v1/workflows…, /console/api/apps/{id}/workflows…): filled by the workflow issue. */
@Module({})
export class WorkflowsModule {}
