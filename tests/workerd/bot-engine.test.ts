// The engine's rules on small flows: what chains within a turn and what waits, menus asked again and then
// given up on, choices by id, the hand-off keywords at any point, tool calls (arguments, demand keys for
// writes, stale results), the ai step with and without the model, placeholders, the runaway guard, and
// silence after a hand-off or the end.
import { describe, expect, it } from 'vitest';
import { advance, initialBotState } from '../../workers/bot/engine';
import type { BotFlow, FlowStep } from '../../workers/contract';
import { Chat, CONTEXT, CPF, customer, ONE_CONTRACT } from './bot-fixtures';

const TEAM = '00000000-0000-4000-8000-0000000000aa';

function flowOf(steps: FlowStep[], extra: Partial<BotFlow> = {}): BotFlow {
  return {
    schema: 1,
    name: 'Teste',
    greeting: 'Olá! Protocolo {{protocol}}.',
    start: steps[0]?.id ?? 'fim',
    steps: [
      ...steps,
      { id: 'humano', type: 'handoff', text: 'Transferindo.', teamId: TEAM, reason: 'Pediu atendente' },
      { id: 'fim', type: 'end', text: 'Tchau!', resolved: true },
    ],
    handoffKeywords: ['falar com atendente', 'humano'],
    handoffStep: 'humano',
    fallbackStep: 'humano',
    ...extra,
  };
}

const menu: FlowStep = {
  id: 'menu',
  type: 'menu',
  text: 'Escolha:',
  options: [
    { label: 'Boleto', synonyms: ['segunda via'], next: 'fim' },
    { label: 'Suporte', synonyms: [], next: 'humano' },
  ],
  invalidText: 'Não entendi.',
  maxAttempts: 3,
  onFail: 'humano',
};

describe('start and chaining', () => {
  it('greets with the protocol and runs steps that need no input until one waits', () => {
    const chat = new Chat(
      flowOf([
        { id: 'oi', type: 'message', text: 'Bem-vindo!', next: 'marcar' },
        { id: 'marcar', type: 'set', tags: ['bot'], priority: 2, next: 'menu' },
        menu,
      ]),
    );
    const actions = chat.start();
    expect(actions).toEqual([
      { kind: 'say', text: 'Olá! Protocolo 20261203000042.' },
      { kind: 'say', text: 'Bem-vindo!' },
      { kind: 'set_ticket', tags: ['bot'], priority: 2 },
      {
        kind: 'say',
        text: 'Escolha:\n\n1. Boleto\n2. Suporte',
        choices: [
          { id: 'menu.1', title: 'Boleto' },
          { id: 'menu.2', title: 'Suporte' },
        ],
      },
    ]);
    expect(chat.state).toMatchObject({ stepId: 'menu', phase: 'running', attempts: 0 });
    expect(chat.start()).toEqual([]); // a second start is a no-op
  });

  it("treats the conversation's first message as the start", () => {
    const chat = new Chat(flowOf([menu]));
    chat.send('oi');
    expect(chat.said()[0]).toBe('Olá! Protocolo 20261203000042.');
    expect(chat.state.stepId).toBe('menu');
  });

  it('keeps the opening message for the first menu, never with a whole document in it', () => {
    const chat = new Chat(flowOf([{ id: 'oi', type: 'message', text: 'Bem-vindo!', next: 'menu' }, menu]));
    chat.send('segunda via');
    expect(chat.said()).toEqual(['Olá! Protocolo 20261203000042.', 'Bem-vindo!', 'Certo: Boleto.', 'Tchau!']);
    const doc = new Chat(
      flowOf([
        {
          id: 'achar',
          type: 'tool',
          tool: 'find_customer',
          on: { ok: 'menu', not_found: 'menu', erp_unavailable: 'menu' },
        },
        menu,
      ]),
    );
    doc.send('meu cpf é 529.982.247-25');
    expect(JSON.stringify(doc.state)).not.toContain('247-25');
    expect(doc.state.data.early).toBe('meu cpf é ***.982.247-**');
  });

  it('does not change the state it was given', () => {
    const state = initialBotState();
    const before = structuredClone(state);
    advance(flowOf([menu]), state, { kind: 'start' }, CONTEXT);
    expect(state).toEqual(before);
  });

  it('renders unknown placeholders empty and never leaves braces', () => {
    const chat = new Chat(
      flowOf([{ id: 'oi', type: 'message', text: 'Oi {{customer.name}}{{ nada }}!', next: 'fim' }]),
    );
    chat.start();
    expect(chat.said()).toContain('Oi !');
  });
});

