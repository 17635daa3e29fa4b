// The customer's answer to the satisfaction question, understood without the buttons: a tap on a list row
// (id csat:N), a digit ("5", "nota 5", "dou 4", "4/5", "5 estrelas"), a word in pt-BR or English ("ótimo",
// "ruim", "excellent"), stars (⭐⭐⭐⭐) or one telling emoji (👍). Only a short answer counts: the whole text
// must be the rating, so "minha internet está ruim de novo" is never read as a 2. Pure, unit-tested.
import { NUMBER_WORDS } from '../../../workers/bot/text-match';
import { readShortText } from './words';

export type Score = 1 | 2 | 3 | 4 | 5;

/** The id of each list row: csat:1 … csat:5. */
export const CSAT_CHOICE_PREFIX = 'csat:';

/** A number word read as a score: only one to five rate. */
function asScore(n: number | undefined): Score | null {
  return n !== undefined && n >= 1 && n <= 5 ? (n as Score) : null;
}

export function csatChoiceScore(id: string): Score | null {
  const m = /^csat:([1-5])$/.exec(id);
  return m ? (Number(m[1]) as Score) : null;
}

/** Whole answers (after the lead-in words are dropped), accents and punctuation removed. */
const PHRASES: Record<string, Score> = {
  excelente: 5,
  otimo: 5,
  otima: 5,
  perfeito: 5,
  perfeita: 5,
  maravilhoso: 5,
  maravilhosa: 5,
  sensacional: 5,
  'muito bom': 5,
  'muito boa': 5,
  top: 5,
  excellent: 5,
  great: 5,
  amazing: 5,
  perfect: 5,
  awesome: 5,
  'very good': 5,
  bom: 4,
  boa: 4,
  gostei: 4,
  good: 4,
  nice: 4,
  regular: 3,
  razoavel: 3,
  'mais ou menos': 3,
  normal: 3,
  average: 3,
  'so so': 3,
  ruim: 2,
  'nao gostei': 2,
  bad: 2,
  poor: 2,
  pessimo: 1,
  pessima: 1,
  horrivel: 1,
  terrivel: 1,
  'muito ruim': 1,
  awful: 1,
  terrible: 1,
  horrible: 1,
  'very bad': 1,
};

/** Words that may come before the rating ("nota 5", "dou 4", "foi ótimo", "I give it 5"). */
const LEAD_IN = new Set([
  'nota',
  'dou',
  'daria',
  'minha',
  'e',
  'a',
  'foi',
  'o',
  'atendimento',
  'i',
  'give',
  'it',
  'my',
  'rating',
  'score',
  'was',
  'is',
  'the',
  'service',
]);
/** Words that may follow it ("5 estrelas", "5 de 5", "4/5", "ótimo atendimento", "5 stars"). */
const TAIL = new Set([
  'estrela',
  'estrelas',
  'star',
  'stars',
  'ponto',
  'pontos',
  'de',
  'out',
  'of',
  '5',
  'atendimento',
  'service',
]);

const STARS = new Set(['⭐', '🌟', '★']);
const EMOJI_SCORES: Record<string, Score> = {
  '👍': 5,
  '😍': 5,
  '🤩': 5,
  '🥰': 5,
  '👏': 5,
  '😀': 4,
  '😃': 4,
  '😊': 4,
  '🙂': 4,
  '😐': 3,
  '😕': 2,
  '🙁': 2,
  '☹': 2,
  '👎': 1,
  '😡': 1,
  '😠': 1,
  '😞': 1,
};

/** The score a free-text answer gives, or null when it is not (only) a rating. */
export function parseCsatAnswer(text: string): Score | null {
  if (text.length > 60) return null;
  // "★" is not a pictograph: counted on the raw text.
  const starCount = [...text].filter((c) => STARS.has(c)).length;
  const { words: raw, emoji } = readShortText(text.replaceAll('★', ' '));
  const words = raw.flatMap((w) => (/^\d\/\d$/.test(w) ? w.split('/') : [w]));
  const pictures = emoji.filter((e) => !STARS.has(e));
  if (words.length === 0) {
    if (starCount >= 1 && starCount <= 5 && pictures.length === 0) return starCount as Score;
    const scores = new Set(pictures.map((e) => EMOJI_SCORES[e] ?? 0));
    if (scores.size !== 1) return null;
    const [only] = [...scores];
    return only ? (only as Score) : null;
  }
  // Stars after words ("nota 4 ⭐") are decoration; other pictures make it a message, not a rating.
  if (pictures.length > 0) return null;
  let start = 0;
  while (start < words.length - 1 && LEAD_IN.has(words[start] as string)) start++;
  const rest = words.slice(start);
  const head = rest[0] as string;
  const digit = /^[1-5]$/.test(head) ? (Number(head) as Score) : asScore(NUMBER_WORDS[head]);
  if (digit !== null) return rest.slice(1).every((w) => TAIL.has(w)) ? digit : null;
  for (let end = rest.length; end > 0; end--) {
    const phrase = PHRASES[rest.slice(0, end).join(' ')];
    if (phrase !== undefined && rest.slice(end).every((w) => TAIL.has(w) && !/^\d$/.test(w))) return phrase;
  }
  return null;
}
