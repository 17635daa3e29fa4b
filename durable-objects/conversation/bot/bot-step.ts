// One bot step: a customer's message (or the start of a ticket) through the engine, and the actions it
// returns executed in order. A tool call or a question to the LLM feeds its result back to the engine as the
// next input, until the engine waits for the customer again. Every append checks first that the ticket is
// still the bot's (an agent may have taken it meanwhile) and drops what is left otherwise. Messages carry a
// clientId derived from the input's seq, the turn and the action's index, so a retried step stores nothing
// twice; ERP writes go through the demand rule (tool-runner.ts). The model's tool calls are bound to the
// identified customer's contracts (tool-binding.ts).
import type { ChatTurn } from '../../../workers/ai/brain';
import { advance, initialBotState } from '../../../workers/bot/engine';
import type { BotAction, BotContext, BotInput } from '../../../workers/bot/engine-types';
import type { Attachment, BotActivityCode, TicketChange, TicketSnapshot } from '../../../workers/contract';
import type { ConversationRef } from '../../../workers/services/conversation-names';
import { searchKnowledge } from '../../../workers/services/knowledge';
import { log } from '../../../workers/services/log';
import type { BotChoice } from './bot-interactive';
import type { BotSetup, BotSetupCache } from './bot-setup';
import type { BotRecord, BotStore, PendingInput } from './bot-store';
import { plainSummary } from './bot-summary';
import { bindContract, customerContractIds } from './tool-binding';
import { runTool } from './tool-runner';

/** What the step may do to the conversation, all through the object's one append path. */
export interface BotHost {
  ref: ConversationRef;
  /** The ticket this step works for is still with the bot (checked before every append). */
  mine(): boolean;
  /** A clientId the bot already used in this conversation (a retried step). */
  posted(clientId: string): boolean;
  /** With choices, a WhatsApp Cloud customer gets them as reply buttons or a list (bot-interactive.ts). */
  say(clientId: string, text: string, attachment?: BotAttachment, choices?: BotChoice[]): void;
  activity(code: BotActivityCode, params?: Record<string, string>): void;
  ticketChange(change: TicketChange, patch: Partial<TicketSnapshot>): void;
  ticket(): TicketSnapshot | null;
  history(): ChatTurn[];
  phone(): string | null;
  media: R2Bucket;
}

export type BotAttachment = Attachment & { kind: 'document'; key: string; mimeType: string };

/** A step that loops longer than this is a flow bug (the checker prevents it): the fallback takes over. */
const MAX_TURNS = 30;
const SUMMARY_DEADLINE_MS = 3_000;
const KB_PASSAGES = 3;

export class StepAborted extends Error {}

export async function runStep(
  host: BotHost,
  store: BotStore,
  setup: BotSetup,
  setupCache: BotSetupCache,
  record: BotRecord,
  pending: PendingInput,
  abort: { aborted: boolean },
): Promise<void> {
  const ticket = host.ticket();
  const context: BotContext = {
    now: new Date(),
    protocol: ticket?.protocol ?? '',
    phone: host.phone(),
    locale: 'pt-BR',
    aiEnabled: setup.brain !== null,
  };
  // The ticket's first message starts the bot too (greeting, flow start); the engine keeps its words for the
  // first menu, so "2ª via" written first still leads to the invoices.
  let input: BotInput = { kind: 'message', text: pending.text, choiceId: pending.choiceId };
  let state = record.state ?? initialBotState();
  for (let turn = 0; turn < MAX_TURNS; turn++) {
    const next = advance(setup.flow, state, input, context);
    if (next.problems) log('warn', 'bot flow problems', { ...host.ref, problems: next.problems.join('; ') });
    state = next.state;
    record.state = state;
    let followUp: BotInput | null = null;
    for (const [i, action] of next.actions.entries()) {
      if (abort.aborted || !host.mine()) throw new StepAborted();
      const clientId = `bot-${pending.seq}-${turn}-${i}`;
      followUp = (await execute(host, store, setup, setupCache, record, action, clientId)) ?? followUp;
    }
    if (!followUp) return;
    input = followUp;
  }
  throw new Error('bot step did not settle');
}

async function execute(
  host: BotHost,
  store: BotStore,
  setup: BotSetup,
  setupCache: BotSetupCache,
  record: BotRecord,
  action: BotAction,
  clientId: string,
): Promise<BotInput | null> {
  const facts = record.facts;
  const demandKey = (demand: string | null) => (demand ? `${record.ticketId}:${demand}` : null);
  switch (action.kind) {
    case 'say':
      host.say(clientId, action.text, undefined, action.choices);
      return null;
    case 'send_invoice_pdf':
      await sendInvoicePdf(host, setup, record, action.invoiceId, clientId);
      return null;
    case 'call_tool': {
      const run = await runTool(setup.erp, store, facts, action.tool, action.args, demandKey(action.demand));
      return {
        kind: 'tool_result',
        callId: action.callId,
        tool: action.tool,
        outcome: run.outcome,
        data: run.data,
      };
    }
    case 'ask_ai':
      return askAi(host, store, setup, setupCache, record, action.text, clientId);
    case 'set_ticket': {
      if (action.tags) {
        facts.tags = [...new Set([...(host.ticket()?.tags ?? []), ...action.tags])].slice(0, 20);
        host.ticketChange('tags', { tags: facts.tags });
      }
      if (action.priority !== undefined) host.ticketChange('priority', { priority: action.priority });
      if (action.teamId !== undefined) {
        const teamId = action.teamId;
        host.ticketChange('transferred', { teamId, teamName: teamId ? (setup.teams[teamId] ?? null) : null });
      }
      return null;
    }
    case 'activity':
      host.activity(action.code, action.params);
      return null;
    case 'handoff':
      await handOff(host, setup, record, action.teamId, action.reason);
      return null;
    case 'end':
      host.ticketChange('closed', {
        status: 'closed',
        closedAt: new Date().toISOString(),
        resolvedBy: action.resolved ? 'bot' : null,
        erpProtocol: facts.erpProtocol,
      });
      return null;
  }
}

