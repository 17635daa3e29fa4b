// An agent's or the bot's message arriving through REST (text, an approved template, an uploaded file, or
// reply buttons / a list):
// idempotent by clientId, refused before storing when the WhatsApp window rules forbid it, then appended
// and, in a WhatsApp conversation, queued for sending in the same synchronous step.
import type {
  Attachment,
  Author,
  ConversationEvent,
  ErrorCode,
  InteractiveContent,
  Message,
} from '../../workers/contract';
import type { QueuedContent } from './channel-store';
import type { ConversationChannel } from './conversation-channel';
import type { AppendResult, ConversationStore } from './conversation-store';

export interface AgentPost {
  author: Author;
  clientId: string;
  /** The text, the caption of an attachment, a template's rendered body, or an interactive message's body. */
  text: string;
  template?: { name: string; language: string; parameters: string[] };
  attachment?: Attachment & { kind: 'image' | 'document' | 'audio' | 'video'; key: string; mimeType: string };
  /** Reply buttons or a list; a widget conversation stores it and the widget shows the options. */
  interactive?: InteractiveContent;
}

export type PostResult =
  | { ok: true; seq: number; duplicate: boolean }
  | { ok: false; code: ErrorCode; message: string };

export function postToConversation(
  store: ConversationStore,
  channel: ConversationChannel,
  post: AgentPost,
  append: (event: ConversationEvent, clientId: string | null) => AppendResult,
): PostResult {
  const prior = store.seqForClientId(post.author, post.clientId);
  if (prior !== null) return { ok: true, seq: prior, duplicate: true };
  const content = queuedContent(post);
  const refusal = channel.refusal(content.kind);
  if (refusal && !(content.kind === 'media' && !channel.bound)) return { ok: false, ...refusal };
  const message: Message = {
    text: post.text,
    author: post.author,
    clientId: post.clientId,
    ...(post.template ? { template: post.template } : {}),
    ...(post.attachment ? { attachment: post.attachment } : {}),
    ...(post.interactive ? { interactive: post.interactive } : {}),
  };
  const result = append({ type: 'message.created', message }, post.clientId);
  if (!result.duplicate) channel.queue(result.seq, content);
  return { ok: true, seq: result.seq, duplicate: result.duplicate };
}

function queuedContent(post: AgentPost): QueuedContent {
  if (post.template) return { kind: 'template', ...post.template };
  if (post.interactive) return { kind: 'interactive', interactive: post.interactive };
  const a = post.attachment;
  if (a) {
    return {
      kind: 'media',
      mediaKind: a.kind,
      key: a.key,
      mimeType: a.mimeType,
      filename: a.filename,
      caption: post.text || null,
    };
  }
  return { kind: 'text', text: post.text };
}
