// Delivers Cloud API webhooks to the worker: customer messages (single, repeated, batched) and status
// updates, each signed over the exact bytes posted. Also the dev-mode auto statuses for accepted sends.
import type { SimContext } from './context';
import { metaHeaders, metaJson } from './meta-signing';
import { buildMessage, envelope, statusObject } from './meta-webhooks';
import { sleep } from './timing';
import type {
  BatchResult,
  InboundInput,
  InboundResult,
  SentRecord,
  StatusUpdate,
  WebhookResult,
} from './types';
import { postToWorker, WorkerNotSetError } from './worker-client';

const WEBHOOK_PATH = '/webhooks/whatsapp';

async function postMeta(ctx: SimContext, payload: unknown): Promise<WebhookResult & { raw: string }> {
  const raw = metaJson(payload);
  const result = await postToWorker(ctx, WEBHOOK_PATH, raw, metaHeaders(ctx.appSecret, raw));
  return { ...result, raw };
}

export async function sendInbound(ctx: SimContext, input: InboundInput): Promise<InboundResult> {
  const built = buildMessage(ctx, input);
  const payload = envelope(ctx, [{ phoneNumberId: input.phoneNumberId, messages: [built] }]);
  const raw = metaJson(payload);
  const headers = metaHeaders(ctx.appSecret, raw);
  const statuses: number[] = [];
  let last: WebhookResult = { status: 0, body: '' };
  // Retries resend the very same bytes, as Meta does.
  for (let i = 0; i < Math.max(1, input.repeat ?? 1); i++) {
    last = await postToWorker(ctx, WEBHOOK_PATH, raw, headers);
    statuses.push(last.status);
  }
  ctx.state.inboundLog.push({
    at: Date.now(),
    address: input.phoneNumberId,
    from: input.from,
    type: built.type,
    text: built.text,
    externalId: built.externalId,
    status: last.status,
  });
  return { ...last, externalId: built.externalId, payload, statuses };
}

export async function sendInboundBatch(
  ctx: SimContext,
  entries: { phoneNumberId: string; messages: Omit<InboundInput, 'phoneNumberId'>[] }[],
): Promise<BatchResult> {
  const groups = entries.map((e) => ({
    phoneNumberId: e.phoneNumberId,
    messages: e.messages.map((m) => buildMessage(ctx, { ...m, phoneNumberId: e.phoneNumberId })),
  }));
  const payload = envelope(ctx, groups);
  const result = await postMeta(ctx, payload);
  const externalIds = groups.flatMap((g) => g.messages.map((m) => m.externalId));
  return { status: result.status, body: result.body, externalIds, payload };
}

export async function sendStatuses(
  ctx: SimContext,
  phoneNumberId: string,
  updates: StatusUpdate[],
): Promise<WebhookResult> {
  const payload = envelope(ctx, [{ phoneNumberId, statuses: updates.map(statusObject) }]);
  const result = await postMeta(ctx, payload);
  for (const u of updates) ctx.state.markDelivery(u.externalId, u.status);
  return { status: result.status, body: result.body };
}

/** Dev mode: sent → delivered → read for an accepted Cloud send, spaced by autoStatusDelayMs. */
export async function autoStatuses(ctx: SimContext, record: SentRecord): Promise<void> {
  for (const status of ['sent', 'delivered', 'read'] as const) {
    await sleep(ctx.autoStatusDelayMs, ctx.signal);
    if (ctx.signal.aborted) return;
    const update = {
      externalId: record.externalId,
      status,
      recipient: record.to,
      reference: record.reference,
    };
    try {
      await sendStatuses(ctx, record.address, [update]);
    } catch (err) {
      // The worker may be restarting in dev; the status still shows on the dev page.
      ctx.state.markDelivery(record.externalId, status);
      const quiet = ctx.signal.aborted || err instanceof WorkerNotSetError;
      if (!quiet) console.warn(`[whatsapp-sim] status webhook failed: ${String(err)}`);
    }
  }
}
