/** A file's bytes with the name and type a node needs, wherever they came from (an upload or a URL). */
export interface StoredFile {
  buffer: Buffer;
  filename: string;
  mimeType: string;
}
