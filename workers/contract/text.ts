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
  return s.toWellFormed().replace(CONTROL, '');
}

/** True when nothing visible is left: only whitespace and zero-width / invisible format characters. */
export function isBlankText(s: string): boolean {
  return s.replace(INVISIBLE, '').length === 0;
}

export const TEXT_NOT_STORABLE = 'must not contain control characters or unpaired surrogates';
export const TEXT_BLANK = 'must not be empty';

/** A string from one of our own clients: refused (not cleaned) when it holds what cannot be stored. */
export const StorableString = z.string().refine(isStorableText, TEXT_NOT_STORABLE);
