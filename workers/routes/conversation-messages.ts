// Agents' messages through REST, beyond socket text: approved templates (rendered and checked here),
// attachments (uploaded first, then sent; widget visitors upload too, and send with attachment.send), reply buttons and lists, and reading a conversation's files from R2. The conversation
// object applies idempotency and the WhatsApp window rules.
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { conversations } from '../../drizzle/schema';
import type { AgentPost } from '../../durable-objects/conversation/rpc';
import type { AppEnv } from '../app-env';
import { type ChannelStateResponse, PostMessageRequest } from '../contract';
import { AppError } from '../errors';
import { authorize } from '../middleware/authorize';
import { renderApprovedTemplate } from '../services/approved-template';
import { cleanFilename, MAX_UPLOAD_BYTES, SENDABLE_TYPES, sendableType } from '../services/attachment-types';
import { conversationNumberState } from '../services/conversation-channel-state';
import { conversationObjectName } from '../services/conversation-names';
import { type Database, inTenant } from '../services/db';
import { serveStoredFile } from '../services/file-response';
import { sniffMimeType } from '../services/file-sniff';
import { pickHealthyNumber } from '../services/number-pool';
import { enforceLimit } from '../services/rate-limit';
import { WIDGET_UPLOAD_VISITOR } from '../services/rate-limit-policies';
import { isWindowOpen } from '../services/service-window';
import { parseIdParam, parseJsonBody, parseQuery } from '../validation';

/** `?preview=1` asks for the file inline; it is granted only for types a browser shows without running them. */
const FileQuery = z.object({ preview: z.enum(['0', '1']).optional() });

const unsendable = () =>
  new AppError('unsupported_media_type', 'This file type cannot be sent', { accepted: SENDABLE_TYPES });

const tooLarge = (maxBytes: number, kind = 'uploaded') =>
  new AppError('payload_too_large', `${kind} files are limited to ${maxBytes} bytes`);

async function channelOf(primary: Database, tenantId: string, conversationId: string): Promise<string> {
  const [row] = await inTenant(primary, tenantId, (tx) =>
    tx
      .select({ channelId: conversations.channelId })
      .from(conversations)
      .where(and(eq(conversations.tenantId, tenantId), eq(conversations.id, conversationId)))
      .limit(1),
  );
  if (!row) throw new AppError('not_found', 'Conversation not found');
  return row.channelId;
}

/**
 * An interactive message that breaks WhatsApp's rules (4 buttons, a 30-character title, repeated ids…) is
 * reported by the field at fault, so the builder and API clients can say which one.
 */
function explainInteractive(err: unknown): never {
  // AppError.fromZod's details: one { path, message } per issue.
  const issues =
    err instanceof AppError && Array.isArray(err.details)
      ? (err.details as { path: string; message: string }[])
      : [];
  const first = issues.find((i) => i.path === 'interactive' || i.path.startsWith('interactive.'));
  if (!first) throw err;
  throw new AppError(
    'validation_failed',
    `Invalid interactive message: ${first.path}: ${first.message}`,
    issues,
  );
}