describe('menus', () => {
  it('asks again with invalidText and the menu, then goes to onFail after maxAttempts', () => {
    const chat = new Chat(flowOf([menu]));
    chat.start();
    chat.send('banana');
    expect(chat.said()).toEqual(['Não entendi.', 'Escolha:\n\n1. Boleto\n2. Suporte']);
    expect(chat.state.attempts).toBe(1);
    chat.send('boleto e suporte'); // ambiguous counts as not understood
    expect(chat.said()[0]).toBe('Não entendi.');
    chat.send('???');
    expect(chat.last).toEqual([
      { kind: 'say', text: 'Transferindo.' },
      { kind: 'handoff', teamId: TEAM, reason: 'Pediu atendente' },
    ]);
    expect(chat.state.phase).toBe('handed_off');
  });

  it('takes an interactive choice by id, and ignores a choice id of another step', () => {
    const chat = new Chat(flowOf([menu]));
    chat.start();
    chat.send('Suporte', 'menu.2');
    expect(chat.kinds()).toContain('handoff');
    const other = new Chat(flowOf([menu]));
    other.start();
    other.send('Boleto', 'velho_menu.2'); // falls back to the text
    expect(other.last.at(-1)).toEqual({ kind: 'end', resolved: true });
  });
});

describe('hand-off keywords', () => {
  it('hand off from any waiting step, matched loosely', () => {
    const chat = new Chat(flowOf([menu]));
    chat.start();
    chat.send('Quero FALAR com um atendente!!');
    expect(chat.last.at(-1)).toEqual({ kind: 'handoff', teamId: TEAM, reason: 'Pediu atendente' });
  });

  it('hand off while the bot waits for a tool, and the late result is ignored', () => {
    const chat = new Chat(
      flowOf([
        {
          id: 'achar',
          type: 'tool',
          tool: 'find_customer',
          on: { ok: 'fim', not_found: 'fim', erp_unavailable: 'fim' },
        },
      ]),
    );
    chat.start();
    const call = chat.pendingCall('find_customer');
    chat.send('humano');
    expect(chat.kinds()).toEqual(['say', 'handoff']);
    expect(
      chat.feed({
        kind: 'tool_result',
        callId: call.callId,
        tool: 'find_customer',
        outcome: 'ok',
        data: ONE_CONTRACT,
      }),
    ).toEqual([]);
  });

  it('a button of the waiting step wins over a keyword in its title', () => {
    const withButton: FlowStep = {
      ...menu,
      options: [{ label: 'Falar com atendente financeiro', synonyms: [], next: 'fim' }],
    } as FlowStep;
    const chat = new Chat(flowOf([withButton]));
    chat.start();
    chat.send('Falar com atendente financeiro', 'menu.1');
    expect(chat.last.at(-1)).toEqual({ kind: 'end', resolved: true });
    const typed = new Chat(flowOf([withButton]));
    typed.start();
    typed.send('Falar com atendente financeiro');
    expect(typed.last.at(-1)).toMatchObject({ kind: 'handoff' });
  });

  it('say nothing after the hand-off or the end', () => {
    const chat = new Chat(flowOf([menu]));
    chat.start();
    chat.send('1');
    expect(chat.state.phase).toBe('ended');
    expect(chat.send('oi?')).toEqual([]);
    expect(chat.send('falar com atendente')).toEqual([]);
    expect(chat.start()).toEqual([]);
  });
});

