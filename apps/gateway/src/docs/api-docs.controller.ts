import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiDocsService } from './api-docs.service';

/** The API document (`/openapi.json`, `/openapi.yaml`) and an interactive page (`/docs`), public like Dify's docs. */
@Controller()
export class ApiDocsController {
  constructor(private readonly docs: ApiDocsService) {}

  @Get('openapi.json')
  @Header('Content-Type', 'application/json; charset=utf-8')
  json() {
    return this.docs.openapiJson();
  }

  @Get('openapi.yaml')
  @Header('Content-Type', 'application/yaml; charset=utf-8')
  yaml() {
    return this.docs.openapiYaml();
  }

  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  page() {
    return this.docs.page();
  }

  @Get('docs/:asset')
  asset(@Param('asset') name: string, @Res() res: Response) {
    const a = this.docs.asset(name);
    res.type(a.type).setHeader('Cache-Control', 'public, max-age=86400');
    res.send(a.body);
  }
}
