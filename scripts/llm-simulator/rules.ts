// How the simulated model "thinks": deterministic rules good enough for the demo and the tests. Given the
// chat request it decides one turn: a tool call, a handoff call, a JSON classification, a summary or an
// answer quoted from the most relevant knowledge-base passage in the prompt (citing its title), or from the
// last tool result. It reads the prompt markers workers/ai/prompts.ts writes (`### Artigo:`, the contracts
// line); it never invents data that is not in the request.
import { z } from 'zod';

const Part = z.object({ type: z.string(), text: z.string().optional() }).passthrough();
const Message = z
  .object({
    role: z.string(),
    content: z.union([z.string(), z.array(Part), z.null()]).optional(),
    tool_calls: z
      .array(z.object({ id: z.string(), function: z.object({ name: z.string(), arguments: z.string() }) }))
      .optional(),
    tool_call_id: z.string().optional(),
  })
  .passthrough();
export const ChatRequest = z
  .object({
    model: z.string().min(1),
    messages: z.array(Message).min(1),
    stream: z.boolean().optional(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).passthrough().nullish(),
    tools: z
      .array(
        z.object({ type: z.string(), function: z.object({ name: z.string() }).passthrough() }).passthrough(),
      )
      .optional(),
    response_format: z.object({ type: z.string() }).passthrough().optional(),
  })
  .passthrough();
export type ChatRequest = z.infer<typeof ChatRequest>;
type Message = z.infer<typeof Message>;

export interface Turn {
  content: string | null;
  toolCalls: { name: string; arguments: string }[];
}

const text = (m: Message | undefined): string =>
  typeof m?.content === 'string' ? m.content : (m?.content ?? []).map((p) => p.text ?? '').join('');

/** Lowercase without accents, for keyword rules. */
const plain = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

const HANDOFF_WORDS = /\b(atendente|humano|pessoa de verdade|falar com alguem|human|agent|representative)\b/;
const ANGRY_WORDS =
  /\b(absurdo|pessimo|horrivel|ridiculo|raiva|lixo|procon|palhacada|vergonha|terrible|awful|ridiculous|furious)\b/;
const TOOL_RULES: [RegExp, string][] = [
  [
    /\b(fatura|faturas|boleto|2a via|2ª via|segunda via|2 via|invoice|invoices|bill|pix)\b/,
    'list_open_invoices',
  ],
  [/\b(desbloque\w*|liberar|unlock)\b/, 'trust_unlock'],
  [/\b(manutencao|maintenance|outage)\b/, 'planned_maintenance'],
  [
    /\b(sem internet|internet caiu|caiu|sem conexao|conexao|offline|nao funciona|connection|status)\b/,
    'connection_status',
  ],
];
const STOPWORDS = new Set(
  'que qual quais como para por com uma uns umas dos das nos nas meu minha sua seu voce voces esta isso isto the what how for with and you your are is'.split(
    ' ',
  ),
);

export function decide(request: ChatRequest): Turn {
  const system = request.messages
    .filter((m) => m.role === 'system' || m.role === 'developer')
    .map(text)
    .join('\n');
  const english = /You are|Summarise|Classify/.test(system) && !/Você é|Resuma/.test(system);
  if (request.response_format?.type === 'json_object')
    return say(JSON.stringify(classify(lastUser(request))));
  const tools = new Set((request.tools ?? []).map((t) => t.function.name));
  if (tools.size === 0 && /Resuma|Summarise/.test(system)) return say(summarise(request, english));
  const last = request.messages.at(-1);
  if (last?.role === 'tool') return say(fromToolResult(request, last, english));
  const question = lastUser(request);
  const q = plain(question);
  if (tools.has('handoff') && HANDOFF_WORDS.test(q))
    return call('handoff', { reason: 'requested', confidence: 0.9 });
  if (tools.has('handoff') && ANGRY_WORDS.test(q))
    return call('handoff', { reason: 'negative_sentiment', confidence: 0.6 });
  for (const [pattern, tool] of TOOL_RULES) {
    if (pattern.test(q) && tools.has(tool)) {
      const contractId = contractOf(request) ?? '0';
      const args: Record<string, string> = { contractId };
      if (tool === 'open_ticket') Object.assign(args, { text: question.slice(0, 200), kind: 'technical' });
      return call(tool, args);
    }
  }
  const best = bestPassage(system, q);
  if (best) {
    const excerpt = best.text
      .split(/(?<=[.!?])\s+/)
      .slice(0, 2)
      .join(' ')
      .trim();
    return english
      ? say(`According to the article "${best.title}": ${excerpt} (Source: ${best.title})`)
      : say(`Segundo o artigo “${best.title}”: ${excerpt} (Fonte: ${best.title})`);
  }
  return tools.has('handoff')
    ? call('handoff', { reason: 'low_confidence', confidence: 0.2 })
    : say(english ? 'I could not find that.' : 'Não encontrei essa informação.');
}