describe('ask steps', () => {
  const askDoc: FlowStep = {
    id: 'doc',
    type: 'ask',
    input: 'cpf_cnpj',
    text: 'Seu CPF ou CNPJ?',
    invalidText: 'Documento inválido, digite de novo.',
    saveAs: 'documento',
    maxAttempts: 2,
    onFail: 'humano',
    next: 'confirma',
  };
  const confirm: FlowStep = {
    id: 'confirma',
    type: 'message',
    text: 'Recebi {{documento}} ({{customer.document}}).',
    next: 'fim',
  };

  it('validates CPF/CNPJ check digits, never echoes the number, keeps digits only in vars and shows it masked', () => {
    const chat = new Chat(flowOf([askDoc, confirm]));
    chat.start();
    chat.send('529.982.247-26');
    expect(chat.said()).toEqual(['Documento inválido, digite de novo.']);
    chat.send('529.982.247-25');
    expect(chat.said()[0]).toBe('Recebi ***.982.247-** (***.982.247-**).');
    expect(chat.state.vars.documento).toBe(CPF);
    for (const text of chat.saidAll()) expect(text.replace(/\D/g, '')).not.toContain('5299822472');
  });

  it('gives up after maxAttempts wrong documents', () => {
    const chat = new Chat(flowOf([askDoc, confirm]));
    chat.start();
    chat.send('111.111.111-11');
    chat.send('123');
    expect(chat.last.at(-1)).toMatchObject({ kind: 'handoff' });
  });

  it('yes/no: sim goes to next, não to noNext, anything else asks again; buttons by id', () => {
    const yn: FlowStep = {
      id: 'ok',
      type: 'ask',
      input: 'yes_no',
      text: 'Deu certo?',
      invalidText: 'Sim ou não?',
      saveAs: 'deu_certo',
      maxAttempts: 3,
      onFail: 'humano',
      next: 'fim',
      noNext: 'humano',
    };
    const chat = new Chat(flowOf([yn]));
    chat.start();
    expect(chat.last.at(-1)).toEqual({
      kind: 'say',
      text: 'Deu certo?',
      choices: [
        { id: 'ok.yes', title: 'Sim' },
        { id: 'ok.no', title: 'Não' },
      ],
    });
    chat.send('talvez');
    expect(chat.said()).toEqual(['Sim ou não?']);
    chat.send('claro!');
    expect(chat.last.at(-1)).toEqual({ kind: 'end', resolved: true });
    const no = new Chat(flowOf([yn]));
    no.start();
    no.send('Não', 'ok.no');
    expect(no.last.at(-1)).toMatchObject({ kind: 'handoff' });
    expect(no.state.vars.deu_certo).toBe('nao');
  });

  it('text: any non-blank text, saved for placeholders', () => {
    const chat = new Chat(
      flowOf([
        {
          id: 'q',
          type: 'ask',
          input: 'text',
          text: 'Descreva',
          invalidText: 'Escreva algo.',
          saveAs: 'relato',
          maxAttempts: 2,
          onFail: 'humano',
          next: 'eco',
        },
        { id: 'eco', type: 'message', text: 'Anotado: {{relato}}', next: 'fim' },
      ]),
    );
    chat.start();
    chat.send(' \u200b ');
    expect(chat.said()).toEqual(['Escreva algo.']);
    chat.send('caiu às 10h');
    expect(chat.said()[0]).toBe('Anotado: caiu às 10h');
  });
});

