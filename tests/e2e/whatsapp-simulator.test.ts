// The WhatsApp provider simulator against a tiny recording "worker": webhook bytes and signatures, Graph /
// Evolution / Uazapi send endpoints, faults, media and the control API. Loopback only, no Fio stack.
import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type RecordingWorker,
  startRecordingWorker,
} from '../../scripts/whatsapp-simulator/recording-worker';
import { startWhatsAppSimulator, type WhatsAppSimulator } from '../../scripts/whatsapp-simulator/server';

const SECRET = 'app-secret-çé';
const PN = {
  phoneNumberId: '1065403522',
  wabaId: 'WABA1',
  accessToken: 'tok-1',
  displayPhoneNumber: '15550783881',
};
const PN2 = {
  phoneNumberId: '2065403522',
  wabaId: 'WABA2',
  accessToken: 'tok-2',
  displayPhoneNumber: '15550000002',
};
const CUSTOMER = '5511987654321';
const MESSAGES = `${PN.phoneNumberId}/messages`;

type Obj = Record<string, unknown>;
interface MetaHook {
  entry: {
    id: string;
    changes: { value: { metadata: Obj; contacts: Obj[]; messages: Obj[]; statuses: Obj[] } }[];
  }[];
}
interface GraphErr {
  error: { code: number; message: string; type: string; error_data: { details: string } };
}

let worker: RecordingWorker;
let sim: WhatsAppSimulator;
const hook = (i: number) => worker.json(i) as MetaHook;
const value = (h: MetaHook, entry = 0) => h.entry[entry]?.changes[0]?.value;
const read = async <T = Obj>(res: Response) => (await res.json()) as T;
const graphCode = async (res: Response) => [res.status, (await read<GraphErr>(res)).error.code];

beforeAll(async () => {
  worker = await startRecordingWorker();
  sim = await startWhatsAppSimulator({ appSecret: SECRET, workerUrl: worker.url });
  sim.registerNumber(PN);
  sim.registerNumber(PN2);
  sim.registerGateway({ kind: 'evolution', instance: 'evo1', apiKey: 'evo-key' });
  sim.registerGateway({ kind: 'uazapi', instanceToken: 'uaz-token' });
});
afterAll(async () => {
  await sim?.stop();
  await worker?.stop();
});
beforeEach(() => {
  worker.hits.length = 0;
  sim.reset();
});

