// The three provider clients against a scripted fetch: exact requests (URL, method, headers, JSON and multipart
// bodies), the Graph error classification table, gateway errors, timeouts and network failures resolving as
// retryable outcomes, template paging, media downloads, and base64 of large buffers.
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../workers/channels/http';
import type { ChannelConfig, OutboundRequest, SendOutcome } from '../../workers/channels/outbound';
import { createTransport } from '../../workers/channels/transport';

interface Recorded {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}
type Scripted = Response | Error | (() => Promise<Response>);

/** A fetch answering from a script, one entry per request, recording what it was asked. */
function fakeFetch(...script: Scripted[]) {
  const requests: Recorded[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = String(input);
    requests.push({
      url,
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: init?.body,
    });
    const next = script.shift();
    if (next === undefined) throw new Error(`unscripted request to ${url}`);
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next() : next;
  };
  return { fetch, requests };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const bodyOf = (r: Recorded | undefined) => JSON.parse(r?.body as string) as unknown;
const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;
const text = (buffer: ArrayBuffer) => new TextDecoder().decode(buffer);

const cloud: ChannelConfig = {
  kind: 'whatsapp_cloud',
  apiBase: 'https://graph.facebook.com',
  apiVersion: 'v23.0',
  phoneNumberId: '106540352242922',
  wabaId: '102290129340398',
  accessToken: 'EAAG-token',
};
const GRAPH = 'https://graph.facebook.com/v23.0';
const evolution: ChannelConfig = {
  kind: 'evolution',
  baseUrl: 'https://evo.provedor.com.br/',
  instance: 'fio-provedor',
  apiKey: 'evo-key',
};
const EVO = 'https://evo.provedor.com.br';
const uazapi: ChannelConfig = {
  kind: 'uazapi',
  baseUrl: 'https://provedor.uazapi.com',
  instanceToken: 'inst-token',
};
const UAZ = 'https://provedor.uazapi.com';

const TO = '5531991234567';
const textRequest: OutboundRequest = {
  to: TO,
  content: { kind: 'text', text: 'Olá, Maria! 😊' },
  reference: 'c1:42',
};
const templateRequest: OutboundRequest = {
  to: TO,
  content: { kind: 'template', name: 'fatura_vencendo', language: 'pt_BR', parameters: ['Maria', '10/07'] },
  reference: null,
};
const mediaRequest = (
  mediaKind: 'image' | 'document' | 'audio' | 'video',
  caption: string | null,
  filename: string | null,
): OutboundRequest => ({
  to: TO,
  content: {
    kind: 'media',
    mediaKind,
    mimeType: 'application/pdf',
    filename,
    caption,
    bytes: bytes('%PDF-1.4 boleto'),
  },
  reference: null,
});

const graphError = (
  code: number,
  status = 400,
  message = 'Graph says no',
  headers: Record<string, string> = {},
) =>
  json(
    {
      error: {
        message,
        type: 'OAuthException',
        code,
        error_data: { details: 'more details' },
        fbtrace_id: 'AbC',
      },
    },
    status,
    headers,
  );
const failed = (outcome: SendOutcome) => outcome as Extract<SendOutcome, { ok: false }>;
const send = (config: ChannelConfig, script: Scripted[], request = textRequest) => {
  const { fetch } = fakeFetch(...script);
  return createTransport(config, { fetch }).send(request);
};

describe('Cloud API transport', () => {
  it('sends text with the reference as biz_opaque_callback_data', async () => {
    const { fetch, requests } = fakeFetch(
      json({
        messaging_product: 'whatsapp',
        contacts: [{ input: TO, wa_id: TO }],
        messages: [{ id: 'wamid.OUT1' }],
      }),
    );
    const outcome = await createTransport(cloud, { fetch }).send(textRequest);
    expect(outcome).toEqual({ ok: true, externalId: 'wamid.OUT1' });
    expect(requests).toHaveLength(1);
    const [r] = requests;
    expect(r?.url).toBe(`${GRAPH}/106540352242922/messages`);
    expect(r?.method).toBe('POST');
    expect(r?.headers.get('authorization')).toBe('Bearer EAAG-token');
    expect(r?.headers.get('content-type')).toBe('application/json');
    expect(bodyOf(r)).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: TO,
      type: 'text',
      text: { body: 'Olá, Maria! 😊', preview_url: false },
      biz_opaque_callback_data: 'c1:42',
    });
  });

  it('sends to a customer known only by business-scoped user id as `recipient`, a number winning when known', async () => {
    const bsuid = 'BR.13491208655302741918';
    const { fetch, requests } = fakeFetch(
      json({ contacts: [{ input: bsuid, user_id: bsuid }], messages: [{ id: 'wamid.BS1' }] }),
      json({ contacts: [{ input: TO, wa_id: TO }], messages: [{ id: 'wamid.BS2' }] }),
    );
    const transport = createTransport(cloud, { fetch });
    expect(await transport.send({ ...textRequest, to: null, userId: bsuid })).toEqual({
      ok: true,
      externalId: 'wamid.BS1',
    });
    expect(await transport.send({ ...textRequest, userId: bsuid })).toMatchObject({ ok: true });
    const [byUser, byNumber] = requests.map((r) => bodyOf(r) as Record<string, unknown>);
    expect(byUser).toMatchObject({ recipient: bsuid, type: 'text' });
    expect(byUser).not.toHaveProperty('to');
    expect(byNumber).toMatchObject({ to: TO });
    expect(byNumber).not.toHaveProperty('recipient');
  });

  it('sends templates with body parameters, and without components when there are none', async () => {
    const { fetch, requests } = fakeFetch(
      json({ messages: [{ id: 'wamid.T1' }] }),
      json({ messages: [{ id: 'w2' }] }),
    );
    const transport = createTransport(cloud, { fetch });
    expect(await transport.send(templateRequest)).toEqual({ ok: true, externalId: 'wamid.T1' });
    const bare = {
      ...templateRequest,
      content: { ...templateRequest.content, parameters: [] },
    } as OutboundRequest;
    await transport.send(bare);
    expect(bodyOf(requests[0])).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: TO,
      type: 'template',
      template: {
        name: 'fatura_vencendo',
        language: { code: 'pt_BR' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Maria' },
              { type: 'text', text: '10/07' },
            ],
          },
        ],
      },
    });
    expect(bodyOf(requests[1])).toMatchObject({
      template: { name: 'fatura_vencendo', language: { code: 'pt_BR' } },
    });
    expect((bodyOf(requests[1]) as { template: object }).template).not.toHaveProperty('components');
  });

  it('uploads media as multipart first, then sends it by id', async () => {
    const { fetch, requests } = fakeFetch(json({ id: 'media-77' }), json({ messages: [{ id: 'wamid.M1' }] }));
    const outcome = await createTransport(cloud, { fetch }).send(
      mediaRequest('document', 'Seu boleto', 'boleto.pdf'),
    );
    expect(outcome).toEqual({ ok: true, externalId: 'wamid.M1' });
    const [upload, message] = requests;
    expect(upload?.url).toBe(`${GRAPH}/106540352242922/media`);
    expect(upload?.method).toBe('POST');
    expect(upload?.headers.get('authorization')).toBe('Bearer EAAG-token');
    expect(upload?.headers.get('content-type')).toBeNull(); // fetch sets the multipart boundary itself
    const form = upload?.body as FormData;
    expect(form.get('messaging_product')).toBe('whatsapp');
    expect(form.get('type')).toBe('application/pdf');
    const file = form.get('file') as File;
    expect(file.name).toBe('boleto.pdf');
    expect(file.type).toBe('application/pdf');
    expect(await file.text()).toBe('%PDF-1.4 boleto');
    expect(message?.url).toBe(`${GRAPH}/106540352242922/messages`);
    expect(bodyOf(message)).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: TO,
      type: 'document',
      document: { id: 'media-77', caption: 'Seu boleto', filename: 'boleto.pdf' },
    });
  });

  it('leaves out what Graph refuses: a caption on audio, a filename outside documents', async () => {
    const { fetch, requests } = fakeFetch(json({ id: 'a1' }), json({ messages: [{ id: 'w' }] }));
    await createTransport(cloud, { fetch }).send(mediaRequest('audio', 'legenda', 'voz.ogg'));
    expect(bodyOf(requests[1])).toMatchObject({ type: 'audio', audio: { id: 'a1' } });
    expect((bodyOf(requests[1]) as { audio: object }).audio).toEqual({ id: 'a1' });
  });

  it('makes an upload failure the outcome of the send', async () => {
    const { fetch, requests } = fakeFetch(graphError(131053, 400, 'Media upload error'));
    const outcome = await createTransport(cloud, { fetch }).send(mediaRequest('image', null, null));
    expect(outcome).toMatchObject({ ok: false, retryable: false, code: 131053, title: 'Media upload error' });
    expect(requests).toHaveLength(1);
  });

  it.each([
    [130429, true],
    [131056, true],
    [131000, true],
    [1, true],
    [2, true],
    [4, true],
    [80007, true],
    [133004, true],
    [131047, false],
    [131026, false],
    [131048, false],
    [131049, false],
    [132001, false],
    [368, false],
    [100, false],
    [131053, false],
    [131051, false],
    [131009, false],
  ])('classifies Graph code %i as retryable: %s', async (code, retryable) => {
    const outcome = await send(cloud, [graphError(code)]);
    expect(outcome).toEqual({
      ok: false,
      retryable,
      code,
      title: 'Graph says no',
      message: 'more details',
      retryAfterMs: null,
      tokenInvalid: false,
    });
  });

  it('marks the token invalid on code 190 or HTTP 401, never retryable', async () => {
    for (const response of [
      graphError(190, 401, 'Error validating access token: Session has expired'),
      graphError(190, 400),
      new Response('Unauthorized', { status: 401 }),
    ]) {
      expect(await send(cloud, [response])).toMatchObject({
        ok: false,
        retryable: false,
        tokenInvalid: true,
      });
    }
  });

  it('retries on HTTP 5xx and 429 whatever the body, honouring Retry-After', async () => {
    expect(await send(cloud, [new Response('<html>Service Unavailable</html>', { status: 503 })])).toEqual({
      ok: false,
      retryable: true,
      code: null,
      title: 'HTTP 503',
      message: null,
      retryAfterMs: null,
      tokenInvalid: false,
    });
    expect(await send(cloud, [graphError(131048, 500)])).toMatchObject({ retryable: true, code: 131048 });
    expect(
      await send(cloud, [graphError(130429, 429, 'Rate limit hit', { 'Retry-After': '30' })]),
    ).toMatchObject({
      retryable: true,
      code: 130429,
      retryAfterMs: 30_000,
    });
    const later = new Date(Date.now() + 60_000).toUTCString();
    const dated = failed(
      await send(cloud, [new Response('', { status: 429, headers: { 'Retry-After': later } })]),
    );
    expect(dated.retryAfterMs).toBeGreaterThan(50_000);
    expect(dated.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('refuses to guess on a 2xx without a message id (a retry could send twice)', async () => {
    expect(await send(cloud, [json({ messaging_product: 'whatsapp' })])).toMatchObject({
      ok: false,
      retryable: false,
    });
  });

  it('checks health on the phone number node', async () => {
    const { fetch, requests } = fakeFetch(
      json({
        verified_name: 'Fio Internet',
        display_phone_number: '+55 31 3333-4444',
        quality_rating: 'GREEN',
      }),
      graphError(190, 401, 'Error validating access token'),
      graphError(2, 500, 'Service temporarily unavailable'),
    );
    const transport = createTransport(cloud, { fetch });
    expect(await transport.checkHealth()).toEqual({
      ok: true,
      tokenValid: true,
      detail: 'Fio Internet, +55 31 3333-4444, quality GREEN',
    });
    expect(requests[0]?.url).toBe(
      `${GRAPH}/106540352242922?fields=id,display_phone_number,verified_name,quality_rating`,
    );
    expect(requests[0]?.method).toBe('GET');
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer EAAG-token');
    expect(await transport.checkHealth()).toEqual({
      ok: false,
      tokenValid: false,
      detail: 'Error validating access token (code 190)',
    });
    expect(await transport.checkHealth()).toMatchObject({ ok: false, tokenValid: true });
  });

  it('downloads media through its metadata, both steps with the token', async () => {
    const cdn = 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1&ext=1&hash=x';
    const { fetch, requests } = fakeFetch(
      json({ url: cdn, mime_type: 'image/jpeg', sha256: 'abc', file_size: 3, id: 'media-1' }),
      new Response(new Uint8Array([0xff, 0xd8, 0xff]), {
        headers: { 'content-type': 'application/octet-stream' },
      }),
    );
    const result = await createTransport(cloud, { fetch }).downloadMedia('media-1');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.media.mimeType).toBe('image/jpeg');
    expect([...new Uint8Array(result.media.bytes)]).toEqual([0xff, 0xd8, 0xff]);
    expect(requests.map((r) => [r.method, r.url, r.headers.get('authorization')])).toEqual([
      ['GET', `${GRAPH}/media-1`, 'Bearer EAAG-token'],
      ['GET', cdn, 'Bearer EAAG-token'],
    ]);
  });

  it('tells which media download failures are worth retrying', async () => {
    const download = (...script: Scripted[]) =>
      createTransport(cloud, { fetch: fakeFetch(...script).fetch }).downloadMedia('media-9');
    const missing = await download(graphError(100, 400, 'Unsupported get request'));
    expect(missing).toMatchObject({ ok: false, retryable: false });
    expect(missing.ok || missing.reason).toMatch(/400.*Unsupported get request.*code 100/);
    const meta = json({ url: 'https://lookaside.fbsbx.com/x', mime_type: 'audio/ogg' });
    expect(await download(meta, new Response('', { status: 500 }))).toMatchObject({
      ok: false,
      retryable: true,
    });
    const meta2 = json({ url: 'https://lookaside.fbsbx.com/x', mime_type: 'audio/ogg' });
    const gone = await download(meta2, new Response('', { status: 404 }));
    expect(gone).toMatchObject({ ok: false, retryable: false });
    expect(gone.ok || gone.reason).toContain('404');
    expect(await download(graphError(4, 400, 'Application request limit reached'))).toMatchObject({
      retryable: true,
    });
    expect(await download(json({ id: 'media-9' }))).toMatchObject({ ok: false, retryable: false });
  });

  it('lists templates across pages, the BODY text whatever its case', async () => {
    const next = `${GRAPH}/102290129340398/message_templates?limit=100&after=QVFI`;
    const { fetch, requests } = fakeFetch(
      json({
        data: [
          {
            name: 'fatura_vencendo',
            language: 'pt_BR',
            status: 'APPROVED',
            category: 'UTILITY',
            id: '1',
            components: [
              { type: 'HEADER', format: 'TEXT', text: 'Fatura' },
              { type: 'BODY', text: 'Olá {{1}}, sua fatura vence em {{2}}.' },
            ],
          },
          { name: 'unreadable' },
        ],
        paging: { cursors: { before: 'a', after: 'QVFI' }, next },
      }),
      json({
        data: [
          {
            name: 'boas_vindas',
            language: 'pt_BR',
            status: 'PENDING',
            components: [{ type: 'body', text: 'Oi!' }],
          },
          { name: 'so_botao', language: 'en_US', status: 'REJECTED', category: 'MARKETING', components: [] },
        ],
        paging: { cursors: { before: 'b', after: 'c' } },
      }),
    );
    const listed = await createTransport(cloud, { fetch }).listTemplates();
    if (!listed.ok) throw new Error(listed.reason);
    const templates = listed.templates;
    expect(requests.map((r) => r.url)).toEqual([
      `${GRAPH}/102290129340398/message_templates?limit=100`,
      next,
    ]);
    expect(requests[1]?.headers.get('authorization')).toBe('Bearer EAAG-token');
    expect(templates.map((t) => [t.name, t.language, t.status, t.category, t.body])).toEqual([
      ['fatura_vencendo', 'pt_BR', 'APPROVED', 'UTILITY', 'Olá {{1}}, sua fatura vence em {{2}}.'],
      ['boas_vindas', 'pt_BR', 'PENDING', null, 'Oi!'],
      ['so_botao', 'en_US', 'REJECTED', 'MARKETING', null],
    ]);
    expect(templates[0]?.components).toHaveLength(2);
  });

  it('bounds template paging, never sends the token to another host, fails the whole listing when a page fails', async () => {
    const page = (next: string) => () =>
      Promise.resolve(
        json({ data: [{ name: 't', language: 'pt_BR', status: 'APPROVED' }], paging: { next } }),
      );
    const endless = fakeFetch(...Array.from({ length: 30 }, () => page(`${GRAPH}/x?after=more`)));
    expect(await createTransport(cloud, { fetch: endless.fetch }).listTemplates()).toMatchObject({
      ok: true,
      templates: { length: 20 },
    });
    expect(endless.requests).toHaveLength(20);

    const foreign = fakeFetch(page('https://evil.example/steal'));
    expect(await createTransport(cloud, { fetch: foreign.fetch }).listTemplates()).toMatchObject({
      ok: true,
      templates: { length: 1 },
    });
    expect(foreign.requests).toHaveLength(1);

    const broken = fakeFetch(page(`${GRAPH}/x?after=2`), graphError(2, 500));
    expect(await createTransport(cloud, { fetch: broken.fetch }).listTemplates()).toMatchObject({
      ok: false,
    });
  });
});

