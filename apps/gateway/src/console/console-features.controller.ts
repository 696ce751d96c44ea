import { Controller, Get, UseGuards } from '@nestjs/common';
import { SessionGuard } from '../auth/session.guard';
import { ConsoleFeaturesService } from './console-features.service';

/** Dify's edition flags and upload limits, as its web frontend reads them. */
@Controller('console/api')
export class ConsoleFeaturesController {
  constructor(private readonly features: ConsoleFeaturesService) {}

  /** Read before sign-in (the login page asks which methods exist), so no session. */
  @Get('system-features')
  systemFeatures() {
    return this.features.systemFeatures();
  }

  @Get('features')
  @UseGuards(SessionGuard)
  workspaceFeatures() {
    return this.features.features();
  }

  @Get('files/upload')
  @UseGuards(SessionGuard)
  uploadConfig() {
    return this.features.uploadConfig();
  }
}
