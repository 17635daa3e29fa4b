// How the bot reads a reply to a menu: option numbers in their many spellings, labels and synonyms, typos
// (per word and per phrase), ambiguity; yes/no words; "falar com atendente" inside a sentence.
import { describe, expect, it } from 'vitest';
import { demoIspFlow } from '../../workers/bot/demo-flow';
import { matchOption, optionNumber } from '../../workers/bot/menu-match';
import { anyPhrase, containsPhrase, normalise, parseYesNo, wordDistance } from '../../workers/bot/text-match';
import { TEAMS } from './bot-fixtures';

const mainMenu = (() => {
  const step = demoIspFlow(TEAMS).steps.find((s) => s.id === 'menu_principal');
  if (step?.type !== 'menu') throw new Error('the demo flow has no main menu');
  return step.options;
})();
// 1 2ª via, 2 desbloqueio, 3 sem conexão, 4 atendente, 5 outras dúvidas.
const labels = mainMenu.map((o) => o.label);

describe('the normal form', () => {
  it.each([
    ['Segunda Via!!', 'segunda via'],
    ['2ª via', '2a via'],
    ['Conexão   LENTA...', 'conexao lenta'],
    ['nº 3', 'no 3'],
    ['1️⃣', '1'],
    ['  ', ''],
  ])('%s → %s', (typed, n) => {
    expect(normalise(typed)).toBe(n);
  });

  it('counts a swap of two neighbouring letters as one typo', () => {
    expect(wordDistance('boleto', 'bolteo')).toBe(1);
    expect(wordDistance('boleto', 'bolto')).toBe(1);
    expect(wordDistance('desbloqueio', 'desbloquei')).toBe(1);
    expect(wordDistance('abc', 'abc')).toBe(0);
  });
});

describe('option numbers', () => {
  it.each([
    ['1', 1],
    ['1.', 1],
    ['1)', 1],
    [' 2 ', 2],
    ['opção 3', 3],
    ['Opcao 3', 3],
    ['op 4', 4],
    ['nº 5', 5],
    ['um', 1],
    ['dois', 2],
    ['três', 3],
    ['1️⃣', 1],
    ['quero a opção 2 por favor', 2],
    ['2 via', null],
    ['2ª via', null],
    ['segunda', null],
  ])('%s → %s', (typed, n) => {
    expect(optionNumber(typed)).toBe(n);
  });
});

describe('the demo main menu', () => {
  it.each([
    ['1', 1],
    ['2ª via do boleto', 1],
    ['segunda via', 1],
    ['segunda via do bolto', 1],
    ['2 via', 1],
    ['2a via', 1],
    ['me manda o boleto', 1],
    ['bolteo', 1],
    ['fatura', 1],
    ['quero pagar com pix', 1],
    ['desbloqueio', 2],
    ['desbloquei', 2],
    ['desbloqueio de confiaça', 2],
    ['quero liberar meu acesso', 2],
    ['promessa de pagamento', 2],
    ['sem internet', 3],
    ['sem conexao', 3],
    ['minha internet caiu', 3],
    ['a internet está muito lenta', 3],
    ['intenet lenta', 3],
    ['o wifi parou', 3],
    ['falar com atendente', 4],
    ['outras duvidas', 5],
    ['tenho uma dúvida', 5],
    ['5', 5],
  ])('%s → option %s', (typed, n) => {
    expect(matchOption(typed, mainMenu)).toEqual({ kind: 'option', index: n - 1 });
  });

  it.each([['xyz'], ['bom dia'], ['obrigado'], ['6'], ['0'], ['sim'], ['...']])('%s → no option', (typed) => {
    expect(matchOption(typed, mainMenu)).toEqual({ kind: 'none' });
  });

  it.each([['boleto e desbloqueio'], ['segunda via ou sem internet'], ['pode liberar minha internet?']])(
    '%s → ambiguous (asked again)',
    (typed) => {
      expect(matchOption(typed, mainMenu)).toEqual({ kind: 'ambiguous' });
    },
  );

  it('has the labels the README lists', () => {
    expect(labels).toEqual([
      '2ª via do boleto',
      'Desbloqueio de confiança',
      'Sem conexão / internet lenta',
      'Falar com atendente',
      'Outras dúvidas',
    ]);
  });
});

describe('short words are not typos of each other', () => {
  const options = [
    { label: 'Sim', synonyms: [] },
    { label: 'Sem', synonyms: [] },
  ];
  it('needs an exact match up to three letters', () => {
    expect(matchOption('sim', options)).toEqual({ kind: 'option', index: 0 });
    expect(matchOption('sem', options)).toEqual({ kind: 'option', index: 1 });
    expect(matchOption('sum', options)).toEqual({ kind: 'none' });
  });
});

describe('yes / no', () => {
  it.each([
    ['sim', 'yes'],
    ['Sim!', 'yes'],
    ['s', 'yes'],
    ['simmm', 'yes'],
    ['claro', 'yes'],
    ['isso', 'yes'],
    ['ok', 'yes'],
    ['yes', 'yes'],
    ['sim, voltou', 'yes'],
    ['👍', 'yes'],
    ['não', 'no'],
    ['nao', 'no'],
    ['N', 'no'],
    ['no', 'no'],
    ['naaão', 'no'],
    ['não, ainda não voltou', 'no'],
    ['ainda nao', 'no'],
    ['👎', 'no'],
    ['talvez', null],
    ['voltou?', null],
    ['', null],
  ])('%s → %s', (typed, yn) => {
    expect(parseYesNo(typed)).toBe(yn);
  });
});

describe('hand-off keywords inside a sentence', () => {
  it.each([
    ['falar com atendente', 'falar com atendente', true],
    ['Quero falar com um atendente!', 'falar com atendente', true],
    ['QUERO FALAR COM UM ATENDENTE AGORA', 'falar com atendente', true],
    ['falar com atendnte', 'falar com atendente', true],
    ['preciso falar com alguém', 'falar com alguém', true],
    ['preciso falar com alguem', 'falar com alguém', true],
    ['atendente', 'falar com atendente', false],
    ['falar com o suporte sobre o atendente', 'falar com atendente', false],
    ['quero um humano', 'humano', true],
    ['segunda via', 'atendente', false],
  ])('%s holds %s: %s', (text, keyword, holds) => {
    expect(containsPhrase(text, keyword)).toBe(holds);
  });
});

describe("the demo flow's hand-off keywords: real typos match, other words of the same stem do not", () => {
  const keywords = demoIspFlow(TEAMS).handoffKeywords;
  it.each([
    ['atendete', true],
    ['atendnte', true],
    ['falar com atendemte', true],
    ['quero um atendente', true],
    ['os atendentes estão online?', true],
    ['quero atendimento humano', true],
    ['falar com uma pessoa', true],
    ['vocês atendem no domingo?', false],
    ['atendem', false],
    ['atender', false],
    ['atendimento', false],
    ['qual o horário de atendimento?', false],
    ['oi pessoal, a internet caiu', false],
    ['atende aos sábados?', false],
  ])('%s → hand-off: %s', (text, handoff) => {
    expect(anyPhrase(text, keywords)).toBe(handoff);
  });

  it('"atendimento" on the main menu is not "Falar com atendente"', () => {
    expect(matchOption('atendimento', mainMenu)).toEqual({ kind: 'none' });
    expect(matchOption('qual o horário de atendimento?', mainMenu)).toEqual({ kind: 'none' });
    expect(matchOption('atendete', mainMenu)).toEqual({ kind: 'option', index: 3 });
  });
});