describe('Evolution transport', () => {
  const accepted = (id: string) =>
    json(
      {
        key: { remoteJid: `${TO}@s.whatsapp.net`, fromMe: true, id },
        pushName: '',
        status: 'PENDING',
        messageType: 'conversation',
        messageTimestamp: 1749416400,
      },
      201,
    );

  it('sends text and media with the apikey header', async () => {
    const { fetch, requests } = fakeFetch(accepted('3EB0OUT'), accepted('3EB0MEDIA'));
    const transport = createTransport(evolution, { fetch });
    expect(await transport.send(textRequest)).toEqual({ ok: true, externalId: '3EB0OUT' });
    expect(await transport.send(mediaRequest('document', 'Seu boleto', 'boleto.pdf'))).toEqual({
      ok: true,
      externalId: '3EB0MEDIA',
    });
    const [t, m] = requests;
    expect([t?.method, t?.url]).toEqual(['POST', `${EVO}/message/sendText/fio-provedor`]);
    expect(t?.headers.get('apikey')).toBe('evo-key');
    expect(t?.headers.get('content-type')).toBe('application/json');
    expect(bodyOf(t)).toEqual({ number: TO, text: 'Olá, Maria! 😊' });
    expect([m?.method, m?.url]).toEqual(['POST', `${EVO}/message/sendMedia/fio-provedor`]);
    expect(bodyOf(m)).toEqual({
      number: TO,
      mediatype: 'document',
      mimetype: 'application/pdf',
      caption: 'Seu boleto',
      media: bytesToBase64(bytes('%PDF-1.4 boleto')),
      fileName: 'boleto.pdf',
    });
  });

  it('fails a send to a customer with no number visibly, without calling either gateway', async () => {
    for (const config of [evolution, uazapi]) {
      const { fetch, requests } = fakeFetch();
      const outcome = await createTransport(config, { fetch }).send({
        ...textRequest,
        to: null,
        userId: 'BR.13491208655302741918',
      });
      expect(outcome).toMatchObject({ ok: false, retryable: false, title: 'customer has no phone number' });
      expect(requests).toHaveLength(0);
    }
  });

  it('refuses templates without calling Evolution', async () => {
    const { fetch, requests } = fakeFetch();
    expect(await createTransport(evolution, { fetch }).send(templateRequest)).toMatchObject({
      ok: false,
      retryable: false,
      code: null,
      title: 'templates are a Cloud API feature',
      tokenInvalid: false,
    });
    expect(requests).toHaveLength(0);
  });

  it('classifies gateway errors, with Evolution’s own message as title', async () => {
    const notOnWhatsApp = json(
      {
        status: 400,
        error: 'Bad Request',
        response: { message: [{ jid: `${TO}@s.whatsapp.net`, exists: false }] },
      },
      400,
    );
    expect(await send(evolution, [notOnWhatsApp])).toEqual({
      ok: false,
      retryable: false,
      code: null,
      title: `{"jid":"${TO}@s.whatsapp.net","exists":false}`,
      message: 'HTTP 400',
      retryAfterMs: null,
      tokenInvalid: false,
    });
    const unauthorized = json(
      { status: 401, error: 'Unauthorized', response: { message: 'Unauthorized' } },
      401,
    );
    expect(await send(evolution, [unauthorized])).toMatchObject({
      retryable: false,
      tokenInvalid: true,
      title: 'Unauthorized',
    });
    expect(await send(evolution, [json({}, 403)])).toMatchObject({ tokenInvalid: true, title: 'HTTP 403' });
    expect(await send(evolution, [new Response('Bad Gateway', { status: 502 })])).toMatchObject({
      retryable: true,
      title: 'HTTP 502',
    });
    expect(await send(evolution, [json({}, 429, { 'Retry-After': '5' })])).toMatchObject({
      retryable: true,
      retryAfterMs: 5000,
    });
    expect(await send(evolution, [json({ status: 'PENDING' }, 201)])).toMatchObject({
      ok: false,
      retryable: false,
    });
  });

  it('is healthy only when the instance connection is open', async () => {
    const { fetch, requests } = fakeFetch(
      json({ instance: { instanceName: 'fio-provedor', state: 'open' } }),
      json({ instance: { instanceName: 'fio-provedor', state: 'close' } }),
      json({ status: 401, error: 'Unauthorized', response: { message: 'Unauthorized' } }, 401),
    );
    const transport = createTransport(evolution, { fetch });
    expect(await transport.checkHealth()).toEqual({ ok: true, tokenValid: true, detail: 'connection open' });
    expect([requests[0]?.method, requests[0]?.url]).toEqual([
      'GET',
      `${EVO}/instance/connectionState/fio-provedor`,
    ]);
    expect(requests[0]?.headers.get('apikey')).toBe('evo-key');
    expect(await transport.checkHealth()).toEqual({
      ok: false,
      tokenValid: true,
      detail: 'connection close',
    });
    expect(await transport.checkHealth()).toMatchObject({ ok: false, tokenValid: false });
  });

  it('downloads media by message id through Evolution, or by URL on Evolution’s own origin only', async () => {
    const { fetch, requests } = fakeFetch(
      json(
        { mediaType: 'imageMessage', fileName: 'M2.jpeg', mimetype: 'image/jpeg', base64: btoa('JPEGDATA') },
        201,
      ),
      new Response('own-file', { headers: { 'content-type': 'application/pdf; charset=binary' } }),
    );
    const transport = createTransport(evolution, { fetch });
    const byId = await transport.downloadMedia('M2');
    expect(byId.ok && [text(byId.media.bytes), byId.media.mimeType]).toEqual(['JPEGDATA', 'image/jpeg']);
    expect([requests[0]?.method, requests[0]?.url]).toEqual([
      'POST',
      `${EVO}/chat/getBase64FromMediaMessage/fio-provedor`,
    ]);
    expect(bodyOf(requests[0])).toEqual({ message: { key: { id: 'M2' } }, convertToMp4: false });

    const own = await transport.downloadMedia(`${EVO}/files/M3.pdf`);
    expect(own.ok && [text(own.media.bytes), own.media.mimeType]).toEqual(['own-file', 'application/pdf']);
    expect(requests[1]?.headers.get('apikey')).toBe('evo-key');
    // A storage host elsewhere (Evolution's S3 on another origin) is never contacted (tests/workerd/egress).
    const s3 = await transport.downloadMedia('https://s3.provedor.com.br/evolution/M4.png');
    expect(s3).toMatchObject({ ok: false, retryable: false });
    expect(requests).toHaveLength(2);
  });

  it('tells which media failures are worth retrying, and has no templates', async () => {
    const download = (...script: Scripted[]) =>
      createTransport(evolution, { fetch: fakeFetch(...script).fetch }).downloadMedia('M9');
    const missing = await download(json({ status: 400, response: { message: 'Message not found' } }, 400));
    expect(missing).toMatchObject({ ok: false, retryable: false });
    expect(missing.ok || missing.reason).toContain('Message not found');
    expect(await download(new Response('', { status: 502 }))).toMatchObject({ ok: false, retryable: true });
    expect(await download(json({ base64: '***not base64***' }))).toMatchObject({
      ok: false,
      retryable: false,
    });
    const { fetch, requests } = fakeFetch();
    expect(await createTransport(evolution, { fetch }).listTemplates()).toEqual({ ok: true, templates: [] });
    expect(requests).toHaveLength(0);
  });
});

