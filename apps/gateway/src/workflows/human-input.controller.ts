import { Controller, Get, Post, UseGuards } from '@nestjs/common';
import { AppKeyGuard } from '../auth/app-key.guard';
import { NotServedService } from '../common/not-served.service';

/** Dify's human-input forms of paused chatflows: routed so clients get a clear 501, not a 404. */
@Controller('v1/form/human_input')
@UseGuards(AppKeyGuard)
export class HumanInputController {
  constructor(private readonly notServed: NotServedService) {}

  @Get(':form_token')
  form() {
    return this.notServed.humanInput();
  }

  @Post(':form_token')
  submit() {
    return this.notServed.humanInput();
  }
}
