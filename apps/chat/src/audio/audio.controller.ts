import { Controller } from '@nestjs/common';
import { ChatContracts, ContractPayloadOf } from '@sluice/contracts';
import { ContractPayload, HandlesContract } from '@sluice/transport';
import { AudioService } from './audio.service';

@Controller()
export class AudioController {
  constructor(private readonly audio: AudioService) {}

  @HandlesContract(ChatContracts.audioToText)
  toText(@ContractPayload(ChatContracts.audioToText) p: ContractPayloadOf<typeof ChatContracts.audioToText>) {
    return this.audio.transcribe(p.caller, p.upload);
  }

  @HandlesContract(ChatContracts.textToAudio)
  toSpeech(@ContractPayload(ChatContracts.textToAudio) p: ContractPayloadOf<typeof ChatContracts.textToAudio>) {
    return this.audio.speak(p.caller, p.body);
  }
}
