// What the archiver does with a row Postgres refuses on its own (a data error: NUL or a lone surrogate in its
// jsonb, a value out of range): the row is recorded in archive_quarantine exactly as it was, and a storable
// stand-in takes its seq in conversation_events (the event with every string cleaned by the text rule, or,
// if even that is refused, a placeholder), so the conversation's history has no hole and its later events
// flow. The boundary (workers/contract/text.ts) keeps such rows out; this is the net under it.
import { type ConversationEvent, cleanDeep, cleanText, type StoredEvent } from '../contract';
import type { Statement } from './archive-statement';

/**
 * True for SQLSTATE class 22 (data exception: 22P02 invalid input syntax, 22P05 untranslatable character,
 * 22021 character not in repertoire, 22003 out of range, 22007 bad datetime…): the data is wrong, and the
 * same statement will fail the same way however often it is retried. Connection failures, timeouts, RLS and
 * everything else are not the rows' fault and are retried as they are.
 */
export function isRowDataError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

export function sqlstateOf(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/** The event with every string cleaned (NUL and other controls removed, lone surrogates → U+FFFD). */
export function cleanedEvent(event: StoredEvent): StoredEvent {
  return { ...event, event: cleanDeep(event.event) as ConversationEvent };
}

/**
 * Stands in for an event whose cleaned copy was refused too (no known cause; kept so history has no
 * hole): an empty system message of type `quarantined` that clients show as an unsupported message.
 */
export function placeholderEvent(event: StoredEvent): StoredEvent {
  return {
    ...event,
    // The original time: (conversation_id, seq, created_at) is the key, so a retry finds this row again.
    event: {
      type: 'message.created',
      message: {
        text: '',
        author: { kind: 'system', id: null, name: null },
        clientId: null,
        unsupported: { type: 'quarantined', raw: '' },
      },
    },
  };
}

/**
 * Records a refused row, once (a retried flush finds it there). JSON.stringify escapes every control
 * character and lone surrogate (\u0000, \ud800), so the payload is the original, visible and storable.
 */
export function quarantineStatement(
  tenantId: string,
  conversationId: string,
  event: StoredEvent,
  err: unknown,
): Statement {
  return {
    text: `insert into archive_quarantine (tenant_id, conversation_id, seq, payload, error, sqlstate)
      values ($1, $2, $3, $4, $5, $6) on conflict do nothing`,
    values: [
      tenantId,
      conversationId,
      event.seq,
      JSON.stringify(event),
      cleanText(err instanceof Error ? err.message : String(err)),
      sqlstateOf(err),
    ],
  };
}
