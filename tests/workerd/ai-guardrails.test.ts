// LLM-mode guardrails, checked on what the simulator really received: ERP secrets planted in a tool result
// never reach the model, a customer's full CPF/CNPJ never does either (history, message, tool results,
// classification, summary), answers come back masked, and a base URL outside the deployment's allowed
// origins is never contacted.
import { describe, expect, it } from 'vitest';
import { maskDocuments, toolResultForModel, withoutSecrets } from '../../workers/ai/guardrails';
import { brainFor, newKey, noTools, PASSAGES, recordingRunner, requestsOf, script } from './llm-sim';

const PASSWORD = 'S3nh@-Do-Portal-9931';
const PPPOE = 'pppoe-secret-7781';
const CPF = '529.982.247-25';
const CPF_DIGITS = '52998224725';
const CNPJ = '11.222.333/0001-81';
const CNPJ_DIGITS = '11222333000181';

const sent = async (key: string) => JSON.stringify(await requestsOf(key));

describe('LLM mode: guardrails', () => {
  it('never sends an ERP password, PPPoE secret or token from a tool result to the model', async () => {
    const key = newKey();
    const { brain } = brainFor([key]);
    const runner = recordingRunner(() => ({
      ok: true,
      result: {
        state: 'offline',
        login: 'cliente.1001',
        senha: PASSWORD,
        pppoe_password: PPPOE,
        nested: { portalPassword: PASSWORD, apiToken: 'tok-123', client_secret: 'cs-1' },
        contracts: [{ id: '1001', senha_central: PASSWORD }],
      },
    }));
    const reply = await brain.reply({
      history: [],
      message: 'minha internet caiu',
      passages: [],
      runTool: runner.run,
      contractIds: ['1001'],
    });
    expect(reply).toMatchObject({ kind: 'answer', toolsUsed: ['connection_status'] });
    const body = await sent(key);
    expect(body).toContain('cliente.1001'); // the tool result did reach the model…
    for (const secret of [PASSWORD, PPPOE, 'tok-123', 'cs-1']) expect(body).not.toContain(secret); // …its secrets not
  });

  it('never sends a full CPF or CNPJ from the conversation or a tool result to the model', async () => {
    const key = newKey();
    const { brain } = brainFor([key]);
    const runner = recordingRunner(() => ({ ok: true, result: { document: CNPJ_DIGITS, state: 'online' } }));
    await brain.reply({
      history: [
        { role: 'customer', text: `meu cpf é ${CPF}` },
        { role: 'bot', text: `Obrigado, encontrei o CNPJ ${CNPJ}.` },
      ],
      message: `como está minha conexão? cpf ${CPF_DIGITS}`,
      passages: PASSAGES,
      runTool: runner.run,
      contractIds: ['1001'],
    });
    await brain.classify(`meu cpf ${CPF_DIGITS}, quero a segunda via`);
    await brain.summarise([{ role: 'customer', text: `cnpj ${CNPJ_DIGITS} sem internet` }]);
    const body = await sent(key);
    expect((await requestsOf(key)).length).toBe(4);
    for (const full of [CPF, CPF_DIGITS, CNPJ, CNPJ_DIGITS]) expect(body).not.toContain(full);
    expect(body).toContain('***.982.247-**');
    expect(body).toContain('**.222.333/0001-**');
  });

  it('masks a CPF or CNPJ in the answer, even when the model writes one', async () => {
    const key = newKey();
    const { brain } = brainFor([key]);
    await script(key, [{ content: `Seu cadastro (CPF ${CPF}, empresa ${CNPJ_DIGITS}) está ativo.` }]);
    const reply = await brain.reply({
      history: [],
      message: 'meu cadastro está ativo?',
      passages: [],
      runTool: noTools,
    });
    expect(reply).toMatchObject({
      kind: 'answer',
      text: 'Seu cadastro (CPF ***.982.247-**, empresa **.222.333/0001-**) está ativo.',
    });
    // And an answer with personal data is not cached: the same question asks the model again.
    await script(key, [{ content: 'De novo.' }]);
    expect(
      await brain.reply({ history: [], message: 'meu cadastro está ativo?', passages: [], runTool: noTools }),
    ).toMatchObject({ text: 'De novo.' });
  });

  it('never forwards a JSON dump of a tool result: it counts as low confidence and a person takes over', async () => {
    const key = newKey();
    const { brain } = brainFor([key]);
    const ask = () => brain.reply({ history: [], message: 'minha fatura', passages: [], runTool: noTools });
    for (const content of [
      '{"outcome":"not_found","data":[]}',
      'Resultado: {"outcome":"ok","data":[{"amount":99.9}]}',
      '[{"dueDate":"2026-12-10"}]',
    ]) {
      await script(key, [{ content }]);
      expect(await ask()).toEqual({ kind: 'handoff', reason: 'low_confidence', text: null });
    }
    // Braces in a worded answer are not a dump.
    await script(key, [{ content: 'Sua fatura {vence dia 10}.' }]);
    expect(await ask()).toMatchObject({ kind: 'answer', text: 'Sua fatura {vence dia 10}.' });
  });

  it('never contacts a base URL outside the allowed origins', async () => {
    const key = newKey();
    const { brain } = brainFor([key], { privateOrigins: [] });
    expect(await brain.reply({ ...{ history: [], message: 'oi', passages: [], runTool: noTools } })).toEqual({
      kind: 'unavailable',
      reason: 'error',
    });
    expect(await requestsOf(key)).toEqual([]);
  });

  it('masks documents formatted or bare, and leaves boleto lines, PIX codes and phones alone', () => {
    expect(maskDocuments(`cpf ${CPF} / ${CPF_DIGITS} / 529982247-25`)).toBe(
      'cpf ***.982.247-** / ***.982.247-** / ***.982.247-**',
    );
    expect(maskDocuments(`cnpj ${CNPJ} / ${CNPJ_DIGITS}`)).toBe(
      'cnpj **.222.333/0001-** / **.222.333/0001-**',
    );
    const kept = [
      '34191.79001 01043.510047 91020.150008 1 12340000008990',
      '00020126580014BR.GOV.BCB.PIX0136123e4567-e12b-12d1-a456-4266554400005204000053039865406089.905802BR',
      '+5511987654321',
      'protocolo 2026120300001',
    ];
    for (const text of kept) expect(maskDocuments(text)).toBe(text);
  });

  it('drops secret-looking keys at any depth and bounds what a tool result sends', () => {
    expect(withoutSecrets({ a: 1, Senha: 'x', list: [{ pppoe: 'y', ok: true }], access_token: 'z' })).toEqual(
      {
        a: 1,
        list: [{ ok: true }],
      },
    );
    const big = toolResultForModel({ ok: true, result: { text: 'x'.repeat(50_000) } });
    expect(big.length).toBeLessThanOrEqual(8000);
  });
});
