import { Controller, Get } from '@nestjs/common';
import { Access } from '../auth/access.decorator';
import { ConsoleFeaturesService } from './console-features.service';

/** Dify's edition flags and upload limits, as its web frontend reads them. */
@Controller('console/api')
export class ConsoleFeaturesController {
  constructor(private readonly features: ConsoleFeaturesService) {}

  /** Read before sign-in (the login page asks which methods exist), so no session. */
  @Access('public')
  @Get('system-features')
  systemFeatures() {
    return this.features.systemFeatures();
  }

  @Access('member')
  @Get('features')
  workspaceFeatures() {
    return this.features.features();
  }

  @Access('member')
  @Get('files/upload')
  uploadConfig() {
    return this.features.uploadConfig();
  }
}
