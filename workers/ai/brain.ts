// What the bot asks of the LLM, independent of the SDK: answer a customer's message (knowledge base and ERP
// tools allowed), classify a message, summarise a conversation for the hand-off. Every call has a deadline
// and ends in a value or a reason it could not answer; the caller (the bot) then falls back to the menu.
import type { ToolName } from '../contract';

export interface AiConfig {
  tenantId: string;
  baseUrl: string;
  model: string;
  /** The key pool (decrypted): tried in turn, each cooled down on 429 and disabled on 401. */
  keys: string[];
  /** One overall deadline per reply (default 8 s). */
  deadlineMs: number;
  /** The tenant's language for prompts and answers ('pt-BR' default). */
  locale: 'pt-BR' | 'en';
  /** Loopback/private origins this deployment allows (the LLM simulator locally). */
  privateOrigins: readonly string[];
  fetch: typeof fetch;
  /** The endpoint's circuit breaker (defaults: opens after 3 failures within 60 s, half-open after 30 s). */
  breaker?: { failures?: number; windowMs?: number; cooldownMs?: number };
  /** Told of every failed call (the metrics' fio_llm_errors_total); must not throw. */
  onFailure?: (reason: LlmFailure) => void;
}

/** Why an LLM call failed, as counted: one attempt can fail several ways before the reply gives up. */
export type LlmFailure =
  | 'timeout'
  | 'rate_limited'
  | 'unauthorized'
  | 'server_error'
  | 'network'
  | 'refused'
  | 'breaker_open'
  | 'no_keys'
  | 'empty_answer';

export interface ChatTurn {
  role: 'customer' | 'bot' | 'agent';
  text: string;
}

export interface KnowledgePassage {
  articleId: string;
  title: string;
  text: string;
}

/** Runs one ERP tool for the model (the bot's executor: same demand rules as a flow's tool step). */
export type ToolRunner = (name: ToolName, args: unknown) => Promise<{ ok: boolean; result: unknown }>;

export type AiReply =
  | { kind: 'answer'; text: string; citations: { articleId: string; title: string }[]; toolsUsed: ToolName[] }
  | {
      kind: 'handoff';
      reason: 'requested' | 'low_confidence' | 'negative_sentiment' | 'repeated_failure';
      text: string | null;
    }
  | { kind: 'unavailable'; reason: 'deadline' | 'breaker_open' | 'no_keys' | 'error' };

export interface Classification {
  intent: string;
  sentiment: 'positive' | 'neutral' | 'negative';
  tags: string[];
  priority: number | null;
}

export interface Brain {
  reply(input: {
    history: ChatTurn[];
    message: string;
    passages: KnowledgePassage[];
    runTool: ToolRunner;
    /** The identified customer's contract ids (ids only), so the model can fill tool arguments. */
    contractIds?: readonly string[];
  }): Promise<AiReply>;
  classify(message: string): Promise<Classification | null>;
  summarise(history: ChatTurn[]): Promise<string | null>;
}
