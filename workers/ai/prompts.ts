// What the model is told, in the tenant's language (pt-BR first, English too). The passages and the
// conversation are masked (CPF/CNPJ) before they are placed here; nothing else about the tenant or any other
// tenant is ever added. The simulator (scripts/llm-simulator) reads the same markers: `### Artigo:` /
// `### Article:` before each passage and the contracts line.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { AiConfig, ChatTurn, KnowledgePassage } from './brain';
import { maskDocuments } from './guardrails';

type Locale = AiConfig['locale'];

const SYSTEM: Record<Locale, string> = {
  'pt-BR': [
    'Você é o assistente de atendimento de um provedor de internet (ISP) brasileiro, falando com um cliente pelo WhatsApp.',
    'Responda sempre em português do Brasil, em até 3 frases curtas, com cordialidade.',
    'Responda SOMENTE com base nos artigos abaixo ou nos resultados das ferramentas; nunca invente informações.',
    'Quando usar um artigo, cite o título assim: (Fonte: <título do artigo>).',
    'Nunca invente números de fatura, valores, linhas digitáveis, códigos PIX ou protocolos: use apenas os que as ferramentas devolverem.',
    'Para faturas, conexão, desbloqueio ou chamados, chame a ferramenta correspondente antes de responder.',
    'Se o cliente pedir um atendente, estiver irritado, ou se você não tiver certeza da resposta, chame a função handoff com o motivo (requested, negative_sentiment ou low_confidence) e a sua confiança de 0 a 1.',
    'Nunca peça nem repita senhas. Documentos (CPF/CNPJ) aparecem mascarados; não tente adivinhá-los.',
  ].join('\n'),
  en: [
    "You are a Brazilian internet service provider's (ISP) support assistant, talking to a customer on WhatsApp.",
    'Always answer in English, in at most 3 short, friendly sentences.',
    'Answer ONLY from the articles below or from tool results; never make anything up.',
    'When you use an article, cite its title like this: (Source: <article title>).',
    'Never invent invoice numbers, amounts, digitable lines, PIX codes or protocols: only use those the tools return.',
    'For invoices, connection, unlocking or tickets, call the matching tool before answering.',
    'If the customer asks for a person, is upset, or you are not sure of the answer, call the handoff function with the reason (requested, negative_sentiment or low_confidence) and your confidence from 0 to 1.',
    'Never ask for or repeat passwords. Documents (CPF/CNPJ) appear masked; do not try to guess them.',
  ].join('\n'),
};

const LABELS: Record<Locale, { articles: string; article: string; none: string; contracts: string }> = {
  'pt-BR': {
    articles: 'Artigos da base de conhecimento:',
    article: '### Artigo:',
    none: '(nenhum artigo relevante encontrado)',
    contracts: 'Contratos do cliente:',
  },
  en: {
    articles: 'Knowledge base articles:',
    article: '### Article:',
    none: '(no relevant article found)',
    contracts: "Customer's contracts:",
  },
};

/** At most this much of each passage and of the history goes into a prompt. */
const PASSAGE_MAX_CHARS = 2000;
const HISTORY_TURNS = 10;

export function replyMessages(
  locale: Locale,
  input: {
    history: ChatTurn[];
    message: string;
    passages: KnowledgePassage[];
    contractIds?: readonly string[];
  },
): ChatCompletionMessageParam[] {
  const l = LABELS[locale];
  const passages = input.passages.length
    ? input.passages.map((p) => `${l.article} ${p.title}\n${p.text.slice(0, PASSAGE_MAX_CHARS)}`).join('\n\n')
    : l.none;
  const contracts = input.contractIds?.length ? `\n\n${l.contracts} ${input.contractIds.join(', ')}` : '';
  const system = `${SYSTEM[locale]}\n\n${l.articles}\n\n${passages}${contracts}`;
  return [
    { role: 'system', content: maskDocuments(system) },
    ...historyMessages(input.history),
    { role: 'user', content: maskDocuments(input.message) },
  ];
}

/** The conversation so far as chat messages: the customer is the user; the bot and agents the assistant. */
export function historyMessages(history: ChatTurn[]): ChatCompletionMessageParam[] {
  return history
    .slice(-HISTORY_TURNS)
    .map((turn) =>
      turn.role === 'customer'
        ? { role: 'user' as const, content: maskDocuments(turn.text) }
        : { role: 'assistant' as const, content: maskDocuments(turn.text) },
    );
}

export const INTENTS = [
  'segunda_via',
  'desbloqueio',
  'sem_conexao',
  'lentidao',
  'cancelamento',
  'comercial',
  'outro',
] as const;

export function classifyMessages(message: string): ChatCompletionMessageParam[] {
  const system = [
    'Classify the message of a Brazilian ISP customer. Reply with JSON only:',
    `{"intent": one of ${INTENTS.join('|')}, "sentiment": "positive"|"neutral"|"negative", "tags": [up to 3 short lowercase tags], "priority": 1..5 (5 = most urgent)}`,
  ].join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: maskDocuments(message) },
  ];
}

const SUMMARY: Record<Locale, string> = {
  'pt-BR':
    'Resuma esta conversa de atendimento para o atendente humano que vai assumir: 1 a 3 frases em português do Brasil, o que o cliente quer, o que já foi feito e o que falta. Não repita documentos nem senhas.',
  en: 'Summarise this support conversation for the human agent taking over: 1 to 3 sentences in English, what the customer wants, what was done and what is left. Do not repeat documents or passwords.',
};

export function summaryMessages(locale: Locale, history: ChatTurn[]): ChatCompletionMessageParam[] {
  const transcript = history
    .slice(-30)
    .map((t) => `${t.role}: ${t.text}`)
    .join('\n');
  return [
    { role: 'system', content: SUMMARY[locale] },
    { role: 'user', content: maskDocuments(transcript) },
  ];
}
