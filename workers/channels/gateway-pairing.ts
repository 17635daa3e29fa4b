// A gateway number's WhatsApp session, asked live for the admin's pairing screen: connected, or waiting for a
// QR scan (with the QR to show and, when given, the 8-character code for "link with phone number").
// Evolution v2: GET /instance/connectionState/{instance}, then GET /instance/connect/{instance} → {code,
// pairingCode, base64}. Uazapi: GET /instance/status, then POST /instance/connect → {instance: {qrcode,
// paircode, status}}, whose qrcode is an image (a data URL), not the QR's text.
import { z } from 'zod';
import type { PairingState } from '../contract/channels';
import { call, isSuccess, readJson, trimBase } from './http';
import type { ChannelConfig } from './outbound';
import { httpFor, type TransportOptions } from './transport';

export type PairingCheck =
  | {
      reached: true;
      state: PairingState;
      /** The text the QR encodes (Evolution). */
      qr: string | null;
      /** A PNG/SVG data URL of the QR, when the gateway gives only the image (Uazapi). */
      qrImage: string | null;
      pairingCode: string | null;
    }
  | { reached: false; detail: string };

const EvolutionState = z.looseObject({ instance: z.looseObject({ state: z.string().nullish() }) });
const EvolutionConnect = z.looseObject({
  code: z.string().max(4096).nullish(),
  pairingCode: z.string().max(32).nullish(),
});
const UazapiInstance = z.looseObject({
  instance: z.looseObject({
    status: z.string().nullish(),
    qrcode: z.string().nullish(),
    paircode: z.string().max(32).nullish(),
  }),
});

/** Only images, and at most ~150 kB of one: anything else from the gateway is not shown. */
const QR_IMAGE = /^data:image\/(?:png|svg\+xml);base64,[A-Za-z0-9+/=]+$/;
const QR_IMAGE_MAX = 200_000;

const image = (value: string | null | undefined) =>
  value && value.length <= QR_IMAGE_MAX && QR_IMAGE.test(value) ? value : null;
const text = (value: string | null | undefined) => (value && !value.startsWith('data:') ? value : null);
const unreached = (detail: string): PairingCheck => ({ reached: false, detail });

type GatewayConfig = Extract<ChannelConfig, { kind: 'evolution' | 'uazapi' }>;

export async function checkPairing(
  config: GatewayConfig,
  options: TransportOptions = {},
): Promise<PairingCheck> {
  const http = httpFor(config, options);
  const base = trimBase(config.baseUrl);
  const headers: Record<string, string> =
    config.kind === 'evolution' ? { apikey: config.apiKey } : { token: config.instanceToken };
  const ask = (path: string, method = 'GET') =>
    call(
      http,
      `${base}${path}`,
      {
        method,
        headers: { ...headers, 'Content-Type': 'application/json' },
        ...(method === 'POST' ? { body: '{}' } : {}),
      },
      readJson,
    );

  if (config.kind === 'evolution') {
    const instance = encodeURIComponent(config.instance);
    const state = await ask(`/instance/connectionState/${instance}`);
    if (!state.reached) return unreached(state.title);
    if (!isSuccess(state.status)) return unreached(`HTTP ${state.status}`);
    const current = EvolutionState.safeParse(state.body);
    const name = current.success ? current.data.instance.state?.toLowerCase() : undefined;
    if (name === 'open')
      return { reached: true, state: 'paired', qr: null, qrImage: null, pairingCode: null };
    const connect = await ask(`/instance/connect/${instance}`);
    if (!connect.reached) return unreached(connect.title);
    if (!isSuccess(connect.status)) return unreached(`HTTP ${connect.status}`);
    const qr = EvolutionConnect.safeParse(connect.body);
    const code = qr.success ? text(qr.data.code) : null;
    return {
      reached: true,
      state: code ? 'qr' : name === 'connecting' ? 'connecting' : 'logged_out',
      qr: code,
      qrImage: null,
      pairingCode: qr.success ? (qr.data.pairingCode ?? null) : null,
    };
  }

  const status = await ask('/instance/status');
  if (!status.reached) return unreached(status.title);
  if (!isSuccess(status.status)) return unreached(`HTTP ${status.status}`);
  const current = UazapiInstance.safeParse(status.body);
  if (current.success && current.data.instance.status?.toLowerCase() === 'connected') {
    return { reached: true, state: 'paired', qr: null, qrImage: null, pairingCode: null };
  }
  const connect = await ask('/instance/connect', 'POST');
  if (!connect.reached) return unreached(connect.title);
  if (!isSuccess(connect.status)) return unreached(`HTTP ${connect.status}`);
  const qr = UazapiInstance.safeParse(connect.body);
  const i = qr.success ? qr.data.instance : null;
  const qrImage = image(i?.qrcode);
  const qrText = text(i?.qrcode);
  return {
    reached: true,
    state: i?.status?.toLowerCase() === 'connected' ? 'paired' : qrImage || qrText ? 'qr' : 'connecting',
    qr: qrText,
    qrImage,
    pairingCode: i?.paircode ?? null,
  };
}
