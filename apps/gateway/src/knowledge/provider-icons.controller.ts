import { Controller, Get, Header, Param } from '@nestjs/common';
import { Access } from '../auth/access.decorator';
import { ProviderIconsService } from './provider-icons.service';

/** The model provider icons that `models/model-types/{type}` links to (no session needed, as in Dify). */
@Controller('console/api/workspaces/:tenant_id/model-providers/:provider')
@Access('public')
export class ProviderIconsController {
  constructor(private readonly icons: ProviderIconsService) {}

  @Get(':icon_type/:lang')
  @Header('Content-Type', 'image/svg+xml')
  @Header('Cache-Control', 'public, max-age=86400')
  icon(@Param('provider') provider: string, @Param('icon_type') iconType: string) {
    return this.icons.svg(provider, iconType);
  }
}
