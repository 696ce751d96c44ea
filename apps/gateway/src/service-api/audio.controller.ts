import { Body, Controller, HttpCode, Post, Res, UploadedFiles, UseGuards, UseInterceptors } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { AppKeyGuard } from '../auth/app-key.guard';
import { AppKey } from '../auth/request-context.decorators';
import { AppKeyContext, serviceCaller } from '../common/caller';
import { ClientInput } from '../common/client-input';
import { AUDIO_LIMIT, AudioService } from './audio.service';

/** Speech to text and text to speech, for apps that enable them. */
@Controller('v1')
@UseGuards(AppKeyGuard)
export class AudioController {
  constructor(private readonly audio: AudioService) {}

  @Post('audio-to-text')
  @HttpCode(200)
  // Dify's 30 MB for audio, not the general upload limit; multer stops reading one byte past it (413).
  @UseInterceptors(AnyFilesInterceptor({ limits: { fileSize: AUDIO_LIMIT + 1, files: 2 } }))
  toText(@AppKey() k: AppKeyContext, @UploadedFiles() files: Express.Multer.File[], @Body() body: ClientInput) {
    return this.audio.toText(serviceCaller(k, body?.user), files);
  }

  @Post('text-to-audio')
  toSpeech(@AppKey() k: AppKeyContext, @Body() body: ClientInput, @Res() res: Response) {
    return this.audio.toSpeech(serviceCaller(k, body?.user), body, res);
  }
}
