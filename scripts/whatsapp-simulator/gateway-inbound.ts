// Customer messages as the gateways deliver them: Evolution v2 "messages.upsert" envelopes and Uazapi
// "messages" events, posted to the worker's per-channel webhook with the gateway's auth header. Besides text
// and media: contact cards (vCard), locations, quoted replies and forwarded marks.
import type { SimContext } from './context';
import { gatewayMessageId } from './ids';
import { gatewayContacts } from './shared-content';
import type {
  ChoiceInput,
  EvolutionInboundInput,
  GatewayInboundMedia,
  InboundResult,
  UazapiInboundInput,
} from './types';
import { postToWorker } from './worker-client';

type Json = Record<string, unknown>;

const DEFAULT_OWNER = '5511900000000';

/** Stores the bytes under the message id (gateways fetch media by it) and returns a direct URL to them. */
function mediaUrl(
  ctx: SimContext,
  provider: 'evolution' | 'uazapi',
  address: string,
  messageId: string,
  m: GatewayInboundMedia,
) {
  const { bytes, mimeType, kind } = m;
  const filename = m.filename ?? null;
  const stored = ctx.state.storeMedia({ provider, address, bytes, mimeType, filename, messageId, kind });
  return `${ctx.baseUrl}/${provider}/media-download/${stored.id}`;
}

function headers(auth: Record<string, string>, webhookSecret: string | undefined): Record<string, string> {
  return webhookSecret ? { ...auth, 'x-fio-webhook-secret': webhookSecret } : auth;
}

/** Evolution's (Baileys') shape of a tap: the button's or row's id, its title and the message it answers. */
function evolutionChoice(c: ChoiceInput, replyTo: string | undefined) {
  const contextInfo = replyTo ? { stanzaId: replyTo, quotedMessage: {} } : undefined;
  if (c.kind === 'button') {
    const part = { selectedButtonId: c.id, selectedDisplayText: c.title, type: 1, contextInfo };
    return { message: { buttonsResponseMessage: part }, messageType: 'buttonsResponseMessage' };
  }
  const part = {
    title: c.title,
    listType: 'SINGLE_SELECT',
    singleSelectReply: { selectedRowId: c.id },
    ...(c.description ? { description: c.description } : {}),
    contextInfo,
  };
  return { message: { listResponseMessage: part }, messageType: 'listResponseMessage' };
}

/** A reply's quote and the forwarded mark, as Baileys puts them in contextInfo. */
function contextInfo(input: { replyTo?: string; forwarded?: boolean }): Json | null {
  if (!input.replyTo && !input.forwarded) return null;
  return {
    ...(input.replyTo ? { stanzaId: input.replyTo, participant: `${DEFAULT_OWNER}@s.whatsapp.net` } : {}),
    ...(input.forwarded ? { isForwarded: true, forwardingScore: 1 } : {}),
  };
}

function evolutionMessage(ctx: SimContext, input: EvolutionInboundInput, id: string) {
  if (input.choice) return evolutionChoice(input.choice, input.replyTo);
  const m = input.media;
  if (input.contacts?.length) {
    const { field, value } = gatewayContacts(input.contacts);
    return { message: { [field]: value }, messageType: field };
  }
  if (input.location) {
    const l = input.location;
    const location = {
      degreesLatitude: l.latitude,
      degreesLongitude: l.longitude,
      name: l.name,
      address: l.address,
    };
    return { message: { locationMessage: location }, messageType: 'locationMessage' };
  }
  if (!m) {
    // A quote or a forward needs the extended form; plain text is `conversation`.
    const context = contextInfo(input);
    return context
      ? {
          message: { extendedTextMessage: { text: input.text ?? '', contextInfo: context } },
          messageType: 'extendedTextMessage',
        }
      : { message: { conversation: input.text ?? '' }, messageType: 'conversation' };
  }
  const messageType = `${m.kind}Message`;
  const url = mediaUrl(ctx, 'evolution', input.instance, id, m);
  const part: Json = { url, mimetype: m.mimeType };
  if (m.kind === 'audio') part.ptt = m.voice ?? false;
  if (m.caption !== undefined) part.caption = m.caption;
  if (m.kind === 'document') part.fileName = m.filename ?? 'documento';
  const context = contextInfo(input);
  if (context) part.contextInfo = context;
  const message: Json = { [messageType]: part };
  // Evolution with S3 storage on adds its decrypted copy's URL; without it, media is fetched by message id.
  if (input.mediaUrl) message.mediaUrl = url;
  return { message, messageType };
}