describe('contracts', () => {
  const flow = flowOf([
    {
      id: 'achar',
      type: 'tool',
      tool: 'find_customer',
      on: { ok: 'contrato', not_found: 'fim', erp_unavailable: 'fim' },
    },
    {
      id: 'contrato',
      type: 'ask',
      input: 'contract',
      text: 'Qual contrato?',
      invalidText: 'Não achei esse.',
      saveAs: 'contrato',
      maxAttempts: 2,
      onFail: 'humano',
      next: 'plano',
    },
    { id: 'plano', type: 'message', text: 'Plano {{contract.plan}} ({{contrato}}).', next: 'fim' },
  ]);

  it('chooses the only contract by itself', () => {
    const chat = new Chat(flow);
    chat.start();
    chat.result('ok', ONE_CONTRACT);
    expect(chat.said()).toEqual(['Plano Fibra 300 Mega (1001).', 'Tchau!']);
  });

  it('lists several (plan and status) and matches the reply like a menu', () => {
    const chat = new Chat(flow);
    chat.start();
    chat.result(
      'ok',
      customer([
        { id: '1001', plan: 'Fibra 300 Mega', status: 'active' },
        { id: '2002', plan: 'Fibra 600 Mega', status: 'suspended' },
      ]),
    );
    expect(chat.said()).toEqual([
      'Qual contrato?\n\n1. Fibra 300 Mega (ativo)\n2. Fibra 600 Mega (suspenso)',
    ]);
    chat.send('o de 600');
    expect(chat.said()).toEqual([
      'Não achei esse.',
      'Qual contrato?\n\n1. Fibra 300 Mega (ativo)\n2. Fibra 600 Mega (suspenso)',
    ]);
    chat.send('fibra 600 mega');
    expect(chat.said()[0]).toBe('Plano Fibra 600 Mega (2002).');
  });
});

describe('tool steps', () => {
  const tools = flowOf([
    {
      id: 'achar',
      type: 'tool',
      tool: 'find_customer',
      on: { ok: 'liberar', not_found: 'fim', erp_unavailable: 'humano' },
    },
    {
      id: 'liberar',
      type: 'tool',
      tool: 'trust_unlock',
      on: {
        ok: 'liberado',
        not_allowed: 'fim',
        already_done: 'fim',
        not_found: 'fim',
        erp_unavailable: 'humano',
      },
    },
    {
      id: 'liberado',
      type: 'message',
      text: 'Liberado até {{unlock.until}} ({{unlock.days}} dias), protocolo {{erp.protocol}}.',
      next: 'fim',
    },
  ]);

  it('searches by phone when no document was given, and keys writes by a stable demand', () => {
    const chat = new Chat(tools);
    chat.start();
    expect(chat.pendingCall()).toEqual({
      kind: 'call_tool',
      callId: 'achar:1',
      tool: 'find_customer',
      args: { phone: '+5511987650000' },
      demand: null,
    });
    chat.result('ok', ONE_CONTRACT);
    expect(chat.last).toContainEqual({
      kind: 'activity',
      code: 'customer_identified',
      params: { name: 'MARIA DA SILVA', document: '***.982.247-**' },
    });
    expect(chat.pendingCall()).toEqual({
      kind: 'call_tool',
      callId: 'liberar:2',
      tool: 'trust_unlock',
      args: { contractId: '1001', customerId: 'c-7' },
      demand: 'trust_unlock:1001:liberar',
    });
    chat.result('ok', { days: 3, until: '2026-12-06', protocol: '998877', message: null });
    expect(chat.last).toContainEqual({
      kind: 'activity',
      code: 'unlock_granted',
      params: { until: '06/12', days: '3' },
    });
    expect(chat.said()[0]).toBe('Liberado até 06/12 (3 dias), protocolo 998877.');
  });

  it('works out the date from the days when the ERP gives no date', () => {
    const chat = new Chat(tools);
    chat.start();
    chat.result('ok', ONE_CONTRACT);
    chat.result('ok', { days: 5, until: null, protocol: null, message: null });
    expect(chat.said()[0]).toBe('Liberado até 08/12 (5 dias), protocolo .');
  });

  it('ignores a result for another call', () => {
    const chat = new Chat(tools);
    chat.start();
    expect(
      chat.feed({
        kind: 'tool_result',
        callId: 'outro:9',
        tool: 'find_customer',
        outcome: 'ok',
        data: ONE_CONTRACT,
      }),
    ).toEqual([]);
    expect(chat.state.stepId).toBe('achar');
  });

  it('branches on the outcome and tells agents when the ERP is down', () => {
    const chat = new Chat(tools);
    chat.start();
    chat.result('erp_unavailable', { code: 'erp_unavailable', message: 'timeout' });
    expect(chat.last[0]).toEqual({
      kind: 'activity',
      code: 'erp_unavailable',
      params: { tool: 'find_customer' },
    });
    expect(chat.last.at(-1)).toEqual({ kind: 'handoff', teamId: TEAM, reason: 'Pediu atendente' });
  });

  it('without a phone nor a document the search counts as not found', () => {
    const chat = new Chat(tools, { ...CONTEXT, phone: null });
    chat.start();
    expect(chat.last.at(-1)).toEqual({ kind: 'end', resolved: true });
    expect(chat.problems[0]).toMatch(/no document nor phone/);
  });
});

