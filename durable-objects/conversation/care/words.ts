// How the after-care reads a customer's short text: lower case, no accents, no punctuation, emoji kept apart
// from words, so "Ótimo!!", "otimo" and "ÓTIMO." read alike. Shared by the CSAT answer and the thanks rule.

/** Pictographs and their modifiers (skin tones, variation selectors, joiners). */
const EMOJI = /\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\u{FE0F}|\u{200D}|\u{20E3}/gu;

export interface ReadText {
  /** Lower-case words without accents or punctuation, in order. */
  words: string[];
  /** The pictographs, in order (modifiers dropped). */
  emoji: string[];
}

export function readShortText(text: string): ReadText {
  const emoji = [...text.matchAll(/\p{Extended_Pictographic}/gu)].map((m) => m[0]);
  const plain = text
    .replace(EMOJI, ' ')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}/]+/gu, ' ')
    .trim();
  return { words: plain ? plain.split(/\s+/) : [], emoji };
}
