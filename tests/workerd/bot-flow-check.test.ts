// A bad flow is refused with issues that point at the step (and the field) they are about: the shape, step
// references, tool outcomes, yes/no branches, unreachable steps, loops that never wait for the customer.
import { describe, expect, it } from 'vitest';
import { demoIspFlow } from '../../workers/bot/demo-flow';
import { checkFlow } from '../../workers/bot/flow-check';
import type { BotFlow, FlowIssue, FlowStep } from '../../workers/contract';
import { TEAMS } from './bot-fixtures';

/** The demo flow, changed by `edit` (a deep copy: the test may break it freely). */
function broken(edit: (flow: BotFlow & { steps: Record<string, unknown>[] }) => void): unknown {
  const flow = structuredClone(demoIspFlow(TEAMS)) as BotFlow & { steps: Record<string, unknown>[] };
  edit(flow);
  return flow;
}

function stepIndex(flow: { steps: { id?: unknown }[] }, id: string): number {
  const i = flow.steps.findIndex((s) => s.id === id);
  if (i < 0) throw new Error(`no step ${id}`);
  return i;
}

function step(flow: { steps: Record<string, unknown>[] }, id: string): Record<string, unknown> {
  return flow.steps[stepIndex(flow, id)] as Record<string, unknown>;
}

function issues(input: unknown): FlowIssue[] {
  const r = checkFlow(input);
  if (r.ok) throw new Error('the flow was accepted');
  return r.issues;
}

const demo = demoIspFlow(TEAMS);
const at = (id: string) => stepIndex(demo, id);

