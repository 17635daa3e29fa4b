// The words of a conversation whose number is down (the banner, continuing on another number) and of the
// links between continued threads, in Portuguese (default) and English, same shape in both.
import type { ChannelHealthCode } from '../../../workers/contract';
import { locale } from '../i18n';

type Why = Partial<Record<ChannelHealthCode, string>>;

const pt = {
  down: (why: string) => `Este número está indisponível (${why}). Mensagens daqui não chegam ao cliente.`,
  why: {
    banned: 'banido pela Meta',
    quality_red: 'qualidade vermelha na Meta',
    logged_out: 'desconectado do WhatsApp; é preciso parear de novo',
    disconnected: 'sem conexão com o WhatsApp',
    token_invalid: 'token de acesso inválido',
    error_rate: 'muitas falhas de envio',
    unreachable: 'provedor inacessível',
  } as Why,
  whyUnknown: 'fora do ar',
  noAlternative: 'Nenhum outro número saudável para continuar agora.',
  continueOn: 'Continuar em outro número',
  number: 'Número',
  template: 'Modelo aprovado',
  noTemplates: 'Este número não tem modelos aprovados.',
  parameter: (n: number) => `Parâmetro {{${n}}}`,
  preview: 'Prévia',
  send: 'Enviar modelo e continuar',
  sending: 'Enviando…',
  cancel: 'Cancelar',
  loading: 'Carregando…',
  continuedFrom: (name: string) => `Continuação do número ${name}`,
  continuedIn: (name: string) => `Continuado no número ${name}`,
  open: 'abrir conversa',
};

const en: typeof pt = {
  down: (why: string) => `This number is unavailable (${why}). Messages from it do not reach the customer.`,
  why: {
    banned: 'banned by Meta',
    quality_red: 'quality rated red by Meta',
    logged_out: 'logged out of WhatsApp; pair it again',
    disconnected: 'not connected to WhatsApp',
    token_invalid: 'invalid access token',
    error_rate: 'too many failed sends',
    unreachable: 'provider unreachable',
  },
  whyUnknown: 'down',
  noAlternative: 'No other healthy number to continue on right now.',
  continueOn: 'Continue on another number',
  number: 'Number',
  template: 'Approved template',
  noTemplates: 'This number has no approved templates.',
  parameter: (n: number) => `Parameter {{${n}}}`,
  preview: 'Preview',
  send: 'Send template and continue',
  sending: 'Sending…',
  cancel: 'Cancel',
  loading: 'Loading…',
  continuedFrom: (name: string) => `Continued from number ${name}`,
  continuedIn: (name: string) => `Continued on number ${name}`,
  open: 'open conversation',
};

export function poolText(): typeof pt {
  return locale() === 'en' ? en : pt;
}
