import { Controller } from '@nestjs/common';
import { CallerIdentity, ChatContracts, ContractPayloadOf, StoredUpload } from '@sluice/contracts';
import { AudioService } from './audio.service';
import { ContractPayload, HandlesContract } from '@sluice/transport';

@Controller()
export class AudioController {
  constructor(private readonly audio: AudioService) {}

  @HandlesContract(ChatContracts.audioToText)
  toText(@ContractPayload(ChatContracts.audioToText) p: { caller: CallerIdentity; upload: StoredUpload }) {
    return this.audio.transcribe(p.caller, p.upload);
  }

  @HandlesContract(ChatContracts.textToAudio)
  toSpeech(@ContractPayload(ChatContracts.textToAudio) p: ContractPayloadOf<typeof ChatContracts.textToAudio>) {
    return this.audio.speak(p.caller, p.body);
  }
}
