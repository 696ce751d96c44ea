import { extname } from 'node:path';
import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import {
  AudioTooLargeError,
  CallerIdentity,
  ChatContracts,
  NoAudioUploadedError,
  SpeechReply,
  TooManyFilesError,
  UnsupportedAudioTypeError,
} from '@sluice/contracts';
import { FileStorage } from '@sluice/storage';
import { ServiceProxy } from '../common/service-proxy';

/** Dify's audio formats and its 30 MB limit. */
const AUDIO_EXTENSIONS = new Set(['mp3', 'mp4', 'mpeg', 'mpga', 'm4a', 'wav', 'webm', 'amr']);
export const AUDIO_LIMIT = 30 * 1024 * 1024;

/**
 * `/audio-to-text`: the audio is checked, written to storage and handed to the chat service by key
 * (not through Redis); `/text-to-audio`: the chat service's MP3 is sent as the response body.
 */
@Injectable()
export class AudioService {
  constructor(
    private readonly storage: FileStorage,
    private readonly proxy: ServiceProxy,
  ) {}

  async toText(caller: CallerIdentity, files: Express.Multer.File[] | undefined) {
    const f = files?.find((x) => x.fieldname === 'file');
    if (!f) throw new NoAudioUploadedError();
    if (files!.length > 1) throw new TooManyFilesError();
    if (f.size > AUDIO_LIMIT) throw new AudioTooLargeError(`Audio size larger than 30 MB: ${f.size} bytes.`);
    const name = Buffer.from(f.originalname, 'latin1').toString('utf8').replace(/[\\/]/g, '_').slice(0, 255);
    const ext = extname(name).slice(1).toLowerCase();
    if (!AUDIO_EXTENSIONS.has(ext)) throw new UnsupportedAudioTypeError(`Audio type not allowed: ${ext ? '.' + ext : 'no extension'}.`);
    const storageKey = this.storage.newKey('audio', caller.tenantId, ext);
    const { size, sha256 } = await this.storage.save(storageKey, f.buffer);
    return this.proxy.call(ChatContracts.audioToText, { caller, upload: { storageKey, name, size, extension: ext, mimeType: f.mimetype, sha256 } });
  }

  async toSpeech(caller: CallerIdentity, body: unknown, res: Response): Promise<void> {
    const out = await this.proxy.call(ChatContracts.textToAudio, { caller, body });
    res.status(200).type(out.mime_type).send(Buffer.from(out.audio, 'base64'));
  }
}
