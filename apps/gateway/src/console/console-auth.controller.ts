import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access } from '../auth/access.decorator';
import { ConsoleAuthService } from './console-auth.service';
import { TeamsService } from './teams.service';

/** Routes used before there is a session: setup, login, registration, activation, password reset. */
@Controller('console/api')
@Access('public')
export class ConsoleAuthController {
  constructor(
    private readonly auth: ConsoleAuthService,
    private readonly teams: TeamsService,
  ) {}

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

  @Post('register')
  @HttpCode(200)
  register(@Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    return this.auth.register(body, res);
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

  @Post('forgot-password')
  @HttpCode(200)
  forgotPassword(@Body() body: unknown) {
    return this.teams.forgotPassword(body);
  }

  @Post('forgot-password/validity')
  @HttpCode(200)
  resetCheck(@Body() body: unknown, @Req() req: Request) {
    return this.teams.resetCheck(body, req);
  }

  @Post('forgot-password/resets')
  @HttpCode(200)
  reset(@Body() body: unknown, @Req() req: Request) {
    return this.teams.reset(body, req);
  }

  @Get('activate/check')
  activateCheck(@Query() query: unknown, @Req() req: Request) {
    return this.teams.activateCheck(query, req);
  }

  @Post('activate')
  @HttpCode(200)
  activate(@Body() body: unknown, @Req() req: Request) {
    return this.teams.activate(body, req);
  }
}