describe('the ai step', () => {
  const ai = flowOf([
    { id: 'ia', type: 'ai', text: 'Pergunte!', fallback: 'menu', handoffTeamId: null },
    menu,
  ]);

  it('goes straight to its fallback when AI is off', () => {
    const chat = new Chat(ai);
    chat.start();
    expect(chat.said()).toEqual(['Olá! Protocolo 20261203000042.', 'Escolha:\n\n1. Boleto\n2. Suporte']);
  });

  it('asks the model, stays on answered, falls back to the menu when it is unavailable', () => {
    const chat = new Chat(ai, { ...CONTEXT, aiEnabled: true });
    chat.start();
    expect(chat.said().at(-1)).toBe('Pergunte!');
    chat.send('qual o horário da loja?');
    expect(chat.last).toEqual([{ kind: 'ask_ai', text: 'qual o horário da loja?' }]);
    expect(chat.send('e aí?')).toEqual([]); // one question at a time
    expect(chat.feed({ kind: 'ai_result', outcome: 'answered' })).toEqual([]);
    chat.send('e no sábado?');
    expect(chat.last).toEqual([{ kind: 'ask_ai', text: 'e no sábado?' }]);
    chat.feed({ kind: 'ai_result', outcome: 'unavailable', reason: 'deadline' });
    expect(chat.last[0]).toEqual({
      kind: 'activity',
      code: 'llm_unavailable',
      params: { reason: 'deadline' },
    });
    expect(chat.said()).toEqual(['Escolha:\n\n1. Boleto\n2. Suporte']);
  });

  it("hands off with the model's reason", () => {
    const chat = new Chat(ai, { ...CONTEXT, aiEnabled: true });
    chat.start();
    chat.send('isso é um absurdo');
    chat.feed({ kind: 'ai_result', outcome: 'handoff', reason: 'negative_sentiment' });
    expect(chat.last.at(-1)).toEqual({ kind: 'handoff', teamId: TEAM, reason: 'negative_sentiment' });
  });
});

describe('the runaway guard', () => {
  it('cuts a loop the checker would have refused, goes to the fallback step and reports it', () => {
    const chat = new Chat(
      flowOf([
        { id: 'a', type: 'message', text: 'a', next: 'b' },
        { id: 'b', type: 'message', text: 'b', next: 'a' },
      ]),
    );
    chat.start();
    expect(chat.said().length).toBeLessThanOrEqual(27);
    expect(chat.last.at(-1)).toEqual({ kind: 'handoff', teamId: TEAM, reason: 'Pediu atendente' });
    expect(chat.problems[0]).toMatch(/more than 25 steps/);
  });

  it('hands off to the queue when even the fallback loops', () => {
    const loop = flowOf([{ id: 'a', type: 'message', text: 'a', next: 'a' }], { fallbackStep: 'a' });
    const chat = new Chat(loop);
    chat.start();
    expect(chat.last.at(-1)).toEqual({ kind: 'handoff', teamId: null, reason: 'bot_error' });
    expect(chat.state.phase).toBe('handed_off');
  });
});