describe('Uazapi transport', () => {
  it('sends text and media with the token header, keeping WhatsApp’s message id', async () => {
    const { fetch, requests } = fakeFetch(
      json({ id: '553133334444:3EB0X', messageid: '3EB0X', status: 'Pending' }),
      json({ id: '3EB0Y' }),
    );
    const transport = createTransport(uazapi, { fetch });
    expect(await transport.send(textRequest)).toEqual({ ok: true, externalId: '3EB0X' });
    expect(await transport.send(mediaRequest('document', 'Seu boleto', 'boleto.pdf'))).toEqual({
      ok: true,
      externalId: '3EB0Y',
    });
    const [t, m] = requests;
    expect([t?.method, t?.url]).toEqual(['POST', `${UAZ}/send/text`]);
    expect(t?.headers.get('token')).toBe('inst-token');
    expect(bodyOf(t)).toEqual({ number: TO, text: 'Olá, Maria! 😊' });
    expect([m?.method, m?.url]).toEqual(['POST', `${UAZ}/send/media`]);
    expect(bodyOf(m)).toEqual({
      number: TO,
      type: 'document',
      file: bytesToBase64(bytes('%PDF-1.4 boleto')),
      text: 'Seu boleto',
      docName: 'boleto.pdf',
      mimetype: 'application/pdf',
    });
  });

  it('refuses templates and classifies errors', async () => {
    const { fetch, requests } = fakeFetch();
    expect(await createTransport(uazapi, { fetch }).send(templateRequest)).toMatchObject({
      ok: false,
      retryable: false,
      title: 'templates are a Cloud API feature',
    });
    expect(requests).toHaveLength(0);
    expect(await send(uazapi, [json({ error: 'Invalid token' }, 401)])).toMatchObject({
      tokenInvalid: true,
      retryable: false,
      title: 'Invalid token',
    });
    expect(await send(uazapi, [json({ error: 'not on WhatsApp' }, 400)])).toMatchObject({
      tokenInvalid: false,
      retryable: false,
    });
    expect(await send(uazapi, [json({ error: 'busy' }, 500)])).toMatchObject({ retryable: true });
  });

  it('is healthy only when the instance is connected', async () => {
    const { fetch, requests } = fakeFetch(
      json({ instance: { id: 'r1', status: 'connected' }, status: { connected: true } }),
      json({ instance: { id: 'r1', status: 'disconnected' } }),
      json({ error: 'Invalid token' }, 401),
    );
    const transport = createTransport(uazapi, { fetch });
    expect(await transport.checkHealth()).toEqual({
      ok: true,
      tokenValid: true,
      detail: 'instance connected',
    });
    expect([requests[0]?.method, requests[0]?.url]).toEqual(['GET', `${UAZ}/instance/status`]);
    expect(requests[0]?.headers.get('token')).toBe('inst-token');
    expect(await transport.checkHealth()).toEqual({
      ok: false,
      tokenValid: true,
      detail: 'instance disconnected',
    });
    expect(await transport.checkHealth()).toMatchObject({ ok: false, tokenValid: false });
  });

  it('downloads media by message id through Uazapi’s link, or by URL', async () => {
    const { fetch, requests } = fakeFetch(
      json({ fileURL: `${UAZ}/files/abc.ogg`, mimetype: 'audio/ogg' }),
      new Response('OggS', { headers: { 'content-type': 'application/octet-stream' } }),
      new Response('cdn', { headers: { 'content-type': 'image/webp' } }),
    );
    const transport = createTransport(uazapi, { fetch });
    const voice = await transport.downloadMedia('3EB0VOICE');
    expect(voice.ok && [text(voice.media.bytes), voice.media.mimeType]).toEqual(['OggS', 'audio/ogg']);
    expect([requests[0]?.method, requests[0]?.url]).toEqual(['POST', `${UAZ}/message/download`]);
    expect(bodyOf(requests[0])).toEqual({ id: '3EB0VOICE', return_link: true });
    expect([requests[1]?.url, requests[1]?.headers.get('token')]).toEqual([
      `${UAZ}/files/abc.ogg`,
      'inst-token',
    ]);
    expect(await transport.downloadMedia('https://cdn.example.com/sticker.webp')).toMatchObject({
      ok: false,
      retryable: false,
    });
    expect(requests).toHaveLength(2);
    expect(await transport.listTemplates()).toEqual({ ok: true, templates: [] });
  });
});

