// The one text rule for every input (HTTP bodies and queries, socket frames, provider webhooks): which
// characters a stored string may hold, how a provider's text is cleaned, and when text counts as blank.
// Postgres refuses NUL in text and jsonb and refuses a lone UTF-16 surrogate in jsonb, so neither may ever
// be stored: one such character would fail the archive statement carrying it.
import { z } from 'zod';

/** NUL and the other C0/C1 control characters except tab, line feed and carriage return. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this regex's job
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const HAS_CONTROL = new RegExp(CONTROL.source);

/**
 * Characters that render as nothing: zero-width space/joiners, word joiner, invisible operators, BOM,
 * Mongolian vowel separator, soft hyphen, Hangul fillers, braille blank, variation selectors and the tag
 * block. Text made only of these (and whitespace) is blank.
 */
const INVISIBLE =
  /\s|\u{AD}|\u{34F}|\u{115F}|\u{1160}|\u{180E}|[\u{200B}-\u{200F}]|[\u{202A}-\u{202E}]|[\u{2060}-\u{206F}]|\u{2800}|\u{3164}|[\u{FE00}-\u{FE0F}]|\u{FEFF}|\u{FFA0}|[\u{E0000}-\u{E007F}]|[\u{E0100}-\u{E01EF}]/gu;

/** True when `s` holds nothing Postgres or our renderers refuse: no control character, no lone surrogate. */
export function isStorableText(s: string): boolean {
  return s.isWellFormed() && !HAS_CONTROL.test(s);
}

/**
 * A provider's text, kept rather than refused (a customer's message is never dropped): control characters
 * removed, each lone surrogate replaced by U+FFFD.
 */
export function cleanText(s: string): string {
  if (isStorableText(s)) return s; // the usual case: two scans, no copy
  return s.toWellFormed().replace(CONTROL, '');
}

/** True when nothing visible is left: only whitespace and zero-width / invisible format characters. */
export function isBlankText(s: string): boolean {
  return s.replace(INVISIBLE, '').length === 0;
}

export const TEXT_NOT_STORABLE = 'must not contain control characters or unpaired surrogates';
export const TEXT_BLANK = 'must not be empty';

/**
 * `s` cut to at most `max` UTF-16 units without splitting a surrogate pair: a pair cut in half is a lone
 * surrogate, which Postgres refuses in jsonb (a preview or a clipped message would fail the archive).
 */
export function clipText(s: string, max: number): string {
  if (s.length <= max) return s;
  const last = s.charCodeAt(max - 1);
  return s.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/**
 * Every string in a JSON-like value cleaned (keys too), for a provider's raw payload kept for audit. Walks
 * with its own stack, not recursion: a payload nested thousands of levels deep must not overflow it.
 */
export function cleanDeep(value: unknown): unknown {
  const root: { v?: unknown } = {};
  const stack: { holder: object; key: string; value: unknown }[] = [{ holder: root, key: 'v', value }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const v = item.value;
    let out: unknown = v;
    if (typeof v === 'string') out = cleanText(v);
    else if (v !== null && typeof v === 'object') {
      const copy: object = Array.isArray(v) ? new Array(v.length) : {};
      // Pushed last to first so they are defined first to last: the copy keeps the payload's key order.
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i] as [string, unknown];
        stack.push({ holder: copy, key: cleanText(k), value: child });
      }
      out = copy;
    }
    // defineProperty, not assignment: a "__proto__" key is data here, never the copy's prototype.
    Object.defineProperty(item.holder, item.key, {
      value: out,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return root.v;
}

/** A string from one of our own clients: refused (not cleaned) when it holds what cannot be stored. */
export const StorableString = z.string().refine(isStorableText, TEXT_NOT_STORABLE);

/** What a person typed (a message, a name, a search): storable, and not blank (refused, not cleaned). */
export const VisibleText = StorableString.refine((s) => !isBlankText(s), TEXT_BLANK);
