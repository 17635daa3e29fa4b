// What the conversation says for opt-outs and outages, in the tenant's language (pt-BR first). Pure.
import type { CareLocale } from '../care/after-hours';

export function optOutConfirmation(isp: string, action: 'out' | 'in', locale: CareLocale): string {
  if (locale === 'en')
    return action === 'out'
      ? `Done! You will no longer receive promotional messages from ${isp}. To receive them again, send START.`
      : `Done! You will receive news and offers from ${isp} again. To stop, send STOP.`;
  return action === 'out'
    ? `Pronto! Você não vai mais receber mensagens promocionais de ${isp}. Para voltar a receber, envie VOLTAR.`
    : `Pronto! Você voltou a receber novidades e ofertas de ${isp}. Para parar, envie SAIR.`;
}

export interface OutageWords {
  kind: 'outage' | 'maintenance';
  message: string;
  /** "hoje às 18:00" in the tenant's zone, or null when no end is expected yet. */
  until: string | null;
  protocol: string;
}

/** The bot's notice to an affected customer: what happens, until when, the protocol, and that more is possible. */
export function outageNotice(w: OutageWords, locale: CareLocale): string {
  if (locale === 'en') {
    const head =
      w.kind === 'maintenance'
        ? '🔧 There is maintenance in progress in your area.'
        : '⚠️ We have identified an outage in your area.';
    const until = w.until ? ` Expected to be back ${w.until}.` : '';
    return `${head} ${w.message}${until} Your protocol is ${w.protocol}. If you need anything else, just write (or type "agent").`;
  }
  const head =
    w.kind === 'maintenance'
      ? '🔧 Há uma manutenção em andamento na sua região.'
      : '⚠️ Identificamos uma queda de internet na sua região.';
  const until = w.until ? ` Previsão de normalização: ${w.until}.` : '';
  return `${head} ${w.message}${until} Seu protocolo é ${w.protocol}. Se precisar de outra coisa, é só escrever (ou digite "atendente").`;
}
