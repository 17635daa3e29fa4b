// Why a number is unhealthy, in the few words an alert's sentence carries (pt-BR and English): the health code
// itself (`banned`, `logged_out`…) is the machine's, never shown as is. The channel screens word the same codes
// at length with their numbers (app/agent/admin/channel-health-i18n.ts).
import type { ChannelHealthCode } from './channels';

const WORDS: Partial<Record<ChannelHealthCode, { 'pt-BR': string; en: string }>> = {
  token_invalid: { 'pt-BR': 'token de acesso inválido ou expirado', en: 'access token invalid or expired' },
  error_rate: { 'pt-BR': 'muitos envios falhando', en: 'many sends failing' },
  unreachable: { 'pt-BR': 'provedor inacessível', en: 'provider unreachable' },
  logged_out: { 'pt-BR': 'sessão do WhatsApp desconectada', en: 'WhatsApp session logged out' },
  disconnected: { 'pt-BR': 'gateway sem conexão com o WhatsApp', en: 'gateway disconnected from WhatsApp' },
  banned: { 'pt-BR': 'bloqueado ou desativado pela Meta', en: 'banned or disabled by Meta' },
  quality_red: { 'pt-BR': 'qualidade vermelha', en: 'quality rating red' },
};

/** The reason in `locale`; an unknown code (a newer server) falls back to the code. */
export function healthWords(code: string, locale: 'pt-BR' | 'en'): string {
  return WORDS[code as ChannelHealthCode]?.[locale] ?? code;
}
