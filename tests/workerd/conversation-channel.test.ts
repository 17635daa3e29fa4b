// The WhatsApp side of the conversation object, through its RPC methods: provider ids dedupe inbound
// messages, statuses only move forward, downloads settle once, and the 24 h window refuses free text from
// agents before anything is stored (templates pass).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { InboundMessage, StatusUpdate } from '../../workers/channels/inbound';
import { conversationObjectName } from '../../workers/services/conversation-names';
import { ACME } from '../support/fixtures';
import { login, openSocket, widgetSession } from './helpers';

const acmeAgent = ACME.users[1] as (typeof ACME.users)[number];

async function conversation() {
  const session = await widgetSession('acme');
  const { tenantId } = await login(acmeAgent.email, acmeAgent.password);
  const ref = { tenantId, conversationId: session.conversationId };
  const stub = env.CONVERSATIONS.getByName(conversationObjectName(tenantId, session.conversationId));
  return { ref, stub, session };
}

const binding = { channelId: crypto.randomUUID(), kind: 'whatsapp_cloud' as const, to: '5531991234567' };

function inbound(externalId: string, text: string, sentAt = new Date()): InboundMessage {
  return {
    address: '100',
    externalId,
    from: '5531991234567',
    profileName: 'Maria',
    sentAt,
    replyToExternalId: null,
    content: { kind: 'text', text },
    raw: { id: externalId },
  };
}

const agent = { kind: 'agent' as const, id: crypto.randomUUID(), name: 'Agente' };

