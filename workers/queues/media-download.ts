// The media queue's consumer: copies an inbound WhatsApp file from the provider into R2 and tells the
// conversation, which appends a message.attachment event (ready, or failed with the reason). Temporary
// failures retry with growing delays; the queue's dead-letter consumer marks what never succeeded.
import { INBOUND_MEDIA_MAX_BYTES } from '../channels/media-limits';
import { createTransport } from '../channels/transport';
import { type Attachment, cleanText, clipText } from '../contract';
import type { Env, MediaDownloadJob } from '../env';
import { loadChannelRuntime } from '../services/channel-config';
import { conversationObjectName } from '../services/conversation-names';
import { storeInboundFile } from '../services/inbound-file';
import { errorFields, log } from '../services/log';

export const MEDIA_QUEUE = 'fio-media-downloads';
export const MEDIA_DEAD_LETTER_QUEUE = 'fio-media-downloads-dead';
/** Matches max_retries in wrangler.toml: the last attempt reports failure itself instead of dead-lettering. */
const MAX_ATTEMPTS = 9;
/** Media ids expire after 7 days; files are kept small enough for a Worker (WhatsApp caps at 100 MB). */
const MAX_DELAY_SECONDS = 300;
/** Per request (media lookup, then the file with its redirects): a 100 MB document needs more than 10 s. */
const DOWNLOAD_TIMEOUT_MS = 120_000;

export function mediaKey(job: MediaDownloadJob): string {
  return `${job.tenantId}/${job.conversationId}/inbound/${job.messageSeq}`;
}

export async function consumeMediaBatch(batch: MessageBatch<MediaDownloadJob>, env: Env): Promise<void> {
  const deadLetters = batch.queue === MEDIA_DEAD_LETTER_QUEUE;
  for (const msg of batch.messages) {
    try {
      if (deadLetters) await settle(env, msg.body, failed(msg.body, 'download kept failing'));
      else await download(env, msg);
      msg.ack();
    } catch (err) {
      log('warn', 'media download step failed; will retry', {
        ...msg.body,
        attempts: msg.attempts,
        ...errorFields(err),
      });
      msg.retry({ delaySeconds: delayFor(msg.attempts) });
    }
  }
}

async function download(env: Env, msg: Message<MediaDownloadJob>): Promise<void> {
  const job = msg.body;
  const channel = await loadChannelRuntime(env, job.tenantId, job.channelId);
  if (!channel) {
    await settle(env, job, failed(job, 'the WhatsApp number was removed'));
    return;
  }
  // Only the provider's own origin is fetched, at most WhatsApp's limit for the kind; a refusal (logged by
  // the transport with the channel and origin) or an oversize file is not retryable, so it fails at once.
  const transport = createTransport(channel.config, { timeoutMs: DOWNLOAD_TIMEOUT_MS });
  const result = await transport.downloadMedia(job.mediaId, INBOUND_MEDIA_MAX_BYTES[job.kind]);
  if (!result.ok) {
    if (result.retryable && msg.attempts < MAX_ATTEMPTS) throw new Error(result.reason);
    await settle(env, job, failed(job, result.reason));
    return;
  }
  const key = mediaKey(job);
  const stored = await storeInboundFile(env.MEDIA, key, job, result.media.bytes, result.media.mimeType);
  if (!(await settle(env, job, stored))) {
    // The contact was erased (LGPD) while the file was on its way: it is not kept.
    await env.MEDIA.delete(key);
    return;
  }
  log('info', 'media stored', { ...job, key, bytes: stored.size, sniffed: stored.mimeType });
}

function failed(job: MediaDownloadJob, reason: string): Attachment {
  return {
    kind: job.kind,
    mimeType: job.mimeType,
    filename: job.filename,
    size: null,
    key: null,
    state: 'failed',
    error: clipText(cleanText(reason), 500),
  };
}

/** False when the conversation's contact was erased (nothing was recorded). */
async function settle(env: Env, job: MediaDownloadJob, attachment: Attachment): Promise<boolean> {
  const ref = { tenantId: job.tenantId, conversationId: job.conversationId };
  const stub = env.CONVERSATIONS.getByName(conversationObjectName(job.tenantId, job.conversationId));
  return (await stub.settleAttachment(ref, job.messageSeq, attachment)) !== 'erased';
}

function delayFor(attempts: number): number {
  return Math.min(MAX_DELAY_SECONDS, 2 ** Math.max(0, attempts - 1));
}
