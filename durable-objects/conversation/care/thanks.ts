// A customer's short thanks after a close ("Obrigado!", "obg", "valeu", "ok, obrigada", "👍", "thanks"):
// kept on the closed ticket instead of opening a new one. Only text made of thanks and a few friendly filler
// words counts; anything that says more ("obrigado, mas a internet caiu de novo") is a new demand. Pure.
import { readShortText } from './words';

const THANKS = new Set([
  'obrigado',
  'obrigada',
  'obrigadao',
  'obrigadinho',
  'obrigadinha',
  'obg',
  'obgd',
  'obgda',
  'obgdo',
  'brigado',
  'brigada',
  'valeu',
  'vlw',
  'valew',
  'agradeco',
  'agradecido',
  'agradecida',
  'grato',
  'grata',
  'gratidao',
  'thanks',
  'thank',
  'thx',
  'tks',
  'ty',
  'cheers',
]);

/** Words that may go with a thanks without making it a new demand. */
const FILLER = new Set([
  'ok',
  'okay',
  'ta',
  'blz',
  'beleza',
  'certo',
  'show',
  'perfeito',
  'otimo',
  'otima',
  'joia',
  'top',
  'entao',
  'muito',
  'mto',
  'mt',
  'muitissimo',
  'demais',
  'pela',
  'pelo',
  'ajuda',
  'atencao',
  'atendimento',
  'viu',
  'moco',
  'moca',
  'querido',
  'querida',
  'amigo',
  'amiga',
  'resolvido',
  'resolveu',
  'deu',
  'certinho',
  'tudo',
  'sim',
  'ai',
  'de',
  'novo',
  'e',
  'bom',
  'boa',
  'dia',
  'tarde',
  'noite',
  'you',
  'so',
  'much',
  'a',
  'lot',
  'great',
  'all',
  'good',
  'fine',
  'now',
]);

/** Emoji that say thanks or "all good" on their own. */
const THANKS_EMOJI = new Set([
  '👍',
  '🙏',
  '❤',
  '♥',
  '😊',
  '🙂',
  '👏',
  '✅',
  '🤝',
  '😃',
  '😀',
  '🥰',
  '👌',
  '💙',
  '💚',
]);

export function isShortThanks(text: string): boolean {
  if (text.length > 80) return false;
  const { words, emoji } = readShortText(text);
  if (!emoji.every((e) => THANKS_EMOJI.has(e))) return false;
  if (words.length === 0) return emoji.length > 0;
  if (words.length > 8) return false;
  return words.some((w) => THANKS.has(w)) && words.every((w) => THANKS.has(w) || FILLER.has(w));
}