/** Fetches the invoice's PDF from the ERP, stores it in the media bucket, and sends it as a document. */
async function sendInvoicePdf(
  host: BotHost,
  setup: BotSetup,
  record: BotRecord,
  invoiceId: string,
  clientId: string,
): Promise<void> {
  if (host.posted(clientId)) return;
  const invoice = record.facts.invoices.find((i) => i.id === invoiceId);
  if (!invoice || !setup.erp) {
    host.activity('erp_unavailable', { tool: 'invoice_pdf' });
    return;
  }
  const pdf = await setup.erp.invoicePdf(invoice).catch(() => null);
  if (!pdf?.ok) {
    host.activity('erp_unavailable', { tool: 'invoice_pdf' });
    return;
  }
  const key = `${host.ref.tenantId}/${host.ref.conversationId}/bot/${clientId}`;
  const filename = `boleto-${invoice.dueDate}.pdf`;
  await host.media.put(key, pdf.value.bytes, {
    httpMetadata: { contentType: 'application/pdf' },
    customMetadata: { filename },
  });
  if (!host.mine()) throw new StepAborted();
  host.say(clientId, '', {
    kind: 'document',
    mimeType: 'application/pdf',
    filename,
    size: pdf.value.bytes.byteLength,
    key,
    state: 'ready',
  });
}

/** The LLM answers from the knowledge base (and may call tools through the same demand rules). */
async function askAi(
  host: BotHost,
  store: BotStore,
  setup: BotSetup,
  setupCache: BotSetupCache,
  record: BotRecord,
  text: string,
  clientId: string,
): Promise<BotInput> {
  const brain = setup.brain;
  if (!brain) return { kind: 'ai_result', outcome: 'unavailable', reason: 'off' };
  const { db, close } = setupCache.database();
  try {
    const passages = await searchKnowledge(db, host.ref.tenantId, text, KB_PASSAGES).catch(() => []);
    const contractIds = customerContractIds(record);
    const reply = await brain.reply({
      history: host.history(),
      message: text,
      passages,
      contractIds,
      runTool: async (name, rawArgs) => {
        // The model's contract is bound to the identified customer's (tool-binding.ts); a refusal is an
        // answer the model reads (ask for the CPF, ask which contract), not a failure.
        const bound = bindContract(name, rawArgs, customerContractIds(record));
        if (!bound.ok) return { ok: true, result: bound.run };
        const args = bound.args;
        const run = await runTool(
          setup.erp,
          store,
          record.facts,
          name,
          args,
          `${record.ticketId}:ai:${name}:${JSON.stringify(args)}`,
        );
        return { ok: run.outcome !== 'erp_unavailable', result: { outcome: run.outcome, data: run.data } };
      },
    });
    if (!host.mine()) throw new StepAborted();
    if (reply.kind === 'answer') {
      host.say(clientId, reply.text);
      const cited = reply.citations[0];
      if (cited) host.activity('knowledge_answer', { title: cited.title.slice(0, 300) });
      return { kind: 'ai_result', outcome: 'answered' };
    }
    if (reply.kind === 'handoff') {
      if (reply.text) host.say(clientId, reply.text);
      return { kind: 'ai_result', outcome: 'handoff', reason: reply.reason };
    }
    // The engine writes the `llm_unavailable` line and falls back to the flow's menu.
    return { kind: 'ai_result', outcome: 'unavailable', reason: reply.reason };
  } finally {
    close();
  }
}

/** Bot → people: the queue of the flow's team, with the reason and a summary the agent reads first. */
export async function handOff(
  host: BotHost,
  setup: Pick<BotSetup, 'brain' | 'teams'>,
  record: BotRecord,
  teamId: string | null,
  reason: string,
): Promise<void> {
  let summary: string | null = null;
  if (setup.brain && reason !== 'watchdog') {
    summary = await Promise.race([
      setup.brain.summarise(host.history()).catch(() => null),
      new Promise<null>((r) => setTimeout(() => r(null), SUMMARY_DEADLINE_MS)),
    ]);
  }
  if (!host.mine()) throw new StepAborted();
  const current = host.ticket();
  const team = teamId ?? current?.teamId ?? null;
  host.ticketChange('handed_off', {
    status: 'queued',
    assigneeId: null,
    assigneeName: null,
    teamId: team,
    teamName: team ? (setup.teams[team] ?? current?.teamName ?? null) : null,
    handoffReason: reason.slice(0, 80),
    summary: (summary ?? plainSummary(record, reason)).slice(0, 2000),
    erpProtocol: record.facts.erpProtocol,
  });
}