describe('checkFlow', () => {
  it('accepts the demo flow and returns it parsed', () => {
    const r = checkFlow(JSON.parse(JSON.stringify(demo)));
    expect(r).toEqual({ ok: true, flow: demo });
  });

  it('refuses what is not a flow at all', () => {
    expect(issues(null)[0]?.stepId).toBeNull();
    expect(issues('menu')[0]?.message).toMatch(/flow/);
  });

  it('names the step of a shape error and the readable path to the field', () => {
    const found = issues(
      broken((f) => {
        const menu = step(f, 'menu_principal') as { options: { next: string }[] };
        (menu.options[1] as { next: string }).next = 'Segunda Via';
      }),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      stepId: 'menu_principal',
      path: `steps[${at('menu_principal')}].options[1].next`,
    });
    expect(found[0]?.message).toMatch(/^step 'menu_principal' → options\[1\]\.next: lowercase letters/);
    expect(found[0]).toMatchObject({ code: 'invalid_value', params: { field: 'options[1].next' } });
  });

  it('names a missing field', () => {
    const found = issues(
      broken((f) => {
        delete step(f, 'algo_mais').invalidText;
      }),
    );
    expect(found).toEqual([
      expect.objectContaining({ stepId: 'algo_mais', path: `steps[${at('algo_mais')}].invalidText` }),
    ]);
  });

  it('names an unknown step type', () => {
    const found = issues(
      broken((f) => {
        step(f, 'encerrar').type = 'goodbye';
      }),
    );
    expect(found[0]).toMatchObject({ stepId: 'encerrar', path: `steps[${at('encerrar')}].type` });
    expect(found[0]?.message).toContain(`unknown step type "goodbye"`);
    expect(found[0]).toMatchObject({ code: 'unknown_step_type', params: { type: '"goodbye"' } });
  });

  it('points at an option leading to a step that does not exist', () => {
    const found = issues(
      broken((f) => {
        const menu = step(f, 'menu_principal') as { options: { next: string }[] };
        (menu.options[1] as { next: string }).next = 'segunda_vai';
      }),
    );
    expect(found).toContainEqual({
      stepId: 'menu_principal',
      path: `steps[${at('menu_principal')}].options[1].next`,
      message: "step 'menu_principal' → option 2 points at 'segunda_vai', which does not exist",
      code: 'unknown_step',
      params: { step: 'menu_principal', field: 'options[1].next', target: 'segunda_vai' },
    });
  });

  it.each([
    ['start', 'comeco'],
    ['handoffStep', 'humano'],
    ['fallbackStep', 'plano_b'],
  ] as const)('points at %s naming a step that does not exist', (key, target) => {
    const found = issues(
      broken((f) => {
        f[key] = target;
      }),
    );
    expect(found).toContainEqual({
      stepId: null,
      path: key,
      message: `${key} points at '${target}', which does not exist`,
      code: 'unknown_step',
      params: { field: key, target },
    });
  });

  it.each([
    ['voltou', 'onFail', 'onFail'],
    ['voltou', 'noNext', 'noNext'],
    ['cliente_encontrado', 'next', 'next'],
    ['duvidas_ai', 'fallback', 'fallback'],
  ])('points at %s.%s leading nowhere', (id, field, what) => {
    const found = issues(
      broken((f) => {
        step(f, id)[field] = 'lugar_nenhum';
      }),
    );
    expect(found).toContainEqual({
      stepId: id,
      path: `steps[${at(id)}].${field}`,
      message: `step '${id}' → ${what} points at 'lugar_nenhum', which does not exist`,
      code: 'unknown_step',
      params: { step: id, field, target: 'lugar_nenhum' },
    });
  });

  it('finds a step id used twice', () => {
    const found = issues(
      broken((f) => {
        step(f, 'sem_faturas').id = 'encerrar';
      }),
    );
    expect(found).toContainEqual({
      stepId: 'encerrar',
      path: `steps[${at('encerrar')}].id`,
      message: `step id 'encerrar' is used twice (steps[${at('sem_faturas')}] and steps[${at('encerrar')}])`,
      code: 'duplicate_id',
      params: { id: 'encerrar', first: String(at('sem_faturas') + 1), second: String(at('encerrar') + 1) },
    });
  });

  it('finds a tool outcome left unmapped and one the tool does not have', () => {
    const found = issues(
      broken((f) => {
        const on = step(f, 'desbloqueio').on as Record<string, string>;
        delete on.already_done;
        on.online = 'desbloqueio_ok';
      }),
    );
    const i = at('desbloqueio');
    expect(found).toContainEqual({
      stepId: 'desbloqueio',
      path: `steps[${i}].on.already_done`,
      message: "step 'desbloqueio' (trust_unlock) does not say where to go on outcome 'already_done'",
      code: 'missing_outcome',
      params: { step: 'desbloqueio', tool: 'trust_unlock', outcome: 'already_done' },
    });
    expect(found).toContainEqual({
      stepId: 'desbloqueio',
      path: `steps[${i}].on.online`,
      message:
        "step 'desbloqueio' maps outcome 'online', which trust_unlock never returns (it returns ok, not_allowed, already_done, not_found, erp_unavailable)",
      code: 'unknown_outcome',
      params: {
        step: 'desbloqueio',
        tool: 'trust_unlock',
        outcome: 'online',
        outcomes: 'ok, not_allowed, already_done, not_found, erp_unavailable',
      },
    });
  });

  it('needs the text and kind of an ERP ticket', () => {
    const found = issues(
      broken((f) => {
        delete step(f, 'abrir_chamado').ticketText;
        delete step(f, 'abrir_chamado').ticketKind;
      }),
    );
    expect(found.map((x) => [x.stepId, x.path, x.code, x.params?.field])).toEqual([
      ['abrir_chamado', `steps[${at('abrir_chamado')}].ticketText`, 'missing_field', 'ticketText'],
      ['abrir_chamado', `steps[${at('abrir_chamado')}].ticketKind`, 'missing_field', 'ticketKind'],
    ]);
  });

  it('needs where a "não" goes in a yes/no question, and refuses noNext elsewhere', () => {
    const found = issues(
      broken((f) => {
        delete step(f, 'algo_mais').noNext;
        step(f, 'pedir_documento').noNext = 'encerrar';
      }),
    );
    expect(found).toContainEqual({
      stepId: 'algo_mais',
      path: `steps[${at('algo_mais')}].noNext`,
      message: `step 'algo_mais' (yes/no) does not say where a "não" goes`,
      code: 'missing_no_branch',
      params: { step: 'algo_mais' },
    });
    expect(found).toContainEqual(
      expect.objectContaining({
        stepId: 'pedir_documento',
        path: `steps[${at('pedir_documento')}].noNext`,
        code: 'no_branch_not_yes_no',
      }),
    );
  });

  it('finds a step nothing leads to', () => {
    const found = issues(
      broken((f) => {
        f.steps.push({ id: 'esquecido', type: 'message', text: 'Oi', next: 'encerrar' });
      }),
    );
    expect(found).toEqual([
      {
        stepId: 'esquecido',
        path: `steps[${demo.steps.length}]`,
        message:
          "step 'esquecido' cannot be reached: nothing leads to it from the start, the hand-off or the fallback step",
        code: 'unreachable',
        params: { step: 'esquecido' },
      },
    ]);
  });

  it('finds a loop of steps that never wait for the customer', () => {
    const found = issues(
      broken((f) => {
        step(f, 'desbloqueio_ok').next = 'desbloqueio';
      }),
    );
    expect(found).toEqual([
      {
        stepId: 'desbloqueio',
        path: `steps[${at('desbloqueio')}]`,
        message:
          "steps 'desbloqueio' → 'desbloqueio_ok' form a loop that never waits for the customer (an infinite loop): put a menu or a question in it",
        code: 'loop',
        params: { steps: "'desbloqueio' → 'desbloqueio_ok'" },
      },
    ]);
  });

  it('finds a message pointing at itself and a loop through a contract question', () => {
    const flow: BotFlow = {
      schema: 1,
      name: 'Loops',
      greeting: 'Oi',
      start: 'a',
      handoffKeywords: [],
      handoffStep: 'fim',
      fallbackStep: 'fim',
      steps: [
        { id: 'a', type: 'message', text: 'a', next: 'a' },
        {
          id: 'contrato',
          type: 'ask',
          input: 'contract',
          text: 'Qual?',
          invalidText: 'Hein?',
          saveAs: 'contrato',
          maxAttempts: 2,
          onFail: 'fim',
          next: 'aviso',
        },
        { id: 'aviso', type: 'message', text: 'ok', next: 'contrato' },
        { id: 'fim', type: 'end', text: 'Tchau', resolved: false },
      ],
    };
    const found = issues(flow);
    expect(found.filter((x) => x.message.includes('infinite loop')).map((x) => x.stepId)).toEqual([
      'a',
      'contrato',
    ]);
    expect(found.filter((x) => x.message.includes('cannot be reached')).map((x) => x.stepId)).toEqual([
      'contrato',
      'aviso',
    ]);
  });

  it('accepts a loop through a menu (the customer answers each time)', () => {
    const steps: FlowStep[] = [
      {
        id: 'menu',
        type: 'menu',
        text: 'Escolha',
        options: [{ label: 'De novo', synonyms: [], next: 'aviso' }],
        invalidText: 'Hein?',
        maxAttempts: 2,
        onFail: 'fim',
      },
      { id: 'aviso', type: 'message', text: 'ok', next: 'menu' },
      { id: 'fim', type: 'end', text: 'Tchau', resolved: false },
    ];
    const r = checkFlow({
      schema: 1,
      name: 'ok',
      greeting: 'Oi',
      start: 'menu',
      steps,
      handoffKeywords: [],
      handoffStep: 'fim',
      fallbackStep: 'fim',
    });
    expect(r.ok).toBe(true);
  });

  it('finds two menu options answering to the same word', () => {
    const found = issues(
      broken((f) => {
        const menu = step(f, 'menu_principal') as { options: { synonyms: string[] }[] };
        menu.options[2]?.synonyms.push('Boleto');
      }),
    );
    expect(found).toEqual([
      {
        stepId: 'menu_principal',
        path: `steps[${at('menu_principal')}].options[2]`,
        message: "step 'menu_principal': options 1 and 3 both answer to 'boleto'",
        code: 'option_clash',
        params: { step: 'menu_principal', first: '1', second: '3', word: 'boleto' },
      },
    ]);
  });
});