describe('every transport, when the network fails', () => {
  const trimmed = (url: string) => url.replace(/\/+$/, '');
  const never: typeof fetch = () => new Promise<Response>(() => {});
  const stalledBody: typeof fetch = async () =>
    new Response(new ReadableStream({ start() {} }), { status: 200 });
  const refused: typeof fetch = async () => {
    throw new TypeError('fetch failed: connection refused');
  };
  const throwsAtOnce: typeof fetch = () => {
    throw new Error('boom');
  };

  it.each([
    ['whatsapp_cloud', cloud],
    ['evolution', evolution],
    ['uazapi', uazapi],
  ] as const)('%s resolves timeouts and network errors as retryable, never throwing', async (_, config) => {
    for (const [fetch, title] of [
      [never, 'timeout'],
      [stalledBody, 'timeout'],
      [refused, 'network error'],
      [throwsAtOnce, 'network error'],
    ] as const) {
      const transport = createTransport(config, { fetch, timeoutMs: 50 });
      for (const request of [textRequest, mediaRequest('image', 'foto', 'foto.jpg')]) {
        expect(await transport.send(request)).toMatchObject({
          ok: false,
          retryable: true,
          code: null,
          title,
          tokenInvalid: false,
        });
      }
      expect(await transport.checkHealth()).toMatchObject({ ok: false, tokenValid: true });
      expect(await transport.downloadMedia('media-1')).toMatchObject({ ok: false, retryable: true });
      const own = config.kind === 'whatsapp_cloud' ? 'https://lookaside.fbsbx.com' : trimmed(config.baseUrl);
      expect(await transport.downloadMedia(`${own}/files/a.jpg`)).toMatchObject({
        ok: false,
        retryable: true,
      });
      // Gateways have no templates at all; the Cloud API reports that it could not list them.
      const listed = await transport.listTemplates();
      expect(listed).toEqual(
        config.kind === 'whatsapp_cloud'
          ? { ok: false, reason: expect.any(String) }
          : { ok: true, templates: [] },
      );
    }
  });
});

