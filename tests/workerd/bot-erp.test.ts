// The bot with the demo flow over the ERP simulator (IXC), through the real webhook and conversation object:
// 2ª via (digitable line, PIX code, the PDF as a document in R2 and at the provider), the trust unlock granted
// once (asked again in the same ticket the stored result is reused: the ERP is not called twice; a new ticket
// gets the ERP's refusal), and the watchdog handing off when the ERP hangs past the step deadline.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIspFlow } from '../../workers/bot/demo-flow';
import { sealJson } from '../../workers/services/secret-box';
import {
  type BotTenant,
  botMessages,
  conversationOf,
  createBotTenant,
  customerSays,
  eventsOf,
  randomPhone,
  sentTo,
  stubOf,
} from './bot-helpers';
import { asTenant, openClient } from './db-helpers';
import { ERP, IXC_CREDENTIALS, newIsp, requests, SEEDED, setFaults } from './erp-sim';
import { eventually } from './helpers';

let client: Client;
let t: BotTenant;
const isp = newIsp('bot');

beforeAll(async () => {
  client = await openClient();
  t = await createBotTenant(client, demoIspFlow);
  await asTenant(client, t.tenantId, async () => {
    await client.query(
      `insert into erp_connections (tenant_id, kind, base_url, credentials) values ($1, 'ixc', $2, $3)`,
      [
        t.tenantId,
        `${ERP}/ixc/${isp}`,
        await sealJson(env.CHANNEL_SECRETS_KEY, IXC_CREDENTIALS, `erp:${t.tenantId}`),
      ],
    );
  });
});
afterAll(async () => {
  await client?.end();
});

/** Says `text` and waits until the bot's newest message contains `expected`; returns every bot message. */
async function exchange(conversationId: string | null, phone: string, text: string, expected: string) {
  await customerSays(t, phone, text);
  const id = conversationId ?? (await conversationOf(client, t, phone));
  const said = await eventually(`a bot message containing "${expected}"`, async () => {
    const s = botMessages(await eventsOf(client, t, id));
    return s.some((m) => m.text.includes(expected)) ? s : null;
  });
  return { id, said };
}

/** A customer identified by CPF (their phone is not in the ERP), at the main menu. */
async function identified(document: string) {
  const phone = randomPhone();
  const { id } = await exchange(null, phone, 'oi', 'digite o CPF');
  // A wrong check digit is refused and asked again; the right one finds the customer.
  await exchange(id, phone, `${document.slice(0, 10)}${(Number(document[10]) + 1) % 10}`, 'não é válido');
  await exchange(id, phone, document, 'Como posso ajudar?');
  return { id, phone };
}

const unlockCalls = async () =>
  (await requests(isp)).filter((r) => r.route.includes('desbloqueio_confianca')).length;

