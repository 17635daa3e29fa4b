// A number's health and a gateway's pairing in words, Portuguese (default) and English, same shape in both:
// the server sends codes + params (ChannelHealthCode), never provider English, and the "test connection"
// detail is worded from the shapes the transports give (connection state, quality colour, HTTP status).
import type { ChannelHealthCode, HealthParams, PairingState } from '../../../workers/contract';
import { locale } from '../i18n';

const p = (params: HealthParams | null | undefined, key: string) => params?.[key] ?? '?';

const pt = {
  code: {
    sending_normally: () => 'enviando normalmente',
    token_invalid: () => 'token de acesso inválido ou expirado',
    error_rate: (x) =>
      `${p(x, 'percent')}% dos últimos ${p(x, 'sent')} envios falharam (último erro: ${
        x?.lastError === 'network' ? 'rede/tempo esgotado' : p(x, 'lastError')
      })`,
    unreachable: () => 'provedor inacessível',
    logged_out: () => 'sessão do WhatsApp desconectada no celular: pareie de novo pelo QR',
    disconnected: () => 'o gateway perdeu a conexão com o WhatsApp',
    paired: () => 'conectado de novo ao WhatsApp',
    banned: () => 'número bloqueado ou desativado pela Meta',
    quality_red: () => 'qualidade do número vermelha (baixa)',
    restored: () => 'número restabelecido',
  } satisfies Record<ChannelHealthCode, (params: HealthParams | null | undefined) => string>,
  pairing: {
    title: 'Conexão do WhatsApp',
    state: {
      paired: 'Conectado',
      connecting: 'Conectando…',
      qr: 'Aguardando leitura do QR',
      logged_out: 'Desconectado',
      unknown: 'Desconhecido',
    } satisfies Record<PairingState, string>,
    scanHint:
      'No celular do número: WhatsApp › Aparelhos conectados › Conectar um aparelho, e aponte para o código.',
    qrLabel: 'Código QR para conectar o número',
    pairingCode: 'Ou conecte com o número de telefone usando o código',
    refreshing: 'Atualizando a cada poucos segundos até conectar.',
    check: 'Ver conexão',
    unavailable: 'O gateway não respondeu; tentando de novo.',
  },
  quality: { GREEN: 'verde (alta)', YELLOW: 'amarela (média)', RED: 'vermelha (baixa)' } as Record<
    string,
    string
  >,
  session: {
    open: 'sessão do WhatsApp conectada',
    connected: 'sessão do WhatsApp conectada',
    close: 'sessão do WhatsApp desconectada',
    disconnected: 'sessão do WhatsApp desconectada',
    connecting: 'sessão do WhatsApp conectando',
  } as Record<string, string>,
  qualityWord: 'qualidade',
  http: (status: string) =>
    status === '401' || status === '403'
      ? `credenciais recusadas pelo provedor (HTTP ${status})`
      : `o provedor respondeu com erro (HTTP ${status})`,
};

type Dictionary = typeof pt;

const en: Dictionary = {
  code: {
    sending_normally: () => 'sending normally',
    token_invalid: () => 'access token invalid or expired',
    error_rate: (x) =>
      `${p(x, 'percent')}% of the last ${p(x, 'sent')} sends failed (last error: ${
        x?.lastError === 'network' ? 'network/timeout' : p(x, 'lastError')
      })`,
    unreachable: () => 'provider unreachable',
    logged_out: () => 'WhatsApp session logged out on the phone: pair again by QR code',
    disconnected: () => 'the gateway lost its connection to WhatsApp',
    paired: () => 'connected to WhatsApp again',
    banned: () => 'number banned or disabled by Meta',
    quality_red: () => 'number quality rating is red (low)',
    restored: () => 'number restored',
  },
  pairing: {
    title: 'WhatsApp connection',
    state: {
      paired: 'Connected',
      connecting: 'Connecting…',
      qr: 'Waiting for the QR scan',
      logged_out: 'Disconnected',
      unknown: 'Unknown',
    },
    scanHint: "On the number's phone: WhatsApp › Linked devices › Link a device, and point it at the code.",
    qrLabel: 'QR code to connect the number',
    pairingCode: 'Or link with the phone number using the code',
    refreshing: 'Refreshing every few seconds until connected.',
    check: 'Check connection',
    unavailable: 'The gateway did not answer; trying again.',
  },
  quality: { GREEN: 'green (high)', YELLOW: 'yellow (medium)', RED: 'red (low)' },
  session: {
    open: 'WhatsApp session connected',
    connected: 'WhatsApp session connected',
    close: 'WhatsApp session disconnected',
    disconnected: 'WhatsApp session disconnected',
    connecting: 'WhatsApp session connecting',
  },
  qualityWord: 'quality',
  http: (status: string) =>
    status === '401' || status === '403'
      ? `credentials refused by the provider (HTTP ${status})`
      : `the provider answered with an error (HTTP ${status})`,
};

const TEXT = { 'pt-BR': pt, en } as const;

/** The health dictionary of the current locale (reactive: read it inside JSX or an effect). */
export function ht(): Dictionary {
  return TEXT[locale()];
}

/** A health code in words; null (rows from before codes) falls back to the stored English reason. */
export function healthWords(
  code: ChannelHealthCode | null,
  params: HealthParams | null | undefined,
  reason: string | null,
): string | null {
  return code ? ht().code[code](params) : reason;
}

/**
 * The "test connection" detail in words, for the shapes the transports give ("connection open", "instance
 * connected", "Name, +55…, quality GREEN", "HTTP 401: …"); anything else is shown as the provider said it.
 */
export function testDetailWords(detail: string): string {
  const d = ht();
  const session = /^(?:connection|instance) (\w+)$/.exec(detail);
  if (session?.[1]) return d.session[session[1]] ?? detail;
  const http = /^HTTP (\d{3}):/.exec(detail);
  if (http?.[1]) return d.http(http[1]);
  return detail.replace(
    /quality (GREEN|YELLOW|RED)/,
    (_, colour: string) => `${d.qualityWord} ${d.quality[colour]}`,
  );
}
