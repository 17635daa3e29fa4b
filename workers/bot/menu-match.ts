// Which menu option a customer's reply means: the option's number ("1", "1.", "opção 1", "um", "1️⃣"), its
// label or a synonym, or a near spelling of them ("segunda via do bolto", "desbloquei"). Two options that fit
// about as well are ambiguous: the bot asks again rather than guess.
import {
  NUMBER_WORDS,
  normalise,
  normalisePhrase,
  phraseSimilarity,
  wordSimilarity,
  words,
} from './text-match';

export interface MatchOption {
  label: string;
  synonyms: readonly string[];
}

export type MenuMatch = { kind: 'option'; index: number } | { kind: 'ambiguous' } | { kind: 'none' };

/** Words that may precede the number: "opção 2", "op 2", "número 2", "nº 2" (º → o), "item 2", "a 2". */
const NUMBER_PREFIXES = new Set([
  'opcao',
  'opcoes',
  'op',
  'numero',
  'num',
  'no',
  'n',
  'item',
  'a',
  'o',
  'option',
]);

function asNumber(w: string): number | null {
  if (/^\d{1,2}$/.test(w)) return Number(w);
  return NUMBER_WORDS[w] ?? null;
}

/**
 * The option number when the whole reply is one ("2", "2.", "opção 2", "dois"); also "opção 2" inside a
 * sentence. A number alone only: "2 via" is a phrase (option "2ª via"), not option 2.
 */
export function optionNumber(text: string): number | null {
  const w = words(text);
  if (w.length === 1) return asNumber(w[0] as string);
  if (w.length === 2 && NUMBER_PREFIXES.has(w[0] as string)) return asNumber(w[1] as string);
  for (let i = 0; i + 1 < w.length; i++) {
    if (w[i] === 'opcao' || w[i] === 'option' || w[i] === 'numero') {
      const n = asNumber(w[i + 1] as string);
      if (n !== null) return n;
    }
  }
  return null;
}

/** Words that carry no meaning of their own in an option's label or synonym. */
const FILLER = new Set([
  'a',
  'o',
  'as',
  'os',
  'de',
  'do',
  'da',
  'dos',
  'das',
  'e',
  'em',
  'no',
  'na',
  'nos',
  'nas',
  'um',
  'uma',
  'com',
  'para',
  'pra',
  'por',
  'meu',
  'minha',
  'the',
  'to',
  'of',
  'my',
]);

/** Scores out of 100, so the comparisons below are exact. */
const EXACT = 100;
const CONTIGUOUS = 95;
const ALL_WORDS = 90;
const NEAR_PHRASE = 85;
const NEAR_WORDS = 80;
const ACCEPT = 50;
const REPLY_WORDS_MAX = 80;
/** A second option within this many points of the best makes the reply ambiguous. */
const MARGIN = 10;

function phraseScore(p: string, reply: string, replyWords: string[]): number {
  if (p === '') return 0;
  if (p === reply) return EXACT;
  if (` ${reply} `.includes(` ${p} `)) return CONTIGUOUS;
  const all = p.split(' ');
  const content = all.filter((w) => !FILLER.has(w));
  const need = content.length > 0 ? content : all;
  let exact = true;
  let sum = 0;
  for (const w of need) {
    let best = 0;
    for (const r of replyWords) best = Math.max(best, wordSimilarity(w, r));
    if (best === 0) {
      sum = -1;
      break;
    }
    if (best < 1) exact = false;
    sum += best;
  }
  let score = 0;
  if (sum > 0) score = exact ? ALL_WORDS : Math.round(NEAR_WORDS * (sum / need.length));
  const near = phraseSimilarity(p, reply);
  if (near > 0) score = Math.max(score, Math.round(NEAR_PHRASE * near));
  return score;
}

/** The option a free-text reply means, by number, label, synonym or near spelling; ties are ambiguous. */
export function matchOption(text: string, options: readonly MatchOption[]): MenuMatch {
  const n = optionNumber(text);
  if (n !== null) return n >= 1 && n <= options.length ? { kind: 'option', index: n - 1 } : { kind: 'none' };
  const reply = normalise(text);
  if (reply === '') return { kind: 'none' };
  // A menu reply is a few words; a pasted essay is matched on its beginning (bounded work per message).
  const replyWords = reply.split(' ').slice(0, REPLY_WORDS_MAX);
  const best = options.map((o) => {
    let top = { score: 0, phrase: '' };
    for (const p of [o.label, ...o.synonyms]) {
      const phrase = normalisePhrase(p);
      const score = phraseScore(phrase, reply, replyWords);
      if (score > top.score) top = { score, phrase };
    }
    return top;
  });
  let win = 0;
  for (let i = 1; i < best.length; i++) if ((best[i]?.score ?? 0) > (best[win]?.score ?? 0)) win = i;
  const top = best[win] ?? { score: 0, phrase: '' };
  if (top.score < ACCEPT) return { kind: 'none' };
  // A rival whose phrase lies inside the winner's ("pagamento" in "promessa de pagamento") is no rival.
  const rival = best.some(
    (b, i) =>
      i !== win &&
      b.score >= ACCEPT &&
      b.score > top.score - MARGIN &&
      !` ${top.phrase} `.includes(` ${b.phrase} `),
  );
  return rival ? { kind: 'ambiguous' } : { kind: 'option', index: win };
}