describe('the bot over the ERP', () => {
  it('sends the 2ª via: digitable line, PIX code and the PDF as a document', async () => {
    const { id, phone } = await identified(SEEDED.bruno.document);
    const { said } = await exchange(id, phone, 'quero a segunda via', 'Posso ajudar em algo mais?');
    const texts = said.map((m) => m.text).join('\n');
    expect(texts).toMatch(/34191\.\d{5} \d{5}\.\d{6}/); // the digitable line
    expect(texts).toContain('000201'); // the PIX copy-and-paste code
    const pdf = said.find((m) => m.attachment);
    expect(pdf?.attachment).toMatchObject({ kind: 'document', mimeType: 'application/pdf', state: 'ready' });
    expect(pdf?.attachment?.filename).toMatch(/^boleto-\d{4}-\d{2}-\d{2}\.pdf$/);
    const stored = await env.MEDIA.get(pdf?.attachment?.key as string);
    expect(new TextDecoder().decode((await stored?.arrayBuffer())?.slice(0, 5))).toBe('%PDF-');
    // Out to the customer's WhatsApp like any message, the document with its name.
    const out = await eventually('the document at the provider', async () => {
      const s = (await sentTo(t)).filter((m) => m.body.number === phone);
      return s.some((m) => m.path.includes('sendMedia')) ? s : null;
    });
    expect(out.find((m) => m.path.includes('sendMedia'))?.body.fileName).toBe(pdf?.attachment?.filename);
  });

  it('unlocks once per demand: asked again the stored result is reused, a new ticket gets the refusal', async () => {
    const before = await unlockCalls();
    const { id, phone } = await identified(SEEDED.carla.document);
    await exchange(id, phone, 'desbloqueio', 'Seu serviço foi liberado até');
    expect(await unlockCalls()).toBe(before + 1);
    // The same demand in the same ticket (a retried step would do the same): answered, the ERP not called.
    await exchange(id, phone, 'sim', 'Como posso ajudar?');
    const again = await exchange(id, phone, 'desbloqueio', 'Posso ajudar em algo mais?');
    expect(again.said.filter((m) => m.text.includes('Seu serviço foi liberado até'))).toHaveLength(2);
    expect(await unlockCalls()).toBe(before + 1);
    // Another ticket (another conversation of the same customer): the ERP's refusal, worded for the customer.
    const other = await identified(SEEDED.carla.document);
    await exchange(other.id, other.phone, 'desbloqueio', 'já foi usado');
    expect(await unlockCalls()).toBe(before + 2);
  });

  it('offline: checklist, a ticket in the ERP, hand-off to support with its protocol on our ticket', async () => {
    const { id, phone } = await identified(SEEDED.eduarda.document);
    await exchange(id, phone, 'estou sem internet', 'a internet voltou a funcionar?');
    const { said } = await exchange(id, phone, 'não', 'suporte técnico');
    const opened = said.map((m) => m.text).find((x) => x.startsWith('Abri um chamado técnico'));
    const erpProtocol = /protocolo (\S+?)\./.exec(opened ?? '')?.[1];
    expect(erpProtocol).toBeTruthy();
    const row = await eventually('the hand-off in Postgres', async () => {
      const { rows } = await asTenant(client, t.tenantId, () =>
        client.query<{
          status: string;
          team_id: string;
          erp_protocol: string;
          handoff_reason: string;
          ai_summary: string;
        }>(
          'select status, team_id, erp_protocol, handoff_reason, ai_summary from tickets where conversation_id = $1',
          [id],
        ),
      );
      return rows[0]?.status === 'queued' ? rows[0] : null;
    });
    expect(row).toMatchObject({ team_id: t.teams.suporte, erp_protocol: erpProtocol });
    expect(row.handoff_reason).toContain(erpProtocol);
    expect(row.ai_summary).toContain(`Protocolo no ERP: ${erpProtocol}`);
    expect(row.ai_summary).toContain('Eduarda');
    expect(row.ai_summary).not.toContain(SEEDED.eduarda.document);
  });

  it('tells a customer in a maintenance area about it first', async () => {
    const { id, phone } = await identified(SEEDED.felipe.document);
    await exchange(id, phone, 'internet caiu', 'manutenção na rede da sua região');
  });

  it('hands off with reason watchdog when the ERP hangs past the step deadline', async () => {
    const phone = randomPhone();
    await setFaults(isp, { failure: { kind: 'hang', times: 10 } });
    try {
      await customerSays(t, phone, 'oi');
      const id = await conversationOf(client, t, phone);
      const { ref, stub } = stubOf(t, id);
      const summary = await eventually('queued by the watchdog', async () => {
        const s = await stub.inboxSummary(ref);
        return s?.status === 'queued' ? s : null;
      });
      expect(summary.protocol).not.toBeNull();
      const events = await eventsOf(client, t, id);
      const handed = events.find((e) => e.event.type === 'ticket.changed' && e.event.change === 'handed_off');
      expect(handed?.event).toMatchObject({ ticket: { handoffReason: 'watchdog' } });
      expect(botMessages(events).at(-1)?.text).toContain('Desculpe a demora');
    } finally {
      await fetch(`${ERP}/_control/faults?isp=${isp}`, { method: 'DELETE' });
    }
  });
});