function graph(path: string, body?: unknown, token = PN.accessToken): Promise<Response> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  if (body === undefined) return fetch(`${sim.url}/v23.0/${path}`, { headers });
  return fetch(`${sim.url}/v23.0/${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
}
const send = (type: string, part: Obj, extra: Obj = {}) => ({
  messaging_product: 'whatsapp',
  recipient_type: 'individual',
  to: CUSTOMER,
  type,
  [type]: part,
  ...extra,
});
const text = (body: string, extra: Obj = {}) => send('text', { body }, extra);
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('Cloud webhooks to the worker', () => {
  it('signs the exact bytes (escaped unicode) of an inbound message', async () => {
    const body = 'Olá, ação 😀 / ok';
    const r = await sim.inbound({ phoneNumberId: PN.phoneNumberId, from: CUSTOMER, name: 'Zé', text: body });
    expect(r.status).toBe(200);
    const hit = worker.hits[0];
    expect(hit?.path).toBe('/webhooks/whatsapp');
    expect(hit?.raw.toString()).toContain('\\u00e7\\u00e3o \\ud83d\\ude00 \\/ ok');
    const expected = `sha256=${createHmac('sha256', SECRET)
      .update(hit?.raw ?? '')
      .digest('hex')}`;
    expect(hit?.headers['x-hub-signature-256']).toBe(expected);
    expect(sim.sign(hit?.raw ?? '')).toBe(expected);
    const v = value(hook(0));
    expect(hook(0).entry[0]?.id).toBe(PN.wabaId);
    expect(v?.metadata).toEqual({ display_phone_number: '15550783881', phone_number_id: PN.phoneNumberId });
    expect(v?.contacts).toEqual([{ profile: { name: 'Zé' }, wa_id: CUSTOMER }]);
    expect(v?.messages[0]).toMatchObject({ from: CUSTOMER, id: r.externalId, type: 'text', text: { body } });
    expect(v?.messages[0]?.timestamp).toMatch(/^\d+$/);
  });

  it('batches several entries, changes and messages in one POST', async () => {
    const r = await sim.inboundBatch([
      {
        phoneNumberId: PN.phoneNumberId,
        messages: [
          { from: CUSTOMER, text: 'a' },
          { from: '5531999990000', text: 'b' },
        ],
      },
      {
        phoneNumberId: PN2.phoneNumberId,
        messages: [{ from: CUSTOMER, location: { latitude: -23.5, longitude: -46 } }],
      },
    ]);
    expect(worker.hits).toHaveLength(1);
    expect(r.externalIds).toHaveLength(3);
    expect(hook(0).entry.map((e) => e.id)).toEqual([PN.wabaId, PN2.wabaId]);
    expect(value(hook(0))?.messages).toMatchObject([{ text: { body: 'a' } }, { text: { body: 'b' } }]);
    expect(value(hook(0))?.contacts).toHaveLength(2);
    expect(value(hook(0), 1)?.messages).toMatchObject([{ type: 'location', location: { latitude: -23.5 } }]);
  });

  it('repeats identical bytes N times', async () => {
    const r = await sim.inbound({
      phoneNumberId: PN.phoneNumberId,
      from: CUSTOMER,
      text: 'retry',
      repeat: 3,
    });
    expect(r.statuses).toEqual([200, 200, 200]);
    expect(worker.hits).toHaveLength(3);
    expect(worker.hits.every((h) => h.raw.equals(worker.hits[0]?.raw ?? Buffer.alloc(0)))).toBe(true);
  });

  it('posts status updates with reference, pricing and errors', async () => {
    const errors = [{ code: 131047, title: 'Re-engagement message', details: 'outside window' }];
    const r = await sim.statuses(PN.phoneNumberId, [
      { externalId: 'wamid.A', status: 'sent', recipient: CUSTOMER, reference: 'msg-1' },
      { externalId: 'wamid.B', status: 'failed', recipient: CUSTOMER, errors },
    ]);
    expect(r.status).toBe(200);
    const [sent, failed] = value(hook(0))?.statuses ?? [];
    expect(sent).toMatchObject({
      id: 'wamid.A',
      status: 'sent',
      recipient_id: CUSTOMER,
      biz_opaque_callback_data: 'msg-1',
    });
    expect(sent).toMatchObject({
      timestamp: expect.stringMatching(/^\d+$/),
      pricing: { category: 'service' },
    });
    expect(sent?.conversation).toBeTruthy();
    expect(failed?.biz_opaque_callback_data).toBeUndefined();
    expect(failed?.errors).toMatchObject([{ code: 131047, error_data: { details: 'outside window' } }]);
  });
});

describe('Cloud API sends', () => {
  it('accepts a text send, returns a wamid and records it', async () => {
    const res = await graph(MESSAGES, text('Oi!', { biz_opaque_callback_data: 'ref-9' }));
    const body = await read<{ contacts: Obj[]; messages: { id: string }[] }>(res);
    expect(res.status).toBe(200);
    expect(body.contacts).toEqual([{ input: CUSTOMER, wa_id: CUSTOMER }]);
    expect(body.messages[0]?.id).toMatch(/^wamid\./);
    expect(sim.sent({ to: CUSTOMER })).toMatchObject([
      { provider: 'cloud', address: PN.phoneNumberId, type: 'text', text: 'Oi!', reference: 'ref-9' },
    ]);
    expect(sim.sent()[0]?.externalId).toBe(body.messages[0]?.id);
    await expect(sim.whenSent(1, { address: PN.phoneNumberId }, 500)).resolves.toHaveLength(1);
    await expect(sim.whenSent(2, undefined, 100)).rejects.toThrow(/1\/2/);
  });

  it('rejects a wrong token with 401 code 190, bad bodies with code 100, and ignores read receipts', async () => {
    const bad = await graph(MESSAGES, text('x'), 'nope');
    expect(bad.status).toBe(401);
    const error = { message: 'Error validating access token', type: 'OAuthException', code: 190 };
    expect((await read<GraphErr>(bad)).error).toMatchObject(error);
    expect(await graphCode(await graph(MESSAGES, { ...text('x'), to: undefined }))).toEqual([400, 100]);
    expect(await graphCode(await graph(MESSAGES, text('a'.repeat(4097))))).toEqual([400, 100]);
    const receipt = { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.X' };
    expect(await read(await graph(MESSAGES, receipt))).toEqual({ success: true });
    expect(sim.sent()).toHaveLength(0);
    expect(sim.attempts().map((a) => a.status)).toEqual([401, 400, 400]);
  });

  it('answers a phone number only to its own token, like Graph (190 for a bad token, 100/33 for another)', async () => {
    const fields = `${PN.phoneNumberId}?fields=id,display_phone_number,verified_name,quality_rating`;
    const own = await graph(fields);
    expect([own.status, await read(own)]).toEqual([
      200,
      {
        id: PN.phoneNumberId,
        display_phone_number: PN.displayPhoneNumber,
        verified_name: 'Fio Suporte',
        quality_rating: 'GREEN',
      },
    ]);
    expect(await read(await graph(`${PN.phoneNumberId}?fields=verified_name`))).toEqual({
      id: PN.phoneNumberId,
      verified_name: 'Fio Suporte',
    });

    const invalid = await graph(fields, undefined, 'nope');
    expect(invalid.status).toBe(401);
    expect((await read<GraphErr>(invalid)).error).toMatchObject({ type: 'OAuthException', code: 190 });
    // A real token, of another number: the number "does not exist" to it.
    const other = await graph(fields, undefined, PN2.accessToken);
    expect(other.status).toBe(400);
    expect((await read<GraphErr & { error: { error_subcode: number } }>(other)).error).toMatchObject({
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
      message: expect.stringContaining(`Object with ID '${PN.phoneNumberId}' does not exist`),
    });
    expect(await graphCode(await graph('3065403522', undefined, PN.accessToken))).toEqual([400, 100]);
    expect(await graphCode(await graph('3065403522', undefined, 'nope'))).toEqual([401, 190]);
  });

  it('refuses sends, uploads and template lists with another number’s token, and can fail a number read', async () => {
    expect(await graphCode(await graph(MESSAGES, text('x'), PN2.accessToken))).toEqual([400, 100]);
    expect(
      await graphCode(await graph(`${PN.wabaId}/message_templates`, undefined, PN2.accessToken)),
    ).toEqual([400, 100]);
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('file', new Blob(['png!'], { type: 'image/png' }), 'a.png');
    const upload = await fetch(`${sim.url}/v23.0/${PN.phoneNumberId}/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PN2.accessToken}` },
      body: form,
    });
    expect(await graphCode(upload)).toEqual([400, 100]);
    expect(sim.sent()).toHaveLength(0);
    expect(sim.attempts().map((a) => a.status)).toEqual([400]);

    sim.injectFaults('number', [{ status: 503 }], PN.phoneNumberId);
    expect(await graphCode(await graph(PN.phoneNumberId))).toEqual([503, 131000]);
    expect((await graph(PN.phoneNumberId)).status).toBe(200);
  });

  it('answers injected faults in order, then succeeds', async () => {
    sim.injectFaults(
      'send',
      [
        { status: 429, code: 130429 },
        { status: 500, message: 'boom' },
      ],
      PN.phoneNumberId,
    );
    const first = await graph(MESSAGES, text('1'));
    expect(first.status).toBe(429);
    expect((await read<GraphErr>(first)).error).toMatchObject({
      code: 130429,
      error_data: { messaging_product: 'whatsapp' },
    });
    const second = await graph(MESSAGES, text('2'));
    expect([second.status, (await read<GraphErr>(second)).error.error_data.details]).toEqual([500, 'boom']);
    expect((await graph(MESSAGES, text('3'))).status).toBe(200);
    expect(sim.attempts().map((a) => a.status)).toEqual([429, 500, 200]);
    expect(sim.sent().map((s) => s.text)).toEqual(['3']);
  });

  it('holds a request open on a timeout fault, and stop() still returns', async () => {
    const own = await startWhatsAppSimulator({ appSecret: SECRET });
    own.registerNumber(PN);
    own.injectFaults('send', [{ timeout: true }, { timeout: true }]);
    const init = {
      method: 'POST',
      headers: { authorization: `Bearer ${PN.accessToken}` },
      body: JSON.stringify(text('t')),
    };
    const url = `${own.url}/v23.0/${MESSAGES}`;
    await expect(fetch(url, { ...init, signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(own.attempts().map((a) => a.status)).toEqual([0]);
    void fetch(url, init).catch(() => {});
    await new Promise((r) => setTimeout(r, 50));
    const hung = new Promise((r) => setTimeout(r, 3000, 'hung'));
    expect(await Promise.race([own.stop().then(() => 'stopped'), hung])).toBe('stopped');
  });

  it('emits sent, delivered and read webhooks for accepted sends when autoStatuses is on', async () => {
    const own = await startWhatsAppSimulator({
      appSecret: SECRET,
      workerUrl: worker.url,
      autoStatuses: true,
      autoStatusDelayMs: 5,
    });
    own.registerNumber(PN);
    const headers = { authorization: `Bearer ${PN.accessToken}` };
    const body = JSON.stringify(text('auto', { biz_opaque_callback_data: 'r1' }));
    await fetch(`${own.url}/v23.0/${MESSAGES}`, { method: 'POST', headers, body });
    for (let i = 0; i < 100 && own.sent()[0]?.delivery !== 'read'; i++)
      await new Promise((r) => setTimeout(r, 10));
    await own.stop();
    const statuses = worker.hits.map((_, i) => value(hook(i))?.statuses[0]);
    expect(statuses).toMatchObject(
      ['sent', 'delivered', 'read'].map((status) => ({ status, biz_opaque_callback_data: 'r1' })),
    );
  });

  it('uploads media and sends it by id; unknown ids fail with 131053', async () => {
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', 'application/pdf');
    form.set('file', new Blob([Buffer.from('%PDF-1.4 fatura')], { type: 'application/pdf' }), 'fatura.pdf');
    const headers = { authorization: `Bearer ${PN.accessToken}` };
    const up = await fetch(`${sim.url}/v23.0/${PN.phoneNumberId}/media`, {
      method: 'POST',
      headers,
      body: form,
    });
    const { id } = await read<{ id: string }>(up);
    expect(id).toMatch(/^\d+$/);
    expect((await graph(MESSAGES, send('document', { id, caption: 'Sua fatura' }))).status).toBe(200);
    const media = { kind: 'document', mimeType: 'application/pdf', filename: 'fatura.pdf', size: 15 };
    expect(sim.sent()[0]).toMatchObject({ type: 'document', text: 'Sua fatura', media });
    expect(await graphCode(await graph(MESSAGES, send('image', { id: '999' })))).toEqual([400, 131053]);
  });

  it('serves inbound media through lookup and Bearer download, with media faults', async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]);
    const media = { kind: 'image' as const, mimeType: 'image/jpeg', bytes, caption: 'foto' };
    await sim.inbound({ phoneNumberId: PN.phoneNumberId, from: CUSTOMER, media });
    const image = value(hook(0))?.messages[0]?.image as { id: string; sha256: string };
    expect(image.sha256).toBe(createHash('sha256').update(bytes).digest('base64'));
    sim.injectFaults('media', [{ status: 500 }]);
    expect((await graph(image.id)).status).toBe(500);
    const lookup = await read<{ url: string }>(await graph(image.id));
    expect(lookup).toMatchObject({
      messaging_product: 'whatsapp',
      mime_type: 'image/jpeg',
      file_size: 6,
      id: image.id,
    });
    expect((await fetch(lookup.url)).status).toBe(401);
    const download = await fetch(lookup.url, { headers: { authorization: `Bearer ${PN.accessToken}` } });
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('sends known templates rendered and rejects unknown names with 132001', async () => {
    const tpl = (name: string, params: string[]) => {
      const parameters = params.map((p) => ({ type: 'text', text: p }));
      return send('template', {
        name,
        language: { code: 'pt_BR' },
        components: [{ type: 'body', parameters }],
      });
    };
    expect((await graph(MESSAGES, tpl('fatura_disponivel', ['Ana', 'março']))).status).toBe(200);
    expect(sim.sent()[0]).toMatchObject({
      text: 'Olá Ana, sua fatura de março está disponível.',
      template: { name: 'fatura_disponivel', language: 'pt_BR', parameters: ['Ana', 'março'] },
    });
    expect(await graphCode(await graph(MESSAGES, tpl('nao_existe', [])))).toEqual([404, 132001]);
    const list = await read<{ data: { name: string }[] }>(await graph(`${PN.wabaId}/message_templates`));
    expect(list.data.map((t) => t.name)).toEqual([
      'boas_vindas',
      'fatura_disponivel',
      'avaliacao_atendimento',
    ]);
    expect(await read(await graph(PN.phoneNumberId))).toMatchObject({ quality_rating: 'GREEN' });
  });
});

describe('gateways', () => {
  it('Evolution send endpoints check the apikey', async () => {
    const ok = await post(
      '/evolution/message/sendText/evo1',
      { number: CUSTOMER, text: 'Oi' },
      { apikey: 'evo-key' },
    );
    expect(ok.status).toBe(201);
    const key = { remoteJid: `${CUSTOMER}@s.whatsapp.net`, fromMe: true };
    expect(await read(ok)).toMatchObject({ key, message: { conversation: 'Oi' }, status: 'PENDING' });
    const bad = await post(
      '/evolution/message/sendText/evo1',
      { number: CUSTOMER, text: 'Oi' },
      { apikey: 'x' },
    );
    const unauthorized = { status: 401, error: 'Unauthorized', response: { message: ['Unauthorized'] } };
    expect([bad.status, await read(bad)]).toEqual([401, unauthorized]);
    const image = { number: CUSTOMER, mediatype: 'image', mimetype: 'image/png', media: 'cG5n' };
    expect((await post('/evolution/message/sendMedia/evo1', image, { apikey: 'evo-key' })).status).toBe(201);
    expect(sim.sent({ address: 'evo1' }).map((s) => [s.type, s.media?.size ?? null])).toEqual([
      ['text', null],
      ['image', 3],
    ]);
  });

  it('Uazapi send endpoints check the token and honour faults', async () => {
    sim.injectFaults('send', [{ status: 503 }], 'uaz-token');
    const message = { number: CUSTOMER, text: 'Oi' };
    expect((await post('/uazapi/send/text', message, { token: 'uaz-token' })).status).toBe(503);
    const ok = await post('/uazapi/send/text', message, { token: 'uaz-token' });
    expect(await read(ok)).toMatchObject({
      chatid: `${CUSTOMER}@s.whatsapp.net`,
      fromMe: true,
      status: 'Pending',
    });
    const bad = await post('/uazapi/send/text', message, { token: 'x' });
    expect([bad.status, await read(bad)]).toEqual([401, { error: 'Invalid token' }]);
    expect(sim.sent({ address: 'uaz-token' })).toHaveLength(1);
  });

  it('delivers Evolution and Uazapi inbound payloads with their auth headers', async () => {
    const from = { from: CUSTOMER, name: 'Ana' };
    const evo = await sim.evolutionInbound({
      channelId: 'ch-1',
      instance: 'evo1',
      apiKey: 'evo-key',
      ...from,
      text: 'Oi',
    });
    expect([worker.hits[0]?.path, worker.hits[0]?.headers.apikey]).toEqual([
      '/webhooks/evolution/ch-1',
      'evo-key',
    ]);
    expect(worker.json(0)).toMatchObject({
      event: 'messages.upsert',
      instance: 'evo1',
      apikey: 'evo-key',
      data: {
        key: { remoteJid: `${CUSTOMER}@s.whatsapp.net`, fromMe: false, id: evo.externalId },
        pushName: 'Ana',
        message: { conversation: 'Oi' },
        messageType: 'conversation',
      },
    });
    const media = {
      kind: 'document' as const,
      mimeType: 'application/pdf',
      bytes: Buffer.from('pdf'),
      filename: 'a.pdf',
    };
    await sim.uazapiInbound({ channelId: 'ch-2', instanceToken: 'uaz-token', ...from, media });
    expect(worker.hits[1]?.headers.token).toBe('uaz-token');
    const uaz = worker.json(1) as { message: { fileURL: string; messageTimestamp: number } };
    expect(uaz).toMatchObject({
      EventType: 'messages',
      token: 'uaz-token',
      message: {
        chatid: `${CUSTOMER}@s.whatsapp.net`,
        fromMe: false,
        isGroup: false,
        type: 'media',
        mediaType: 'document',
      },
    });
    expect(uaz.message).toMatchObject({ sender_pn: `${CUSTOMER}@s.whatsapp.net`, wasSentByApi: false });
    expect(uaz.message.messageTimestamp).toBeGreaterThan(1e12);
    expect(await (await fetch(uaz.message.fileURL)).text()).toBe('pdf');
  });

  it('serves gateway inbound media by message id, as the product fetches it', async () => {
    const media = { kind: 'image' as const, mimeType: 'image/png', bytes: Buffer.from('png!') };
    const from = { from: CUSTOMER, media };
    const evo = await sim.evolutionInbound({ channelId: 'c', instance: 'evo1', apiKey: 'evo-key', ...from });
    const key = { message: { key: { id: evo.externalId } }, convertToMp4: false };
    const path = '/evolution/chat/getBase64FromMediaMessage/evo1';
    expect((await post(path, key, { apikey: 'x' })).status).toBe(401);
    const b64 = await read<{ base64: string; mimetype: string }>(
      await post(path, key, { apikey: 'evo-key' }),
    );
    expect([Buffer.from(b64.base64, 'base64').toString(), b64.mimetype]).toEqual(['png!', 'image/png']);
    const uaz = await sim.uazapiInbound({
      channelId: 'c',
      instanceToken: 'uaz-token',
      ...from,
      webhookSecret: 's',
    });
    expect(worker.hits[1]?.headers['x-fio-webhook-secret']).toBe('s');
    sim.injectFaults('media', [{ status: 500 }], 'uaz-token');
    const body = { id: uaz.externalId, return_link: true };
    expect((await post('/uazapi/message/download', body, { token: 'uaz-token' })).status).toBe(500);
    const link = await read<{ fileURL: string }>(
      await post('/uazapi/message/download', body, { token: 'uaz-token' }),
    );
    expect(await (await fetch(link.fileURL)).text()).toBe('png!');
  });
});

describe('control API', () => {
  it('validates /_sim/ input and relays good input', async () => {
    const bad = await post('/_sim/inbound', { phoneNumberId: PN.phoneNumberId, from: 'abc' });
    expect([bad.status, (await read<{ error: Obj }>(bad)).error.code]).toEqual([400, 'validation_failed']);
    const media = { kind: 'image', mimeType: 'image/png', bytes: Buffer.from('x').toString('base64') };
    const ok = await post('/_sim/inbound', { phoneNumberId: PN.phoneNumberId, from: CUSTOMER, media });
    expect([ok.status, (await read(ok)).status]).toEqual([200, 200]);
    expect((await post('/_sim/faults', { target: 'send', faults: [{ status: 'x' }] })).status).toBe(400);
    const numbers = await read<{ numbers: Obj[] }>(await fetch(`${sim.url}/_sim/numbers`));
    expect(numbers.numbers[0]).not.toHaveProperty('accessToken');
    expect(await (await fetch(`${sim.url}/`)).text()).toContain('<label for="phone">');
  });
});
