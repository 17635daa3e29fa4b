// The check every message from the widget's frame passes before the loader acts on it. It is the contract's
// FrameToHost (workers/contract/widget-bridge.ts) written out by hand: zod/mini alone would take the whole
// 5 KB budget (FrameToHost.safeParse bundles to ~7 KB gzip). tests/e2e/widget-size.test.ts runs this and
// FrameToHost.safeParse over the same valid and invalid messages, so the two cannot drift apart.
import type { FrameToHost } from '../../../workers/contract/widget-bridge';

const count = (n: unknown, max: number): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= max;

/** A fresh, well-formed FrameToHost message, or null for anything else (never throws). */
export function parseFrameToHost(data: unknown): FrameToHost | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.fio !== 1) return null;
  switch (m.type) {
    case 'ready':
    case 'open':
    case 'close':
      return { fio: 1, type: m.type };
    case 'message':
      if (!count(m.seq, Number.MAX_SAFE_INTEGER)) return null;
      if (m.author !== 'bot' && m.author !== 'agent') return null;
      if (typeof m.preview !== 'string' || m.preview.length > 200) return null;
      return { fio: 1, type: 'message', seq: m.seq, author: m.author, preview: m.preview };
    case 'unread':
      return count(m.count, 999) ? { fio: 1, type: 'unread', count: m.count } : null;
    default:
      return null;
  }
}
