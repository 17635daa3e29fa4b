// Asking a gateway for its WhatsApp session (the admin's pairing screen): the exact requests to Evolution and
// Uazapi, what each answer becomes (paired, QR text or image, pairing code), and answers that are refused
// (a non-image data URL, an unreachable gateway) rather than shown.
import { describe, expect, it } from 'vitest';
import { checkPairing } from '../../workers/channels/gateway-pairing';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function fakeFetch(...answers: Response[]) {
  const requests: { method: string; url: string; headers: Headers }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    requests.push({ method: init?.method ?? 'GET', url: String(input), headers: new Headers(init?.headers) });
    const next = answers.shift();
    if (!next) throw new Error('unscripted request');
    return next;
  };
  return { fetch, requests };
}

const evolution = {
  kind: 'evolution' as const,
  baseUrl: 'https://evo.provedor.com.br/',
  instance: 'loja centro',
  apiKey: 'evo-key',
};
const uazapi = { kind: 'uazapi' as const, baseUrl: 'https://provedor.uazapi.com', instanceToken: 'tok' };

describe('checkPairing', () => {
  it('Evolution: a connected instance is paired without asking for a QR', async () => {
    const { fetch, requests } = fakeFetch(json({ instance: { instanceName: 'loja centro', state: 'open' } }));
    expect(await checkPairing(evolution, { fetch })).toEqual({
      reached: true,
      state: 'paired',
      qr: null,
      qrImage: null,
      pairingCode: null,
    });
    expect(requests.map((r) => [r.method, r.url])).toEqual([
      ['GET', 'https://evo.provedor.com.br/instance/connectionState/loja%20centro'],
    ]);
    expect(requests[0]?.headers.get('apikey')).toBe('evo-key');
  });

  it('Evolution: a closed instance gives the QR text and the pairing code', async () => {
    const { fetch, requests } = fakeFetch(
      json({ instance: { state: 'close' } }),
      json({
        pairingCode: 'WZYEH1YY',
        code: '2@y8eK+bjtEjUWy9/FOM',
        base64: 'data:image/png;base64,AA',
        count: 1,
      }),
    );
    expect(await checkPairing(evolution, { fetch })).toMatchObject({
      reached: true,
      state: 'qr',
      qr: '2@y8eK+bjtEjUWy9/FOM',
      pairingCode: 'WZYEH1YY',
    });
    expect(requests[1]?.url).toBe('https://evo.provedor.com.br/instance/connect/loja%20centro');
  });

  it('Uazapi: the QR comes as an image; only image data URLs are kept', async () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const answers = [
      json({ instance: { status: 'disconnected' } }),
      json({ connected: false, instance: { status: 'connecting', qrcode: png, paircode: '1234-5678' } }),
    ];
    const { fetch, requests } = fakeFetch(...answers);
    expect(await checkPairing(uazapi, { fetch })).toEqual({
      reached: true,
      state: 'qr',
      qr: null,
      qrImage: png,
      pairingCode: '1234-5678',
    });
    expect(requests.map((r) => [r.method, r.url])).toEqual([
      ['GET', 'https://provedor.uazapi.com/instance/status'],
      ['POST', 'https://provedor.uazapi.com/instance/connect'],
    ]);
    expect(requests[0]?.headers.get('token')).toBe('tok');
    const html = fakeFetch(
      json({ instance: { status: 'disconnected' } }),
      json({ instance: { status: 'connecting', qrcode: 'data:text/html;base64,PHNjcmlwdD4=' } }),
    );
    expect(await checkPairing(uazapi, { fetch: html.fetch })).toMatchObject({
      state: 'connecting',
      qr: null,
      qrImage: null,
    });
  });

  it('says when the gateway did not answer or refused', async () => {
    const down: typeof globalThis.fetch = async () => {
      throw new TypeError('connection refused');
    };
    expect(await checkPairing(uazapi, { fetch: down })).toEqual({ reached: false, detail: 'network error' });
    const { fetch } = fakeFetch(json({ error: 'Invalid token' }, 401));
    expect(await checkPairing(uazapi, { fetch })).toEqual({ reached: false, detail: 'HTTP 401' });
  });
});
