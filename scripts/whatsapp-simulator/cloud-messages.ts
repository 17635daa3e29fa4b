// POST /:version/:phoneNumberId/messages — the Cloud API send: auth, read receipts, injected faults, body
// validation, template and media checks; accepted sends are recorded and answered with a wamid.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { numberFor } from './cloud-auth';
import { autoStatuses } from './cloud-inbound';
import {
  bodyParameters,
  firstProblem,
  MEDIA_TYPES,
  type MediaType,
  mediaPart,
  ReadReceipt,
  SendBase,
  TemplatePart,
  TextPart,
} from './cloud-send-body';
import type { SimContext } from './context';
import { applyFault } from './faults';
import { type GraphError, invalidParameter, sendGraphError } from './graph-errors';
import { bearer, digits, isRecord, readJson, sendJson } from './http';
import { wamid } from './ids';
import { cloudInteractive } from './interactive-sends';
import { banErrorFor } from './number-ban';
import { expectedParams, renderTemplate } from './templates';
import type { CloudNumber, SentRecord } from './types';

type Accepted = Omit<
  SentRecord,
  'at' | 'provider' | 'address' | 'to' | 'externalId' | 'delivery' | 'reference'
>;

function templateSend(ctx: SimContext, number: CloudNumber, body: unknown): Accepted | GraphError {
  const parsed = TemplatePart.safeParse(body);
  if (!parsed.success) return invalidParameter(firstProblem(parsed.error));
  const { name, language } = parsed.data.template;
  const template = ctx.state
    .templatesFor(number.wabaId)
    .find((t) => t.name === name && t.language === language.code && (t.status ?? 'APPROVED') === 'APPROVED');
  if (!template) {
    const details = `template name (${name}) does not exist in ${language.code}`;
    return { status: 404, code: 132001, title: 'Template name does not exist in the translation', details };
  }
  const parameters = bodyParameters(parsed.data.template);
  const expected = expectedParams(template.body);
  if (parameters.length !== expected) {
    const details = `body: number of localizable_params (${parameters.length}) does not match the expected number of params (${expected})`;
    return {
      status: 400,
      code: 132000,
      title: 'Number of parameters does not match the expected number of params',
      details,
    };
  }
  const text = renderTemplate(template.body, parameters);
  return { type: 'template', text, template: { name, language: language.code, parameters } };
}

function mediaSend(ctx: SimContext, kind: MediaType, body: unknown): Accepted | GraphError {
  const parsed = mediaPart(kind).safeParse(body);
  if (!parsed.success) return invalidParameter(firstProblem(parsed.error));
  const part = parsed.data[kind] as { id: string; caption?: string; filename?: string };
  const stored = ctx.state.media.get(part.id);
  if (!stored) {
    const details = `Downloading media from WhatsApp failed: media id ${part.id} not found`;
    return { status: 400, code: 131053, title: 'Media upload error', details };
  }
  const filename = part.filename ?? stored.filename;
  const media = { kind, mimeType: stored.mimeType, filename, size: stored.bytes.length };
  return { type: kind, text: part.caption ?? null, media };
}

function accept(ctx: SimContext, number: CloudNumber, type: string, body: unknown): Accepted | GraphError {
  if (type === 'text') {
    const parsed = TextPart.safeParse(body);
    if (!parsed.success) return invalidParameter(firstProblem(parsed.error));
    return { type, text: parsed.data.text.body };
  }
  if (type === 'template') return templateSend(ctx, number, body);
  if (type === 'interactive') {
    const interactive = cloudInteractive(body);
    if (typeof interactive === 'string') return invalidParameter(interactive);
    return { type, text: interactive.body, interactive };
  }
  if ((MEDIA_TYPES as readonly string[]).includes(type)) return mediaSend(ctx, type as MediaType, body);
  return invalidParameter(
    `Param type must be one of {text, template, interactive, ${MEDIA_TYPES.join(', ')}} in the simulator`,
  );
}

function readReceipt(ctx: SimContext, res: ServerResponse, address: string, body: unknown) {
  const parsed = ReadReceipt.safeParse(body);
  if (!parsed.success) return sendGraphError(res, invalidParameter(firstProblem(parsed.error)));
  const { message_id: messageId, typing_indicator: typing } = parsed.data;
  ctx.state.receipts.push({ at: Date.now(), address, messageId, typing: typing !== undefined });
  sendJson(res, 200, { success: true });
}

export async function cloudSend(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  phoneNumberId: string,
): Promise<void> {
  const at = Date.now();
  const body = await readJson(req);
  const fields = isRecord(body) ? body : {};
  const to = digits(typeof fields.to === 'string' ? fields.to : '');
  const type = typeof fields.type === 'string' ? fields.type : 'text';
  const reference =
    typeof fields.biz_opaque_callback_data === 'string' ? fields.biz_opaque_callback_data : null;
  const common = { at, provider: 'cloud' as const, address: phoneNumberId, to, type, text: null, reference };
  const record = (status: number) => ctx.state.recordAttempt({ ...common, externalId: null, status });
  const fail = (e: GraphError) => {
    record(e.status);
    sendGraphError(res, e);
  };
  const auth = numberFor(ctx.state, bearer(req), phoneNumberId, 'post');
  if ('error' in auth) return fail(auth.error);
  const { number } = auth;
  // Read receipts share the endpoint but are not sends: no fault, no record.
  if (fields.status === 'read') return readReceipt(ctx, res, phoneNumberId, body);
  const locked = banErrorFor(ctx, phoneNumberId);
  if (locked) return fail(locked);
  const fault = ctx.state.faults.take('send', phoneNumberId, to);
  if (fault && (await applyFault(res, fault, 'cloud', ctx.signal, record))) return;
  if (body === undefined) return fail(invalidParameter('Request body is not valid JSON'));
  const base = SendBase.safeParse(body);
  if (!base.success) return fail(invalidParameter(firstProblem(base.error)));
  const accepted = accept(ctx, number, base.data.type, body);
  if ('code' in accepted) return fail(accepted);
  const sent: SentRecord = { ...common, ...accepted, externalId: wamid(), delivery: null };
  ctx.state.recordAttempt({ ...common, ...accepted, externalId: sent.externalId, status: 200 });
  ctx.state.recordSend(sent);
  const message =
    accepted.type === 'template'
      ? { id: sent.externalId, message_status: 'accepted' }
      : { id: sent.externalId };
  sendJson(res, 200, {
    messaging_product: 'whatsapp',
    contacts: [{ input: base.data.to, wa_id: to }],
    messages: [message],
  });
  if (ctx.autoStatuses) void autoStatuses(ctx, sent);
}
