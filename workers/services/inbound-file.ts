// Where an inbound WhatsApp file's bytes go once downloaded: into R2 under the type the bytes prove (the
// customer's phone and the provider only claim one), with the customer's file name for the download, and
// the settled attachment the conversation shows (kind corrected when the bytes are not what was announced).
import type { Attachment } from '../contract';
import type { MediaDownloadJob } from '../env';
import { cleanFilename } from './attachment-types';
import { kindForType, sniffMimeType } from './file-sniff';

export async function storeInboundFile(
  bucket: R2Bucket,
  key: string,
  job: MediaDownloadJob,
  bytes: ArrayBuffer,
  claimedType: string | null,
): Promise<Attachment> {
  const mimeType = sniffMimeType(bytes, claimedType || job.mimeType);
  const filename = cleanFilename(job.filename ?? undefined);
  await bucket.put(key, bytes, {
    httpMetadata: { contentType: mimeType },
    customMetadata: filename ? { filename } : {},
  });
  return {
    kind: kindForType(job.kind, mimeType),
    mimeType,
    filename,
    size: bytes.byteLength,
    key,
    state: 'ready',
  };
}
