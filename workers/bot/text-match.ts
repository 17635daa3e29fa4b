// How the bot reads a customer's free text: one normal form (lowercase, accents and punctuation gone), a
// typo distance that scales with the word's length, yes/no words, and "falar com atendente" found inside a
// longer sentence (hand-off keywords stricter: a typo keeps the word's first and last letter, so "atendem" or
// "pessoal" is not "atendente" or "pessoa"). The menu's matching (numbers, labels, synonyms) builds on these (menu-match.ts).
import { distance } from 'fastest-levenshtein';

/** Lowercase, accents stripped ("ção" → "cao", "2ª" → "2a"), anything but letters and digits a space. */
export function normalise(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The normal form of a flow's own text (labels, synonyms, keywords), cached: the same few hundred phrases
 * are matched against every message. Bounded so a stream of flow edits cannot grow it without end.
 */
const phraseCache = new Map<string, string>();
export function normalisePhrase(s: string): string {
  let n = phraseCache.get(s);
  if (n === undefined) {
    if (phraseCache.size >= 5000) phraseCache.clear();
    n = normalise(s);
    phraseCache.set(s, n);
  }
  return n;
}

export function words(s: string): string[] {
  const n = normalise(s);
  return n === '' ? [] : n.split(' ');
}

/**
 * Optimal-string-alignment distance (Levenshtein plus swapping two neighbours, the commonest typo on a
 * phone keyboard: "bolteo"), capped: once every cell of a row exceeds `max` the answer is `max + 1`.
 * Words only, so three short rows suffice.
 */
export function wordDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  const n = b.length;
  let before = new Int32Array(n + 1);
  let prev = new Int32Array(n + 1);
  let row = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let least = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, (before[j - 2] as number) + 1);
      }
      row[j] = v;
      if (v < least) least = v;
    }
    if (least > max) return max + 1;
    [before, prev, row] = [prev, row, before];
  }
  return prev[n] as number;
}

/** Typos tolerated in a word or phrase of this length: none up to 3 letters ("sem" ≠ "sim"), then more. */
export function allowedTypos(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  if (length <= 9) return 2;
  return 3;
}

/** 1 for the same word, less for a near spelling of `expected`, 0 when too far to be a typo. */
export function wordSimilarity(expected: string, typed: string): number {
  if (expected === typed) return 1;
  const allowed = allowedTypos(expected.length);
  if (allowed === 0 || Math.abs(expected.length - typed.length) > allowed) return 0;
  const d = wordDistance(expected, typed, allowed);
  return d <= allowed ? 1 - d / Math.max(expected.length, typed.length) : 0;
}

/**
 * A whole phrase's near spelling ("segundavia do bolto" for "segunda via do boleto"): Levenshtein over the
 * normal forms with spaces removed, the tolerance scaled by the phrase's length. 0 when too far.
 */
export function phraseSimilarity(expected: string, typed: string): number {
  const e = expected.replace(/ /g, '');
  const t = typed.replace(/ /g, '');
  if (e === t) return 1;
  const allowed = allowedTypos(e.length);
  if (allowed === 0 || Math.abs(e.length - t.length) > allowed) return 0;
  const d = distance(e, t);
  return d <= allowed ? 1 - d / Math.max(e.length, t.length) : 0;
}

/** How far into a message hand-off keywords are looked for (bounded work on a pasted essay). */
const KEYWORD_SCAN_WORDS = 300;

/**
 * Whether `keyword` occurs in `text`: its words in order, each typed or nearly so, with at most two other
 * words between them ("quero falar com um atendente" holds "falar com atendente").
 */
export function containsPhrase(text: string, keyword: string): boolean {
  return anyPhrase(text, [keyword]);
}

/** Whether any of `keywords` occurs in `text` (the text normalised once). */
export function anyPhrase(text: string, keywords: readonly string[]): boolean {
  const t = words(text).slice(0, KEYWORD_SCAN_WORDS);
  return keywords.some((keyword) => holds(t, keyword));
}

/** "pessoas" → "pessoa", "atendentes" → "atendente": a plural is the same word (short words kept). */
const singular = (w: string) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w);

/**
 * A typed word that means a hand-off keyword's word: the same word (or its plural), or a typo of it that
 * keeps its first and last letter. A different ending is a different word of the same stem, not a typo:
 * "atendem", "atender", "pessoal" are not "atendente"/"pessoa"; "atendete", "atendnte", "atendemte" are.
 * Stricter than menus (wordSimilarity), because a keyword hands the customer off from anywhere in the flow.
 */
export function keywordWordMatches(expected: string, typed: string): boolean {
  const e = singular(expected);
  const t = singular(typed);
  if (e === t) return true;
  if (e[0] !== t[0] || e.at(-1) !== t.at(-1)) return false;
  return wordSimilarity(e, t) > 0;
}

function holds(t: string[], keyword: string): boolean {
  const nk = normalisePhrase(keyword);
  const k = nk === '' ? [] : nk.split(' ');
  if (k.length === 0) return false;
  for (let start = 0; start < t.length; start++) {
    if (!keywordWordMatches(k[0] as string, t[start] as string)) continue;
    let at = start;
    let ok = true;
    for (let i = 1; i < k.length && ok; i++) {
      ok = false;
      for (let j = at + 1; j < t.length && j <= at + 3; j++) {
        if (keywordWordMatches(k[i] as string, t[j] as string)) {
          at = j;
          ok = true;
          break;
        }
      }
    }
    if (ok) return true;
  }
  return false;
}

/** "simmm" → "sim", "naaao" → "nao": letters held down on a phone keyboard. */
function squeeze(w: string): string {
  return w.replace(/(.)\1+/g, '$1');
}

const YES = new Set([
  'sim',
  's',
  'yes',
  'y',
  'claro',
  'iso', // "isso", squeezed
  'ok',
  'okay',
  'blz',
  'beleza',
  'pode',
  'positivo',
  'certo',
  'coreto', // "correto", squeezed
  'exato',
  'exatamente',
  'afirmativo',
  'sure',
  'yep',
  'yeah',
  'uhum',
  'aham',
]);
const NO = new Set(['nao', 'n', 'no', 'nope', 'negativo', 'nada', 'nenhum', 'nunca', 'not', 'nah']);

/**
 * A yes/no answer: the first yes- or no-word wins ("sim, voltou" yes; "não, ainda não" no; "👍" yes).
 * null when the text holds neither.
 */
export function parseYesNo(text: string): 'yes' | 'no' | null {
  for (const w of words(text)) {
    const s = squeeze(w);
    if (YES.has(s) || YES.has(w)) return 'yes';
    if (NO.has(s) || NO.has(w)) return 'no';
  }
  if (/👍|✅|✔/u.test(text)) return 'yes';
  if (/👎|❌|✖/u.test(text)) return 'no';
  return null;
}

/** Numbers written as words, one to ten, in pt-BR and English (menu options, ratings). */
export const NUMBER_WORDS: Record<string, number> = {
  um: 1,
  uma: 1,
  one: 1,
  dois: 2,
  duas: 2,
  two: 2,
  tres: 3,
  three: 3,
  quatro: 4,
  four: 4,
  cinco: 5,
  five: 5,
  seis: 6,
  six: 6,
  sete: 7,
  seven: 7,
  oito: 8,
  eight: 8,
  nove: 9,
  nine: 9,
  dez: 10,
  ten: 10,
};
