/** A multipart upload the gateway has written to storage under a server-chosen key; the owning service records it in upload_files. */
export interface StoredUpload {
  storageKey: string;
  name: string;
  size: number;
  extension: string;
  mimeType: string;
  sha256: string;
}
