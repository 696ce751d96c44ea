import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CallerIdentity, Patterns, StoredUpload } from '@sluice/contracts';
import { AudioService } from './audio.service';

@Controller()
export class AudioController {
  constructor(private readonly audio: AudioService) {}

  @MessagePattern(Patterns.chat.audioToText)
  toText(@Payload() p: { caller: CallerIdentity; upload: StoredUpload }) {
    return this.audio.transcribe(p.caller, p.upload);
  }

  @MessagePattern(Patterns.chat.textToAudio)
  toSpeech(@Payload() p: { caller: CallerIdentity; body: unknown }) {
    return this.audio.speak(p.caller, p.body);
  }
}
