// Shared steps of the bot's acceptance tests over the WhatsApp simulator: a stack with the bot on for both
// seeded providers (demo on the IXC simulator, Fibra Sul on SGP), a customer who writes and waits for the
// bot's answers, an agent's inbox socket that remembers every status a conversation went through, the ticket
// row as Postgres holds it, and what the ERP and LLM simulators recorded.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ERP_ISP } from '../../scripts/lib/bot-stack';
import { DEMO_NUMBER, FIBRA_NUMBER, type Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT, FIBRA_TENANT } from '../../scripts/seed';
import type { SentRecord } from '../../scripts/whatsapp-simulator/types';
import type { InboxServerFrame, InboxSummary, StoredEvent } from '../../workers/contract';
import { testDataDir } from '../support/test-data';
import { agentToken, eventually, startE2eStack } from './stack';
import { conversationOf, events, ownerQuery } from './whatsapp-helpers';

/** A fresh stack (in .fio/test-e2e-<name>) whose seeded providers have the bot on their numbers. */
export function startBotStack(name: string): Promise<Stack> {
  return startE2eStack(name, 100, { bot: true });
}

export type Provider = 'demo' | 'fibra';
export const PROVIDERS = {
  demo: { tenant: DEMO_TENANT, isp: ERP_ISP.demo, erp: 'ixc' as const },
  fibra: { tenant: FIBRA_TENANT, isp: ERP_ISP.fibra, erp: 'sgp' as const },
};

/** An agent of the provider (not its owner), signed in. */
export function providerAgent(stack: Stack, provider: Provider): Promise<string> {
  const user = PROVIDERS[provider].tenant.users.find((u) => u.role === 'agent');
  if (!user) throw new Error(`${provider} has no agent`);
  return agentToken(stack, user.email, user.password);
}

/** Customers of the simulated ERPs (the same set behind IXC and SGP; see scripts/erp-simulator/seed.ts). */
export const SIM = {
  /** Active, one open invoice due in 10 days. */
  ana: { cpf: '529.982.247-25', name: 'Ana Souza' },
  /** Suspended for debt: a trust unlock is granted once. */
  carla: { cpf: '390.533.447-05', name: 'Carla Mendes' },
  /** Offline with a technical problem (LOS). */
  eduarda: { cpf: '987.654.321-00', name: 'Eduarda Alves' },
  /** Offline inside the planned-maintenance area. */
  felipe: { cpf: '456.123.789-55', name: 'Felipe Costa' },
} as const;

/** The demo flow's main menu (workers/bot/demo-flow.ts), where the bot lands after identifying someone. */
export const MENU = /Como posso ajudar/;
/** The demo flow's question for the CPF/CNPJ, and its refusal of one with wrong check digits. */
export const ASK_DOCUMENT = /CPF ou o CNPJ/;
export const BAD_DOCUMENT = /não é válido/;

/** Wrong check digits of Ana's CPF (the base is hers): the bot must refuse it. */
export const WRONG_CPF = '529.982.247-52';

export class BotCustomer {
  /** How many sends to this customer existed before the last message they wrote. */
  private mark = 0;

  constructor(
    private readonly stack: Stack,
    readonly provider: Provider,
    readonly phone: string,
    readonly name = 'Cliente Teste',
  ) {}

  get number() {
    return this.provider === 'demo' ? this.stack.demo : this.stack.fibra;
  }

  private get address(): string {
    return (this.provider === 'demo' ? DEMO_NUMBER : FIBRA_NUMBER).phoneNumberId;
  }

  /** Everything the product sent this customer, oldest first. */
  sent(): SentRecord[] {
    return this.stack.whatsapp.sent({ address: this.address, to: this.phone });
  }

  /** What was sent since the customer's last message. */
  sinceLast(): SentRecord[] {
    return this.sent().slice(this.mark);
  }

  async say(text: string, opts: { repeat?: number } = {}): Promise<void> {
    this.mark = this.sent().length;
    const res = await this.stack.whatsapp.inbound({
      phoneNumberId: this.address,
      from: this.phone,
      name: this.name,
      text,
      repeat: opts.repeat,
    });
    expect(res.status).toBe(200);
  }

  /** From a number the ERP does not know: the first message, the CPF/CNPJ asked for and given, the menu. */
  async identify(document: string, first = 'oi'): Promise<void> {
    await this.say(first);
    await this.reply(ASK_DOCUMENT);
    await this.say(document);
    await this.reply(MENU);
  }

  /**
   * Waits (bounded) for a send since the last message whose text matches; returns it. Bounded generously: a
   * turn of several messages leaves at WhatsApp's pace per customer (a burst of 3, then one per 6 s).
   */
  async reply(pattern: RegExp, ms = 60_000): Promise<SentRecord> {
    let found: SentRecord | undefined;
    try {
      await eventually(
        `a reply matching ${pattern}`,
        () => {
          found = this.sinceLast().find((s) => pattern.test(s.text ?? ''));
          return found !== undefined;
        },
        ms,
      );
    } catch (err) {
      // Say what the customer did get, so a failure reads like the chat it was.
      const got = JSON.stringify(this.sinceLast().map((s) => s.text ?? `[${s.type}]`));
      throw new Error(`${(err as Error).message} (got since the last message: ${got})`);
    }
    return found as SentRecord;
  }

