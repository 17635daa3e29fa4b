// The WhatsApp Cloud API client: sends text, templates and media (uploaded first), reads the phone number (its
// health, and the proof that a token owns it), downloads webhook media and lists templates. Graph errors become
// failed outcomes (graph-errors.ts); nothing here throws for provider or network trouble.
import { z } from 'zod';
import {
  call,
  downloadUrl,
  type FailedSend,
  type Http,
  isSuccess,
  type MediaResult,
  type Reply,
  readJson,
  sameOrigin,
  trimBase,
  type Unreached,
  unexpectedAnswer,
  unreachable,
  unreachedHealth,
  unreachedMedia,
} from '../http';
import { cloudInteractive } from '../interactive-bodies';
import { ANY_MEDIA_MAX_BYTES } from '../media-limits';
import type {
  ChannelConfig,
  ChannelTransport,
  HealthCheck,
  OutboundContent,
  OutboundRequest,
  SendOutcome,
  TemplateInfo,
} from '../outbound';
import { classifyGraphError, graphErrorOf } from './graph-errors';

type CloudConfig = Extract<ChannelConfig, { kind: 'whatsapp_cloud' }>;
type MediaContent = Extract<OutboundContent, { kind: 'media' }>;

const Sent = z.looseObject({ messages: z.array(z.looseObject({ id: z.string().min(1) })).min(1) });
const Uploaded = z.looseObject({ id: z.string().min(1) });
const MediaMeta = z.looseObject({ url: z.string().min(1), mime_type: z.string().optional() });
const PhoneNumber = z.looseObject({
  id: z.string().optional(),
  display_phone_number: z.string().optional(),
  verified_name: z.string().optional(),
  quality_rating: z.string().optional(),
});
/** Asked for explicitly: `id` is what proves the answer is about the number we asked for. */
const PHONE_NUMBER_FIELDS = 'id,display_phone_number,verified_name,quality_rating';

/** What Graph says about a phone number id with this token: the number, a refusal, or no answer at all. */
export type PhoneNumberLookup =
  | {
      ok: true;
      /** The id Graph answered for (null when it named none). */
      id: string | null;
      displayPhoneNumber: string | null;
      verifiedName: string | null;
      qualityRating: string | null;
    }
  | { ok: false; reached: false; detail: string; reply: Unreached }
  | { ok: false; reached: true; status: number; failure: FailedSend };
const Template = z.looseObject({
  name: z.string(),
  language: z.string(),
  status: z.string(),
  category: z.string().optional(),
  components: z.array(z.unknown()).optional(),
});
const TemplatePage = z.looseObject({
  data: z.array(z.unknown()),
  paging: z.looseObject({ next: z.string().optional() }).optional(),
});
const BodyComponent = z.looseObject({ type: z.string().regex(/^body$/i), text: z.string() });

/** Pages of templates followed at most: 2,000 templates is far beyond any ISP's catalogue. */
const MAX_TEMPLATE_PAGES = 20;

function bodyOf(content: Exclude<OutboundContent, MediaContent>): Record<string, unknown> {
  if (content.kind === 'text') return { type: 'text', text: { body: content.text, preview_url: false } };
  if (content.kind === 'interactive') return cloudInteractive(content.interactive);
  const parameters = content.parameters.map((text) => ({ type: 'text', text }));
  return {
    type: 'template',
    template: {
      name: content.name,
      language: { code: content.language },
      ...(parameters.length > 0 ? { components: [{ type: 'body', parameters }] } : {}),
    },
  };
}

function mediaBodyOf(content: MediaContent, id: string): Record<string, unknown> {
  const kind = content.mediaKind;
  return {
    type: kind,
    [kind]: {
      id,
      // Graph refuses a caption on audio and a filename on anything but documents.
      ...(content.caption && kind !== 'audio' ? { caption: content.caption } : {}),
      ...(content.filename && kind === 'document' ? { filename: content.filename } : {}),
    },
  };
}

function graphClient(config: CloudConfig, http: Http) {
  const base = `${trimBase(config.apiBase)}/${config.apiVersion}`;
  const auth = { Authorization: `Bearer ${config.accessToken}` };
  const graph = (url: string, init: RequestInit = {}): Promise<Reply<unknown>> =>
    call(http, url, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } }, readJson);
  return { base, auth, graph };
}

/** GET /{phone_number_id} with the channel's token: the number as Graph knows it to this token. */
export async function lookupPhoneNumber(config: CloudConfig, http: Http): Promise<PhoneNumberLookup> {
  const { base, graph } = graphClient(config, http);
  const reply = await graph(`${base}/${config.phoneNumberId}?fields=${PHONE_NUMBER_FIELDS}`);
  if (!reply.reached) return { ok: false, reached: false, detail: `${reply.title}: ${reply.detail}`, reply };
  if (!isSuccess(reply.status)) {
    const failure = classifyGraphError(reply.status, reply.body, reply.headers);
    return { ok: false, reached: true, status: reply.status, failure };
  }
  const parsed = PhoneNumber.safeParse(reply.body);
  const n = parsed.success ? parsed.data : {};
  return {
    ok: true,
    id: n.id ?? null,
    displayPhoneNumber: n.display_phone_number ?? null,
    verifiedName: n.verified_name ?? null,
    qualityRating: n.quality_rating ?? null,
  };
}