describe('conversation object, WhatsApp side', () => {
  it('stores a provider message once, however often it is delivered', async () => {
    const { ref, stub } = await conversation();
    const first = await stub.receiveInbound(ref, binding, inbound('wamid.1', 'oi'));
    const again = await stub.receiveInbound(ref, binding, inbound('wamid.1', 'oi'));
    const next = await stub.receiveInbound(ref, binding, inbound('wamid.2', 'tudo bem?'));
    expect(first).toMatchObject({ seq: 1, duplicate: false });
    expect(again).toMatchObject({ seq: 1, duplicate: true });
    expect(next).toMatchObject({ seq: 2, duplicate: false });
    const page = await stub.history(ref, null, 10);
    expect(page?.events.map((e) => e.event.type === 'message.created' && e.event.message.text)).toEqual([
      'oi',
      'tudo bem?',
    ]);
  });

  it('binds a customer known only by business-scoped user id, and keeps it when a number arrives', async () => {
    const { ref, stub } = await conversation();
    const userId = 'BR.13491208655302741918';
    const byUser = { ...binding, to: null, userId };
    const first = { ...inbound('wamid.bs.1', 'sem número'), from: null, userId };
    expect(await stub.receiveInbound(ref, byUser, first)).toMatchObject({ seq: 1, duplicate: false });
    expect(await stub.receiveInbound(ref, binding, inbound('wamid.bs.2', 'com número'))).toMatchObject({
      seq: 2,
    });
    const page = await stub.history(ref, null, 10);
    const authors = page?.events.map((e) => e.event.type === 'message.created' && e.event.message.author.id);
    // Messages are attributed to the number when there is one, else to the user id.
    expect(authors).toEqual([userId, binding.to]);
  });

  it('moves statuses forward only, and ignores ids that are not ours', async () => {
    const { ref, stub } = await conversation();
    await stub.receiveInbound(ref, binding, inbound('wamid.in', 'oi'));
    // An agent message that the dispatcher will try to send; its status events come from provider ids.
    const posted = await stub.postMessage(ref, { author: agent, clientId: 'post-status-1', text: 'olá!' });
    expect(posted).toMatchObject({ ok: true, seq: 2 });
    const status = (externalId: string, s: StatusUpdate['status']): StatusUpdate => ({
      address: '100',
      externalId,
      status: s,
      at: new Date(),
      recipient: binding.to,
      reference: null,
      errors: [],
    });
    // The inbound message's id is the customer's, not ours: never a delivery status.
    expect(await stub.receiveStatus(ref, status('wamid.in', 'read'))).toMatchObject({ applied: false });
    expect(await stub.receiveStatus(ref, status('wamid.unknown', 'read'))).toMatchObject({
      applied: false,
      seq: null,
    });
  });

  it('refuses free text outside the 24 h window before storing it, but not a template', async () => {
    const { ref, stub } = await conversation();
    const old = new Date(Date.now() - 25 * 60 * 60 * 1000);
    await stub.receiveInbound(ref, binding, inbound('wamid.old', 'oi', old));
    const before = (await stub.history(ref, null, 10))?.lastSeq;
    const refused = await stub.postMessage(ref, { author: agent, clientId: 'late-text-1', text: 'oi?' });
    expect(refused).toEqual({
      ok: false,
      code: 'window_closed',
      message: expect.stringContaining('24-hour'),
    });
    expect((await stub.history(ref, null, 10))?.lastSeq).toBe(before);
    const template = await stub.postMessage(ref, {
      author: agent,
      clientId: 'late-template-1',
      text: 'Olá Maria',
      template: { name: 'boas_vindas', language: 'pt_BR', parameters: ['Maria'] },
    });
    expect(template).toMatchObject({ ok: true, seq: 2, duplicate: false });
    // It was queued for sending; this test's channel id is not a real number, so it fails visibly.
    let failed: unknown = null;
    for (let i = 0; i < 100 && !failed; i++) {
      const events = (await stub.history(ref, null, 10))?.events ?? [];
      failed =
        events.find((e) => e.event.type === 'message.status' && e.event.messageSeq === 2)?.event ?? null;
      if (!failed) await new Promise((r) => setTimeout(r, 50));
    }
    expect(failed).toMatchObject({ status: 'failed', error: { title: 'the WhatsApp number was removed' } });
    expect(await stub.channelState(ref)).toMatchObject({ bound: true, queued: 0 });
  });

  it('refuses an agent’s socket text outside the window with an error frame tied to its clientId', async () => {
    const { ref, stub, session } = await conversation();
    await stub.receiveInbound(
      ref,
      binding,
      inbound('wamid.sock', 'oi', new Date(Date.now() - 30 * 60 * 60 * 1000)),
    );
    const { token } = await login(acmeAgent.email, acmeAgent.password);
    const socket = await openSocket(session.conversationId, token);
    socket.send({ type: 'hello', since: 0 });
    await socket.next('ready');
    socket.send({ type: 'message.send', clientId: 'socket-late-1', text: 'ainda aí?' });
    expect(await socket.next('error')).toMatchObject({ code: 'window_closed', clientId: 'socket-late-1' });
    expect((await stub.history(ref, null, 10))?.lastSeq).toBe(1);
    socket.ws.close();
  });

  it('settles an attachment once, even when the download job runs twice', async () => {
    const { ref, stub } = await conversation();
    const ready = {
      kind: 'image' as const,
      mimeType: 'image/jpeg',
      filename: null,
      size: 10,
      key: `${ref.tenantId}/${ref.conversationId}/inbound/1`,
      state: 'ready' as const,
    };
    expect(await stub.settleAttachment(ref, 1, ready)).toBe(true);
    expect(await stub.settleAttachment(ref, 1, ready)).toBe(false);
    const page = await stub.history(ref, null, 10);
    expect(page?.events.filter((e) => e.event.type === 'message.attachment')).toHaveLength(1);
  });

  it('refuses a template in a conversation that is not on WhatsApp', async () => {
    const { ref, stub } = await conversation();
    const result = await stub.postMessage(ref, {
      author: agent,
      clientId: 'widget-template-1',
      text: 'x',
      template: { name: 'boas_vindas', language: 'pt_BR', parameters: [] },
    });
    expect(result).toMatchObject({ ok: false, code: 'validation_failed' });
  });
});