  /** Waits for a document (the invoice PDF) sent since the last message. */
  async document(ms = 60_000): Promise<SentRecord> {
    let found: SentRecord | undefined;
    await eventually(
      'a document',
      () => {
        found = this.sinceLast().find((s) => s.type === 'document');
        return found !== undefined;
      },
      ms,
    );
    return found as SentRecord;
  }

  /** Waits until the bot has said all it had to say for now (no new send for `quietMs`; bounded). */
  async settled(quietMs = 1_000, ms = 30_000): Promise<void> {
    let count = this.sent().length;
    let since = Date.now();
    await eventually(
      'the bot to finish its turn',
      () => {
        const now = this.sent().length;
        if (now !== count) {
          count = now;
          since = Date.now();
        }
        return Date.now() - since >= quietMs;
      },
      ms,
    );
  }

  conversationId(): Promise<string> {
    return conversationOf(this.stack, this.number.whatsappChannelId, this.phone);
  }

  /** Every event of the conversation as an agent of the provider reads it. */
  async events(token: string): Promise<StoredEvent[]> {
    return events(this.stack, token, await this.conversationId());
  }
}

/** An agent's inbox socket that keeps every summary it was sent, so a test can tell which views a
 *  conversation passed through (a bot conversation must never have been "na fila"). */
export async function watchInbox(stack: Stack, token: string) {
  const ws = new WebSocket(
    `${stack.workerUrl.replace(/^http/, 'ws')}/ws/inbox?token=${encodeURIComponent(token)}`,
  );
  const frames: InboxServerFrame[] = [];
  ws.addEventListener('message', (e) => frames.push(JSON.parse(String(e.data)) as InboxServerFrame));
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve);
    ws.addEventListener('error', reject);
  });
  ws.send(JSON.stringify({ type: 'hello', since: 0 }));
  await eventually('inbox ready', () => frames.some((f) => f.type === 'ready'));
  const summaries = (conversationId: string): InboxSummary[] =>
    frames.flatMap((f) =>
      f.type === 'summary' && f.summary.conversationId === conversationId ? [f.summary] : [],
    );
  return {
    summaries,
    statuses: (conversationId: string) => summaries(conversationId).map((s) => s.status),
    latest: (conversationId: string) => summaries(conversationId).at(-1),
    close: () => ws.close(),
  };
}

export interface TicketRow {
  status: string;
  protocol: string;
  resolved_by: string | null;
  team: string | null;
  assignee_id: string | null;
  ai_summary: string | null;
  handoff_reason: string | null;
  erp_protocol: string | null;
}

/** The conversation's newest ticket as Postgres holds it (the archive lands shortly after the event). */
export async function ticketOf(stack: Stack, conversationId: string): Promise<TicketRow | undefined> {
  const rows = await ownerQuery<TicketRow>(
    stack,
    `select t.status, t.protocol, t.resolved_by, m.name as team, t.assignee_id, t.ai_summary,
            t.handoff_reason, t.erp_protocol
     from tickets t left join teams m on m.id = t.team_id
     where t.conversation_id = $1 order by t.opened_at desc limit 1`,
    [conversationId],
  );
  return rows[0];
}

/** Waits until the ticket row satisfies `check`, and returns it. */
export async function ticketWhen(
  stack: Stack,
  conversationId: string,
  what: string,
  check: (t: TicketRow) => boolean,
  ms = 30_000,
): Promise<TicketRow> {
  let row: TicketRow | undefined;
  await eventually(
    `${what} (ticket: ${JSON.stringify(row)})`,
    async () => {
      row = await ticketOf(stack, conversationId);
      return row !== undefined && check(row);
    },
    ms,
  );
  return row as TicketRow;
}

export interface ErpRecorded {
  route: string;
  method: string;
  path: string;
  body: unknown;
  status: number;
}

/** Requests the ERP simulator received for an ISP (optionally one IXC table / SGP route). */
export async function erpRequests(stack: Stack, isp: string, route?: string): Promise<ErpRecorded[]> {
  const q = new URLSearchParams({ isp, ...(route ? { route } : {}) });
  const res = await fetch(`${stack.erp.url}/_control/requests?${q}`);
  return ((await res.json()) as { requests: ErpRecorded[] }).requests;
}

/** What the ERP did behind its answers: unlocks granted, tickets and protocols opened, SGP occurrences. */
export async function erpEffects(stack: Stack, isp: string) {
  const res = await fetch(`${stack.erp.url}/_control/state?isp=${encodeURIComponent(isp)}`);
  return (await res.json()) as {
    occurrences: unknown[];
    tickets: { protocol: string; contractId: string; kind: string; text: string }[];
    unlocks: { contractId: string; until: string }[];
    protocols: string[];
  };
}

/** The Worker's log of a bot stack so far (tests read it for what must never be logged). */
export function workerLog(name: string): string {
  return readFileSync(join(testDataDir('e2e', name), 'worker.log'), 'utf8');
}

/** Digits only, for "does this text contain that document in full" checks. */
export const digits = (s: string) => s.replace(/\D/g, '');
