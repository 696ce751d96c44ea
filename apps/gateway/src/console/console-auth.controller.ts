import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ConsoleAuthService } from './console-auth.service';

@Controller('console/api')
export class ConsoleAuthController {
  constructor(private readonly auth: ConsoleAuthService) {}

  @Get('setup')
  status() {
    return this.auth.setupStatus();
  }

  @Post('setup')
  @HttpCode(201)
  setup(@Body() body: unknown) {
    return this.auth.setup(body);
  }

  @Post('login')
  @HttpCode(200)
  login(@Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    return this.auth.login(body, res);
  }

  @Post('refresh-token')
  @HttpCode(200)
  refresh(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.auth.refresh(body, req, res);
  }

  @Post('logout')
  @HttpCode(200)
  logout(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.auth.logout(req, res);
  }

  @Get('logout')
  logoutGet(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.auth.logout(req, res);
  }
}