export async function evolutionInbound(
  ctx: SimContext,
  input: EvolutionInboundInput,
): Promise<InboundResult> {
  const externalId = input.externalId ?? gatewayMessageId();
  const owner = ctx.state.evolution.get(input.instance)?.ownerNumber ?? DEFAULT_OWNER;
  const now = Date.now();
  const payload: Json = {
    event: 'messages.upsert',
    instance: input.instance,
    data: {
      key: { remoteJid: `${input.from}@s.whatsapp.net`, fromMe: input.fromMe ?? false, id: externalId },
      pushName: input.name ?? input.from,
      ...evolutionMessage(ctx, input, externalId),
      messageTimestamp: Math.floor(now / 1000),
    },
    destination: `${ctx.workerUrl ?? ''}/webhooks/evolution/${input.channelId}`,
    date_time: new Date(now).toISOString(),
    sender: `${owner}@s.whatsapp.net`,
    server_url: `${ctx.baseUrl}/evolution`,
    apikey: input.apiKey,
  };
  const path = `/webhooks/evolution/${encodeURIComponent(input.channelId)}`;
  const auth = headers({ apikey: input.apiKey }, input.webhookSecret);
  const result = await postToWorker(ctx, path, JSON.stringify(payload), auth);
  return { ...result, externalId, payload, statuses: [result.status] };
}

const UAZAPI_MESSAGE_TYPES = {
  image: 'ImageMessage',
  document: 'DocumentMessage',
  audio: 'AudioMessage',
  video: 'VideoMessage',
} as const;

/** `content` is the decoded WhatsApp message, where Uazapi keeps the file name and caption. */
function uazapiContent(ctx: SimContext, input: UazapiInboundInput, id: string): Json {
  const c = input.choice;
  if (c) {
    // Uazapi flattens a tap: the chosen id in buttonOrListid, its title as the text, the answered id in quoted.
    return {
      type: 'text',
      messageType: c.kind === 'button' ? 'ButtonsResponseMessage' : 'ListResponseMessage',
      text: c.title,
      buttonOrListid: c.id,
      ...(input.replyTo ? { quoted: input.replyTo } : {}),
      content: { text: c.title, ...(c.description ? { description: c.description } : {}) },
    };
  }
  const m = input.media;
  // whatsmeow spells the quoted id stanzaID; Uazapi also gives it as `quoted`.
  const context = contextInfo(input);
  const info = context ? { contextInfo: { ...context, stanzaID: input.replyTo } } : {};
  const quoted = input.replyTo ? { quoted: input.replyTo } : {};
  if (input.contacts?.length) {
    const { field, value } = gatewayContacts(input.contacts);
    const messageType = field === 'contactMessage' ? 'ContactMessage' : 'ContactsArrayMessage';
    return {
      type: 'text',
      messageType,
      text: String(value.displayName),
      content: { ...value, ...info },
      ...quoted,
    };
  }
  if (input.location) {
    const l = input.location;
    const content = {
      degreesLatitude: l.latitude,
      degreesLongitude: l.longitude,
      name: l.name,
      address: l.address,
    };
    return {
      type: 'text',
      messageType: 'LocationMessage',
      text: '',
      content: { ...content, ...info },
      ...quoted,
    };
  }
  if (!m) {
    const text = input.text ?? '';
    if (!context) return { type: 'text', messageType: 'Conversation', text, content: text };
    return { type: 'text', messageType: 'ExtendedTextMessage', text, content: { text, ...info }, ...quoted };
  }
  const content: Json = { mimetype: m.mimeType, ...info };
  if (m.kind === 'audio') content.PTT = m.voice ?? false;
  if (m.caption !== undefined) content.caption = m.caption;
  if (m.kind === 'document') content.fileName = m.filename ?? 'documento';
  return {
    type: 'media',
    messageType: UAZAPI_MESSAGE_TYPES[m.kind],
    mediaType: m.kind === 'audio' && m.voice ? 'ptt' : m.kind,
    ...quoted,
    mimetype: m.mimeType,
    fileURL: mediaUrl(ctx, 'uazapi', input.instanceToken, id, m),
    text: m.caption ?? '',
    content,
  };
}

export async function uazapiInbound(ctx: SimContext, input: UazapiInboundInput): Promise<InboundResult> {
  const externalId = input.externalId ?? gatewayMessageId();
  const registered = ctx.state.uazapi.get(input.instanceToken);
  const owner = registered?.ownerNumber ?? DEFAULT_OWNER;
  const person = `${input.from}@s.whatsapp.net`;
  // Group messages come from the group's chat id; the person is still in sender_pn.
  const chatid = input.isGroup ? `120363${input.from.slice(-12)}@g.us` : person;
  const name = input.name ?? input.from;
  const payload: Json = {
    EventType: 'messages',
    instanceName: registered?.instanceName ?? 'fio-uazapi',
    owner,
    token: input.instanceToken,
    chat: { wa_chatid: chatid, name },
    message: {
      messageid: externalId,
      chatid,
      fromMe: input.fromMe ?? false,
      isGroup: input.isGroup ?? false,
      ...uazapiContent(ctx, input, externalId),
      messageTimestamp: Date.now(),
      sender: '123456789@lid',
      sender_pn: person,
      senderName: name,
      wasSentByApi: false,
    },
  };
  const path = `/webhooks/uazapi/${encodeURIComponent(input.channelId)}`;
  const auth = headers({ token: input.instanceToken }, input.webhookSecret);
  const result = await postToWorker(ctx, path, JSON.stringify(payload), auth);
  return { ...result, externalId, payload, statuses: [result.status] };
}
