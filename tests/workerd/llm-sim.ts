// Helpers for the LLM-mode tests: a Brain for a fresh tenant (its own keys, so its faults, scripts and
// recorded requests in the shared simulator are its own), and the simulator's control API.
import { env } from 'cloudflare:workers';
import type { AiConfig, Brain, KnowledgePassage, ToolRunner } from '../../workers/ai/brain';
import { createBrain } from '../../workers/ai/index';

export const LLM = env.FIO_TEST_LLM_URL;
export const PRIVATE = (env.PROVIDER_PRIVATE_ORIGINS ?? '').split(',');

export const newKey = (label = 'k') => `sk-sim-${label}-${crypto.randomUUID()}`;

export function brainFor(
  keys: string[],
  overrides: Partial<AiConfig> = {},
): { brain: Brain; config: AiConfig } {
  const config: AiConfig = {
    tenantId: crypto.randomUUID(),
    baseUrl: `${LLM}/v1`,
    model: 'fio-sim-1',
    keys,
    deadlineMs: 4000,
    locale: 'pt-BR',
    privateOrigins: PRIVATE,
    fetch: (input, init) => fetch(input, init),
    ...overrides,
  };
  return { brain: createBrain(config), config };
}

export interface Recorded {
  key: string | null;
  body: unknown;
  outcome: number | 'hang' | 'down';
}

export async function requestsOf(key: string): Promise<Recorded[]> {
  const res = await fetch(`${LLM}/_control/requests?key=${encodeURIComponent(key)}`);
  return ((await res.json()) as { requests: Recorded[] }).requests;
}

export async function fault(body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${LLM}/_control/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`fault refused: ${await res.text()}`);
}

export async function clearFault(key: string): Promise<void> {
  await fetch(`${LLM}/_control/faults?key=${encodeURIComponent(key)}`, { method: 'DELETE' });
}

export async function script(key: string, responses: Record<string, unknown>[]): Promise<void> {
  const res = await fetch(`${LLM}/_control/script`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key, responses }),
  });
  if (res.status !== 200) throw new Error(`script refused: ${await res.text()}`);
}

export const PASSAGES: KnowledgePassage[] = [
  {
    articleId: 'kb-horario',
    title: 'Horário de atendimento',
    text: 'Nosso atendimento humano funciona de segunda a sexta, das 8h às 20h, e aos sábados das 8h às 14h.',
  },
  {
    articleId: 'kb-roteador',
    title: 'Como reiniciar o roteador',
    text: 'Desligue o roteador da tomada, espere 30 segundos e ligue de novo. As luzes devem ficar verdes.',
  },
];

/** A runner that records its calls and answers with `result` for every tool. */
export function recordingRunner(result: (name: string, args: unknown) => { ok: boolean; result: unknown }) {
  const calls: { name: string; args: unknown }[] = [];
  const run: ToolRunner = async (name, args) => {
    calls.push({ name, args });
    return result(name, args);
  };
  return { run, calls };
}

export const noTools: ToolRunner = async () => ({ ok: false, result: { error: 'no tools in this test' } });