describe('base64 for gateway bodies', () => {
  it('encodes and decodes exact bytes, accents and emoji included', () => {
    expect(bytesToBase64(bytes('Olá 😊'))).toBe('T2zDoSDwn5iK');
    expect(text(base64ToBytes('T2zDoSDwn5iK'))).toBe('Olá 😊');
    expect(text(base64ToBytes('data:text/plain;base64,T2zD\noSDwn5iK'))).toBe('Olá 😊');
    expect(bytesToBase64(new ArrayBuffer(0))).toBe('');
  });

  it('handles buffers of megabytes without overflowing the stack', () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 7);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31) % 256;
    const encoded = bytesToBase64(big.buffer);
    expect(encoded.length).toBe(Math.ceil(big.length / 3) * 4);
    const decoded = new Uint8Array(base64ToBytes(encoded));
    expect(decoded.length).toBe(big.length);
    expect(decoded.every((b, i) => b === big[i])).toBe(true);
  });
});

describe('read receipts and typing', () => {
  it('marks a customer message read on the Cloud API, with the typing indicator when asked', async () => {
    const { fetch, requests } = fakeFetch(json({ success: true }), json({ success: true }), json({}, 500));
    const transport = createTransport(cloud, { fetch });
    expect(await transport.markRead('wamid.IN', false)).toBe(true);
    expect(await transport.markRead('wamid.IN', true)).toBe(true);
    expect(await transport.markRead('wamid.IN', false)).toBe(false);
    expect(requests[0]?.url).toBe(`${GRAPH}/${(cloud as { phoneNumberId: string }).phoneNumberId}/messages`);
    expect(bodyOf(requests[0])).toEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.IN',
    });
    expect(bodyOf(requests[1])).toMatchObject({ typing_indicator: { type: 'text' } });
  });

  it('marks read on Evolution by the chat jid, and sends "composing" when typing', async () => {
    const { fetch, requests } = fakeFetch(json({}), json({}), json({}), json({}, 500));
    const transport = createTransport(evolution, { fetch });
    expect(await transport.markRead('3EB0IN', false, '5531988887777')).toBe(true);
    expect(await transport.markRead('3EB0IN', true, '5531988887777')).toBe(true);
    expect(await transport.markRead('3EB0IN', false, '5531988887777')).toBe(false);
    const [base, instance] = [EVO, 'fio-provedor'];
    expect(requests.map((r) => [r.method, r.url])).toEqual([
      ['POST', `${base}/chat/markMessageAsRead/${instance}`],
      ['POST', `${base}/chat/markMessageAsRead/${instance}`],
      ['POST', `${base}/chat/sendPresence/${instance}`],
      ['POST', `${base}/chat/markMessageAsRead/${instance}`],
    ]);
    expect(bodyOf(requests[0])).toEqual({
      readMessages: [{ remoteJid: '5531988887777@s.whatsapp.net', fromMe: false, id: '3EB0IN' }],
    });
    expect(bodyOf(requests[2])).toEqual({ number: '5531988887777', presence: 'composing', delay: 20_000 });
  });

  it('marks read on Uazapi by number and message ids, and sends "composing" when typing', async () => {
    const { fetch, requests } = fakeFetch(json({}), json({}), json({}));
    const transport = createTransport(uazapi, { fetch });
    expect(await transport.markRead('3EB0UZ', true, '5531988887777')).toBe(true);
    expect(await transport.markRead('3EB0UZ', false, '5531988887777')).toBe(true);
    expect(requests.map((r) => r.url)).toEqual([
      'https://provedor.uazapi.com/message/markread',
      'https://provedor.uazapi.com/message/presence',
      'https://provedor.uazapi.com/message/markread',
    ]);
    expect(bodyOf(requests[0])).toEqual({ number: '5531988887777', id: ['3EB0UZ'] });
    expect(bodyOf(requests[1])).toEqual({ number: '5531988887777', presence: 'composing', delay: 20_000 });
  });

  it('calls no gateway for a customer without a number', async () => {
    const { fetch, requests } = fakeFetch();
    for (const config of [evolution, uazapi]) {
      expect(await createTransport(config, { fetch }).markRead('x', true, null)).toBe(false);
    }
    expect(requests).toHaveLength(0);
  });
});