const say = (content: string): Turn => ({ content, toolCalls: [] });
const call = (name: string, args: Record<string, unknown>): Turn => ({
  content: null,
  toolCalls: [{ name, arguments: JSON.stringify(args) }],
});

function lastUser(request: ChatRequest): string {
  return text([...request.messages].reverse().find((m) => m.role === 'user'));
}

/** The contract to ask about: the prompt's contracts line, else the first contract a tool result named. */
function contractOf(request: ChatRequest): string | null {
  const all = request.messages.map(text).join('\n');
  const line = /(?:Contratos do cliente|Customer's contracts): *([\w-]+)/.exec(all);
  if (line?.[1]) return line[1];
  const fromTool = /"contractId":"([\w-]+)"/.exec(all) ?? /"contracts":\[\{"id":"([\w-]+)"/.exec(all);
  return fromTool?.[1] ?? null;
}

/** Passages as the prompt lists them: `### Artigo: <title>` then its text, up to the next marker. */
function passagesIn(system: string): { title: string; text: string }[] {
  const out: { title: string; text: string }[] = [];
  const re =
    /^### (?:Artigo|Article): (.+)\n([\s\S]*?)(?=\n### (?:Artigo|Article): |\n\n(?:Contratos do cliente|Customer's contracts):|$(?![\s\S]))/gm;
  for (let m = re.exec(system); m; m = re.exec(system))
    out.push({ title: (m[1] ?? '').trim(), text: (m[2] ?? '').trim() });
  return out;
}

function bestPassage(system: string, question: string) {
  const words = question.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3 && !STOPWORDS.has(w));
  let best: { title: string; text: string } | null = null;
  let bestScore = 0;
  for (const p of passagesIn(system)) {
    const title = plain(p.title);
    const body = plain(p.text);
    const score = words.reduce((s, w) => s + (title.includes(w) ? 3 : 0) + (body.includes(w) ? 1 : 0), 0);
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}

function fromToolResult(request: ChatRequest, last: Message, english: boolean): string {
  const callMessage = request.messages.find((m) => m.tool_calls?.some((c) => c.id === last.tool_call_id));
  const name = callMessage?.tool_calls?.find((c) => c.id === last.tool_call_id)?.function.name ?? 'tool';
  let parsed: { ok?: boolean; result?: unknown } = {};
  try {
    parsed = JSON.parse(text(last)) as typeof parsed;
  } catch {}
  // The bot's runner wraps the tool's value as {outcome, data}; a bare value is read as it is.
  const wrapped = parsed.result as { outcome?: unknown; data?: unknown } | null | undefined;
  const outcome = wrapped && typeof wrapped.outcome === 'string' ? wrapped.outcome : null;
  const r = (outcome ? wrapped?.data : parsed.result) as
    | Record<string, unknown>
    | Record<string, unknown>[]
    | null
    | undefined;
  const refusal = r && !Array.isArray(r) && typeof r.error === 'string' ? r.error : null;
  if (refusal === 'customer_not_identified')
    return english
      ? 'To look that up I need to identify you first: what is your CPF or CNPJ?'
      : 'Para consultar isso preciso identificar você primeiro: qual é o seu CPF ou CNPJ?';
  if (refusal === 'contract_not_found')
    return english ? 'Which of your contracts is this about?' : 'De qual dos seus contratos estamos falando?';
  if (!parsed.ok) {
    const why = (r && !Array.isArray(r) && typeof r.message === 'string' && r.message) || '';
    return english
      ? `I could not complete that right now${why ? `: ${why}` : ''}.`
      : `Não consegui concluir agora${why ? `: ${why}` : ''}.`;
  }
  if (name === 'list_open_invoices' && (Array.isArray(r) || outcome === 'not_found')) {
    if (!Array.isArray(r) || r.length === 0)
      return english ? 'You have no open invoices.' : 'Você não tem faturas em aberto.';
    const lines = r.map((i) =>
      english
        ? `due ${String(i.dueDate)}, R$ ${money(i.amount, 'en')}${i.digitableLine ? `, digitable line ${String(i.digitableLine)}` : ''}`
        : `vencimento ${dateBr(i.dueDate)}, R$ ${money(i.amount, 'pt-BR')}${i.digitableLine ? `, linha digitável ${String(i.digitableLine)}` : ''}`,
    );
    return english
      ? `You have ${r.length} open invoice(s): ${lines.join('; ')}.`
      : `Você tem ${r.length} fatura(s) em aberto: ${lines.join('; ')}.`;
  }
  const o = (Array.isArray(r) ? {} : (r ?? {})) as Record<string, unknown>;
  if (name === 'connection_status')
    return english ? `Your connection is ${String(o.state)}.` : `Sua conexão está ${String(o.state)}.`;
  if (name === 'trust_unlock')
    return english
      ? `Trust unlock granted until ${String(o.until)}.`
      : `Desbloqueio de confiança concedido até ${String(o.until)}.`;
  if (name === 'open_ticket')
    return english
      ? `Ticket opened, protocol ${String(o.protocol)}.`
      : `Chamado aberto, protocolo ${String(o.protocol)}.`;
  if (name === 'planned_maintenance' && Array.isArray(r))
    return r.length === 0
      ? english
        ? 'There is no maintenance planned in your area.'
        : 'Não há manutenção prevista na sua região.'
      : `${english ? 'Maintenance in your area' : 'Manutenção na sua região'}: ${String(r[0]?.description)}.`;
  // A model words what it got; it does not paste data at the customer.
  return english
    ? 'I checked, but I could not find an answer to that. Would you like to talk to an agent?'
    : 'Consultei, mas não encontrei uma resposta para isso. Quer falar com um atendente?';
}

/** 99.9 → "99,90" (pt-BR) or "99.90". */
function money(amount: unknown, locale: 'pt-BR' | 'en'): string {
  const n = Number(amount);
  if (!Number.isFinite(n)) return String(amount);
  const fixed = n.toFixed(2);
  return locale === 'pt-BR' ? fixed.replace('.', ',') : fixed;
}

/** "2026-12-10" → "10/12/2026". */
function dateBr(date: unknown): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(date));
  return m ? `${m[3]}/${m[2]}/${m[1]}` : String(date);
}

const INTENT_RULES: [RegExp, string][] = [
  [/\b(fatura|boleto|2a via|segunda via|2 via|invoice|bill|pix)\b/, 'segunda_via'],
  [/\b(desbloque\w*|liberar|unlock)\b/, 'desbloqueio'],
  [/\b(cancelar|cancelamento|cancel)\b/, 'cancelamento'],
  [/\b(lent[ao]|lentidao|devagar|slow)\b/, 'lentidao'],
  [/\b(sem internet|caiu|sem conexao|offline|nao funciona|down)\b/, 'sem_conexao'],
  [/\b(plano|planos|contratar|assinar|preco|upgrade|plan)\b/, 'comercial'],
];

function classify(message: string) {
  const q = plain(message);
  const intent = INTENT_RULES.find(([re]) => re.test(q))?.[1] ?? 'outro';
  const sentiment = ANGRY_WORDS.test(q)
    ? 'negative'
    : /\b(obrigad[oa]|otimo|thanks|great)\b/.test(q)
      ? 'positive'
      : 'neutral';
  const priority = sentiment === 'negative' || intent === 'sem_conexao' || intent === 'cancelamento' ? 4 : 2;
  return { intent, sentiment, tags: [intent], priority };
}

function summarise(request: ChatRequest, english: boolean): string {
  const transcript = request.messages
    .filter((m) => m.role === 'user')
    .map(text)
    .join('\n');
  const customer = transcript
    .split('\n')
    .filter((l) => l.startsWith('customer:'))
    .map((l) => l.slice('customer:'.length).trim());
  const first = customer[0] ?? transcript.slice(0, 120);
  const lastLine = customer.at(-1) ?? first;
  const intent = classify(customer.join(' ')).intent;
  return english
    ? `The customer wrote: "${first.slice(0, 160)}". Likely topic: ${intent}. Last message: "${lastLine.slice(0, 160)}".`
    : `O cliente escreveu: “${first.slice(0, 160)}”. Assunto provável: ${intent}. Última mensagem: “${lastLine.slice(0, 160)}”.`;
}
