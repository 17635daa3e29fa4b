// What this browser remembers per widget channel, in the frame's own localStorage (Fio's origin, never the
// host page's): the visitor key that resumes the same contact and conversation, and the last message the
// visitor saw (so a returning visitor's unseen replies count as unread).
export interface StoredVisitor {
  visitorKey: string;
  /** Highest seq the visitor has seen with the widget open. */
  seenSeq: number;
}

const keyOf = (channelId: string) => `fio.widget.${channelId}`;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage blocked (third-party iframe in a strict browser): the visitor starts afresh
  }
}

export function loadVisitor(channelId: string): StoredVisitor | null {
  try {
    const raw = storage()?.getItem(keyOf(channelId));
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<StoredVisitor>;
    if (typeof v.visitorKey !== 'string' || v.visitorKey.length === 0) return null;
    return { visitorKey: v.visitorKey, seenSeq: typeof v.seenSeq === 'number' ? v.seenSeq : 0 };
  } catch {
    return null;
  }
}

export function saveVisitor(channelId: string, v: StoredVisitor): void {
  try {
    storage()?.setItem(keyOf(channelId), JSON.stringify(v));
  } catch {
    // full or blocked: the conversation still works, it just will not resume after a reload
  }
}

export function forgetVisitor(channelId: string): void {
  try {
    storage()?.removeItem(keyOf(channelId));
  } catch {
    // nothing stored
  }
}