export const conversationMessageRoutes = new Hono<AppEnv>()
  .post('/api/conversations/:id/messages', authorize('messages.send', { apiKeys: true }), async (c) => {
    const conversationId = parseIdParam(c.req.param('id'), 'Conversation');
    const principal = c.var.principal;
    const tenantId = principal.tid;
    const body = await parseJsonBody(c, PostMessageRequest).catch(explainInteractive);
    const primary = c.var.dbs.primary;
    const channelId = await channelOf(primary, tenantId, conversationId);
    const post: AgentPost = {
      // An integration writes as a bot named after its key (its id in the author, so retries dedupe per key).
      author:
        principal.kind === 'api_key'
          ? { kind: 'bot', id: principal.sub, name: principal.name }
          : { kind: 'agent', id: c.var.agent.sub, name: c.var.agent.name },
      clientId: body.clientId,
      text: body.text,
    };
    if (body.interactive) {
      // The body is the message's text: what the widget's customer reads, and the timeline's fallback.
      post.text = body.interactive.body;
      post.interactive = body.interactive;
    }
    if (body.template) {
      post.text = await renderApprovedTemplate(primary, tenantId, channelId, body.template);
      // A template is the business starting (or restarting) the talk: only from a healthy number.
      await pickHealthyNumber(primary, tenantId, channelId);
      post.template = body.template;
    }
    if (body.attachmentKey) {
      if (!body.attachmentKey.startsWith(`${tenantId}/${conversationId}/uploads/`)) {
        throw new AppError('not_found', 'Attachment not found');
      }
      const head = await c.env.MEDIA.head(body.attachmentKey);
      const type = sendableType(head?.httpMetadata?.contentType);
      if (!head || !type) throw new AppError('not_found', 'Attachment not found');
      post.attachment = {
        kind: type.kind,
        mimeType: type.mimeType,
        filename: head.customMetadata?.filename ?? null,
        size: head.size,
        key: body.attachmentKey,
        state: 'ready',
      };
    }
    const stub = c.env.CONVERSATIONS.getByName(conversationObjectName(tenantId, conversationId));
    const result = await stub.postMessage({ tenantId, conversationId }, post);
    if (!result) throw new AppError('not_found', 'Conversation not found');
    if (!result.ok) throw new AppError(result.code, result.message);
    return c.json({ seq: result.seq, duplicate: result.duplicate }, result.duplicate ? 200 : 201);
  })
  .get('/api/conversations/:id/channel', authorize('conversations.read'), async (c) => {
    const conversationId = parseIdParam(c.req.param('id'), 'Conversation');
    const tenantId = c.var.agent.tid;
    const stub = c.env.CONVERSATIONS.getByName(conversationObjectName(tenantId, conversationId));
    const state = await stub.channelState({ tenantId, conversationId });
    if (!state) throw new AppError('not_found', 'Conversation not found');
    const open = isWindowOpen(state.windowExpiresAt, Date.now());
    const body: ChannelStateResponse = {
      whatsapp: state.bound,
      // What the composer needs: free text only while the window is open, templates otherwise.
      windowOpen: state.bound ? open : null,
      windowExpiresAt: state.windowExpiresAt === null ? null : new Date(state.windowExpiresAt).toISOString(),
      queued: state.queued,
      // The number's health and, when it is down, where the customer can be continued (number-pool.ts).
      ...(await conversationNumberState(c.var.dbs.primary, tenantId, conversationId)),
    };
    return c.json(body);
  })
  .post('/api/conversations/:id/attachments', authorize('attachments.upload'), async (c) => {
    const conversationId = parseIdParam(c.req.param('id'), 'Conversation');
    const p = c.var.principal;
    const tenantId = p.tid;
    // A widget visitor uploads to their own conversation only (then sends it with attachment.send).
    if (p.kind === 'visitor') {
      if (p.cid !== conversationId) throw new AppError('not_found', 'Conversation not found');
      await enforceLimit(c.env, WIDGET_UPLOAD_VISITOR, { kind: 'visitor', id: p.sub });
    }
    const declared = Number(c.req.header('content-length') ?? Number.NaN);
    if (!Number.isFinite(declared) || declared <= 0)
      throw new AppError('bad_request', 'Content-Length is required');
    if (declared > MAX_UPLOAD_BYTES) throw tooLarge(MAX_UPLOAD_BYTES);
    await channelOf(c.var.dbs.primary, tenantId, conversationId);
    const bytes = await c.req.arrayBuffer();
    if (bytes.byteLength === 0 || bytes.byteLength > MAX_UPLOAD_BYTES) throw tooLarge(MAX_UPLOAD_BYTES);
    // The browser's type is only a claim: what is stored and sent is what the bytes are.
    const type = sendableType(sniffMimeType(bytes, c.req.header('content-type')));
    if (!type) throw unsendable();
    if (bytes.byteLength > type.maxBytes) throw tooLarge(type.maxBytes, type.kind);
    const filename = cleanFilename(c.req.query('filename'));
    const key = `${tenantId}/${conversationId}/uploads/${crypto.randomUUID()}`;
    await c.env.MEDIA.put(key, bytes, {
      httpMetadata: { contentType: type.mimeType },
      customMetadata: filename ? { filename } : {},
    });
    return c.json(
      {
        attachment: {
          kind: type.kind,
          mimeType: type.mimeType,
          filename,
          size: bytes.byteLength,
          key,
          state: 'ready' as const,
        },
      },
      201,
    );
  })
  .get('/api/conversations/:id/files/*', authorize('conversation.join'), async (c) => {
    const conversationId = parseIdParam(c.req.param('id'), 'Conversation');
    const p = c.var.principal;
    if (p.kind === 'visitor' && p.cid !== conversationId) throw new AppError('not_found', 'File not found');
    const { preview } = parseQuery(c, FileQuery);
    const prefix = `/api/conversations/${conversationId}/files/`;
    const key = decodeURIComponent(new URL(c.req.url).pathname.slice(prefix.length));
    if (!key.startsWith(`${p.tid}/${conversationId}/`) || key.includes('..')) {
      throw new AppError('not_found', 'File not found');
    }
    const object = await c.env.MEDIA.get(key);
    if (!object) throw new AppError('not_found', 'File not found');
    return serveStoredFile(object, preview === '1');
  });
