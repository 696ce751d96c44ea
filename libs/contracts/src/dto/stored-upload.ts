/** A multipart upload the gateway has written to storage under a server-chosen key; the owning service records it in upload_files. */
export interface StoredUpload {
  storageKey: string;
  name: string;
  size: number;
  extension: string;
  mimeType: string;
  sha256: string;
}

/** Where a stored upload is, as the chat service answers `chat.files.describe`. */
export interface FileLocation {
  storage_key: string;
  name: string;
  mime_type: string;
  size: number;
}

/** Synthesized speech, as the chat service answers `chat.audio.to-speech` (base64: the transport carries JSON). */
export interface SpeechReply {
  mime_type: string;
  audio: string;
}