export function createCloudTransport(config: CloudConfig, http: Http): ChannelTransport {
  const { base, auth, graph } = graphClient(config, http);

  async function upload(content: MediaContent): Promise<{ id: string } | FailedSend> {
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('type', content.mimeType);
    const file = new Blob([content.bytes], { type: content.mimeType });
    form.append('file', file, content.filename ?? content.mediaKind);
    const reply = await graph(`${base}/${config.phoneNumberId}/media`, { method: 'POST', body: form });
    if (!reply.reached) return unreachable(reply);
    if (!isSuccess(reply.status)) return classifyGraphError(reply.status, reply.body, reply.headers);
    const parsed = Uploaded.safeParse(reply.body);
    return parsed.success ? { id: parsed.data.id } : unexpectedAnswer('media upload answered without an id');
  }

  async function send(request: OutboundRequest): Promise<SendOutcome> {
    const { content } = request;
    if (!request.to && !request.userId) return unexpectedAnswer('conversation has no customer address');
    let body: Record<string, unknown>;
    if (content.kind === 'media') {
      const uploaded = await upload(content);
      if (!('id' in uploaded)) return uploaded;
      body = mediaBodyOf(content, uploaded.id);
    } else {
      body = bodyOf(content);
    }
    const reply = await graph(`${base}/${config.phoneNumberId}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        // A customer known only by their business-scoped user id is addressed by `recipient` (Graph
        // ignores it when `to` is present, so a number always wins).
        ...(request.to ? { to: request.to } : { recipient: request.userId }),
        ...body,
        ...(request.reference ? { biz_opaque_callback_data: request.reference } : {}),
      }),
    });
    if (!reply.reached) return unreachable(reply);
    if (!isSuccess(reply.status)) return classifyGraphError(reply.status, reply.body, reply.headers);
    const parsed = Sent.safeParse(reply.body);
    return parsed.success
      ? { ok: true, externalId: parsed.data.messages[0]?.id ?? '' }
      : unexpectedAnswer('send answered without a message id');
  }

  async function markRead(externalId: string, typing: boolean): Promise<boolean> {
    const reply = await graph(`${base}/${config.phoneNumberId}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        status: 'read',
        message_id: externalId,
        ...(typing ? { typing_indicator: { type: 'text' } } : {}),
      }),
    });
    return reply.reached && isSuccess(reply.status);
  }

  async function checkHealth(): Promise<HealthCheck> {
    const n = await lookupPhoneNumber(config, http);
    if (!n.ok && !n.reached) return unreachedHealth(http, n.reply);
    if (!n.ok) {
      const code = n.failure.code === null ? '' : ` (code ${n.failure.code})`;
      return { ok: false, tokenValid: !n.failure.tokenInvalid, detail: `${n.failure.title}${code}` };
    }
    const parts = [n.verifiedName, n.displayPhoneNumber, n.qualityRating && `quality ${n.qualityRating}`];
    return { ok: true, tokenValid: true, detail: parts.filter(Boolean).join(', ') || 'ok' };
  }

  async function downloadMedia(mediaId: string, maxBytes = ANY_MEDIA_MAX_BYTES): Promise<MediaResult> {
    const reply = await graph(`${base}/${encodeURIComponent(mediaId)}`);
    if (!reply.reached) return unreachedMedia(reply, `resolving media ${mediaId}`);
    if (!isSuccess(reply.status)) {
      const { retryable } = classifyGraphError(reply.status, reply.body, reply.headers);
      const { code, title } = graphErrorOf(reply.status, reply.body);
      const reason = `HTTP ${reply.status} resolving media ${mediaId}: ${title}${code === null ? '' : ` (code ${code})`}`;
      return { ok: false, retryable, reason };
    }
    const meta = MediaMeta.safeParse(reply.body);
    if (!meta.success) return { ok: false, retryable: false, reason: `media ${mediaId} has no download url` };
    // The URL is Meta's CDN (lookaside.fbsbx.com), which still wants the Bearer token; a URL on any other
    // origin than the Graph API's or Meta's media host is refused (egress), so the token goes nowhere else.
    const downloaded = await downloadUrl(http, meta.data.url, auth, maxBytes);
    if (!downloaded.ok || !meta.data.mime_type) return downloaded;
    return { ok: true, media: { ...downloaded.media, mimeType: meta.data.mime_type } };
  }

  async function listTemplates(): Promise<
    { ok: true; templates: TemplateInfo[] } | { ok: false; reason: string }
  > {
    const templates: TemplateInfo[] = [];
    let url: string | null = `${base}/${config.wabaId}/message_templates?limit=100`;
    for (let page = 0; url && page < MAX_TEMPLATE_PAGES; page++) {
      const reply: Reply<unknown> = await graph(url);
      if (!reply.reached) return { ok: false, reason: 'the Graph API could not be reached' };
      if (!isSuccess(reply.status)) {
        const error = classifyGraphError(reply.status, reply.body, new Headers());
        return { ok: false, reason: error.ok ? `HTTP ${reply.status}` : error.title };
      }
      const parsed = TemplatePage.safeParse(reply.body);
      if (!parsed.success)
        return { ok: false, reason: 'the Graph API answered with an unexpected template list' };
      for (const raw of parsed.data.data) {
        const t = Template.safeParse(raw);
        if (!t.success) continue;
        const components = t.data.components ?? [];
        const body = components.map((c) => BodyComponent.safeParse(c)).find((c) => c.success);
        templates.push({
          name: t.data.name,
          language: t.data.language,
          status: t.data.status,
          category: t.data.category ?? null,
          body: body?.data?.text ?? null,
          components,
        });
      }
      const next = parsed.data.paging?.next;
      // The token goes with every page: follow only links back to the Graph host we were configured with.
      url = next && sameOrigin(next, config.apiBase) ? next : null;
    }
    return { ok: true, templates };
  }

  return { send, markRead, checkHealth, downloadMedia, listTemplates };
}
