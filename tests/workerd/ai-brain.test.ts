// LLM mode against the OpenAI-compatible simulator over real sockets: the model answers a knowledge-base
// question citing the article, calls an ERP tool by function calling and answers from its result, hands off
// when asked or upset, classifies and summarises; knowledge-base answers are cached, tool answers never.
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { brainFor, LLM, newKey, noTools, PASSAGES, recordingRunner, requestsOf, script } from './llm-sim';

describe('LLM mode: answers', () => {
  it('answers a knowledge-base question from the passage and cites the article', async () => {
    const key = newKey();
    const { brain } = brainFor([key]);
    const reply = await brain.reply({
      history: [],
      message: 'Qual o horário de atendimento de vocês?',
      passages: PASSAGES,
      runTool: noTools,
    });
    expect(reply.kind).toBe('answer');
    if (reply.kind !== 'answer') return;
    expect(reply.text).toContain('das 8h às 20h');
    expect(reply.text).toContain('Horário de atendimento');
    expect(reply.citations).toEqual([{ articleId: 'kb-horario', title: 'Horário de atendimento' }]);
    expect(reply.toolsUsed).toEqual([]);
    // The model saw the passages in the tenant's language, with SDK retries off (one request).
    const requests = await requestsOf(key);
    expect(requests).toHaveLength(1);
    expect(JSON.stringify(requests[0]?.body)).toContain('### Artigo: Horário de atendimento');
    expect(JSON.stringify(requests[0]?.body)).toContain('Responda sempre em português do Brasil');
  });

  it('answers in English for an English tenant', async () => {
    const key = newKey();
    const { brain } = brainFor([key], { locale: 'en' });
    const reply = await brain.reply({
      history: [],
      message: 'How do I restart the router?',
      passages: [{ articleId: 'kb-en', title: 'Restarting the router', text: 'Unplug it, wait 30 seconds.' }],
      runTool: noTools,
    });
    expect(reply).toMatchObject({ kind: 'answer', citations: [{ articleId: 'kb-en' }] });
    expect(JSON.stringify((await requestsOf(key))[0]?.body)).toContain('Always answer in English');
  });

  it('calls an ERP tool by function calling and answers from its result', async () => {
    const key = newKey();
    const { brain } = brainFor([key]);
    const runner = recordingRunner(() => ({
      ok: true,
      result: [{ id: 'inv-77', dueDate: '2026-12-10', amount: 99.9, digitableLine: null, pixCode: null }],
    }));
    const reply = await brain.reply({
      history: [{ role: 'customer', text: 'oi' }],
      message: 'preciso da segunda via da minha fatura',
      passages: [],
      runTool: runner.run,
      contractIds: ['1001'],
    });
    expect(runner.calls).toEqual([{ name: 'list_open_invoices', args: { contractId: '1001' } }]);
    expect(reply).toMatchObject({ kind: 'answer', toolsUsed: ['list_open_invoices'] });
    if (reply.kind === 'answer') expect(reply.text).toContain('R$ 99,90');
    // Two rounds: the tool call, then the answer with the tool result; the functions came from the contract.
    const requests = await requestsOf(key);
    expect(requests).toHaveLength(2);
    const first = requests[0]?.body as { tools: { function: { name: string; parameters: unknown } }[] };
    expect(first.tools.map((t) => t.function.name)).toContain('list_open_invoices');
    expect(first.tools.map((t) => t.function.name)).toContain('handoff');
    expect(
      first.tools.find((t) => t.function.name === 'list_open_invoices')?.function.parameters,
    ).toMatchObject({ type: 'object', required: ['contractId'] });
  });

  it('hands off when the customer asks for a person, is upset, or nothing answers the question', async () => {
    const { brain } = brainFor([newKey()]);
    const ask = (message: string) =>
      brain.reply({ history: [], message, passages: PASSAGES, runTool: noTools });
    expect(await ask('quero falar com um atendente')).toMatchObject({ kind: 'handoff', reason: 'requested' });
    expect(await ask('isso é um absurdo, serviço péssimo')).toMatchObject({
      kind: 'handoff',
      reason: 'negative_sentiment',
    });
    expect(await ask('vocês vendem ingressos de cinema?')).toMatchObject({
      kind: 'handoff',
      reason: 'low_confidence',
    });
  });

  it('says so when a tool failed once, and hands off after repeated tool failures instead of looping', async () => {
    const key = newKey();
    const { brain } = brainFor([key]);
    const runner = recordingRunner(() => ({ ok: false, result: { code: 'erp_unavailable' } }));
    const ask = () =>
      brain.reply({
        history: [],
        message: 'minha internet caiu',
        passages: [],
        runTool: runner.run,
        contractIds: ['1001'],
      });
    const once = await ask();
    expect(once).toMatchObject({ kind: 'answer', toolsUsed: ['connection_status'] });
    if (once.kind === 'answer') expect(once.text).toContain('Não consegui concluir agora');
    // A model that keeps calling failing tools: a person takes over after the second failure.
    const call = { toolCalls: [{ name: 'connection_status', arguments: { contractId: '1001' } }] };
    await script(key, [call, call, call]);
    expect(await ask()).toEqual({ kind: 'handoff', reason: 'repeated_failure', text: null });
    expect(runner.calls).toHaveLength(3);
  });

  it('classifies a message into intent, sentiment, tags and priority', async () => {
    const key = newKey();
    const { brain } = brainFor([key]);
    const result = await brain.classify('minha internet caiu de novo, que absurdo');
    expect(result).toEqual({
      intent: 'sem_conexao',
      sentiment: 'negative',
      tags: ['sem_conexao', 'insatisfeito'],
      priority: 4,
    });
    const body = (await requestsOf(key))[0]?.body as { response_format?: { type: string } };
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(await brain.classify('quero contratar um plano maior')).toMatchObject({ intent: 'comercial' });
  });

  it('summarises the conversation for the agent in 1 to 3 sentences, masked', async () => {
    const { brain } = brainFor([newKey()]);
    const summary = await brain.summarise([
      { role: 'customer', text: 'minha internet caiu, meu cpf é 529.982.247-25' },
      { role: 'bot', text: 'Vou verificar sua conexão.' },
      { role: 'customer', text: 'continua sem funcionar' },
    ]);
    expect(summary).toBeTypeOf('string');
    expect(summary).toContain('***.982.247-**');
    expect(summary).not.toContain('529.982.247-25');
    expect((summary ?? '').split(/(?<=[.!?]["”’)]?)\s+/).length).toBeLessThanOrEqual(3);
    expect(await brain.summarise([])).toBeNull();
  });
});

describe('LLM mode: knowledge-base cache', () => {
  it('answers the same question over the same passages from the cache, per tenant', async () => {
    const key = newKey();
    const { brain, config } = brainFor([key]);
    const ask = (message: string) =>
      brain.reply({ history: [], message, passages: PASSAGES, runTool: noTools });
    const first = await ask('Qual o horário de atendimento?');
    const second = await ask('qual o HORÁRIO de atendimento');
    expect(second).toEqual(first);
    expect(await requestsOf(key)).toHaveLength(1);
    // Another tenant on the same endpoint, model and key never gets this tenant's cached answer.
    const other = brainFor([key], { tenantId: crypto.randomUUID(), model: config.model }).brain;
    await other.reply({
      history: [],
      message: 'Qual o horário de atendimento?',
      passages: PASSAGES,
      runTool: noTools,
    });
    expect(await requestsOf(key)).toHaveLength(2);
  });

  it('never caches an answer that used a tool, or one with personal data', async () => {
    const key = newKey();
    const { brain } = brainFor([key]);
    const runner = recordingRunner(() => ({ ok: true, result: { state: 'online' } }));
    const ask = () =>
      brain.reply({
        history: [],
        message: 'como está minha conexão?',
        passages: PASSAGES,
        runTool: runner.run,
        contractIds: ['1001'],
      });
    await ask();
    await ask();
    expect(runner.calls).toHaveLength(2);
    expect(await requestsOf(key)).toHaveLength(4);
    const personal = () =>
      brain.reply({
        history: [],
        message: 'horário de atendimento? meu cpf 52998224725',
        passages: PASSAGES,
        runTool: noTools,
      });
    await personal();
    await personal();
    expect(await requestsOf(key)).toHaveLength(6);
  });
});

describe('LLM simulator', () => {
  it('streams chat completions as SSE chunks the SDK reads, tool calls included', async () => {
    const client = new OpenAI({ apiKey: newKey(), baseURL: `${LLM}/v1`, maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'fio-sim-1',
      stream: true,
      messages: [
        { role: 'system', content: 'Você é\n\n### Artigo: Horário de atendimento\nAtendemos das 8h às 20h.' },
        { role: 'user', content: 'horário de atendimento?' },
      ],
    });
    let text = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toContain('Atendemos das 8h às 20h.');
    expect(finish).toBe('stop');
    const tools = await client.chat.completions.create({
      model: 'fio-sim-1',
      stream: true,
      messages: [{ role: 'user', content: 'minha fatura' }],
      tools: [{ type: 'function', function: { name: 'list_open_invoices', parameters: { type: 'object' } } }],
    });
    let name = '';
    let args = '';
    for await (const chunk of tools) {
      const call = chunk.choices[0]?.delta.tool_calls?.[0];
      name += call?.function?.name ?? '';
      args += call?.function?.arguments ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(name).toBe('list_open_invoices');
    expect(JSON.parse(args)).toEqual({ contractId: '0' });
    expect(finish).toBe('tool_calls');
  });

  it('refuses a malformed control request with a clear error and changes nothing', async () => {
    const res = await fetch(`${LLM}/_control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'x', mode: 'explode' }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('mode');
  });
});
