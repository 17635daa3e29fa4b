// The widget's words in Portuguese (first) and English, same shape in both. The language comes from the
// loader's query (the host page's <html lang>), else the visitor's browser, and the page may change it
// later (Fio.setLocale).
import { createSignal } from 'solid-js';
import type { WidgetLocale } from '../../../workers/contract/widget-bridge';

const pt = {
  minimize: 'Minimizar chat',
  online: 'Online',
  offlineStatus: 'Fora do horário',
  loading: 'Carregando…',
  unreachable: 'Não foi possível conectar ao atendimento.',
  retry: 'Tentar novamente',
  reconnecting: 'Reconectando…',
  conversation: 'Conversa',
  fields: { name: 'Nome', phone: 'Telefone (WhatsApp)', email: 'E-mail', cpf: 'CPF' },
  optional: '(opcional)',
  start: 'Iniciar conversa',
  starting: 'Iniciando…',
  required: 'Preencha este campo.',
  badCpf: 'CPF inválido: confira os números.',
  badEmail: 'Informe um e-mail válido, como nome@exemplo.com.br.',
  badPhone: 'Informe o telefone com DDD, como (11) 91234-5678.',
  phoneOrEmail: 'Informe um telefone ou um e-mail para retornarmos.',
  message: 'Mensagem',
  send: 'Enviar',
  attach: 'Anexar arquivo',
  uploading: 'Enviando arquivo…',
  fileTooBig: 'Arquivo grande demais: imagens até 5 MB, PDF até 25 MB.',
  fileType: 'Envie uma imagem (JPG ou PNG) ou um PDF.',
  fileFailed: 'Não foi possível enviar o arquivo.',
  sending: 'Enviando',
  sent: 'Enviada',
  read: 'Lida',
  failed: 'Não enviada',
  typing: (who: string) => `${who} está digitando`,
  someone: 'Atendente',
  you: 'Você',
  bot: 'Assistente virtual',
  download: 'Baixar',
  openImage: 'Abrir imagem em tamanho real',
  closeImage: 'Fechar imagem',
  image: 'Imagem',
  file: 'Arquivo',
  rate: 'Avalie o atendimento',
  star: (n: number) => (n === 1 ? '1 estrela' : `${n} estrelas`),
  rated: (n: number) => `Você avaliou com ${n === 1 ? '1 estrela' : `${n} estrelas`}. Obrigado!`,
  closed: (protocol: string) => `Atendimento encerrado · protocolo ${protocol}`,
  opened: (protocol: string) => `Atendimento iniciado · protocolo ${protocol}`,
  handedOff: 'Transferido para um atendente',
  joined: (name: string) => `${name} entrou na conversa`,
  offlineTitle: 'Estamos fora do horário',
  offlineIntro: 'Deixe sua mensagem e um contato: responderemos assim que voltarmos.',
  offlineContact: 'Telefone (WhatsApp) ou e-mail',
  leaveMessage: 'Deixar mensagem',
  offlineDone: 'Recebemos sua mensagem.',
  offlineWhen: (when: string) => `Responderemos a partir de ${when}.`,
  offlineSoon: 'Responderemos no próximo horário de atendimento.',
  identityRequired: 'Entre na sua conta no site para conversar com o atendimento.',
  forbidden: 'Este site não pode exibir este chat.',
  limited: 'Muitas tentativas. Aguarde um instante e tente de novo.',
  sessionFailed: 'Não foi possível iniciar a conversa.',
  unavailableHere:
    'Este atendimento está indisponível no momento. Por favor, procure o provedor por outro canal (telefone ou WhatsApp).',
  rateLimited: 'Você está enviando rápido demais. Aguarde um instante.',
  poweredBy: 'Atendimento por Fio',
};
export type Words = typeof pt;

const en: Words = {
  minimize: 'Minimize chat',
  online: 'Online',
  offlineStatus: 'Outside business hours',
  loading: 'Loading…',
  unreachable: 'Could not reach support.',
  retry: 'Try again',
  reconnecting: 'Reconnecting…',
  conversation: 'Conversation',
  fields: { name: 'Name', phone: 'Phone (WhatsApp)', email: 'E-mail', cpf: 'CPF' },
  optional: '(optional)',
  start: 'Start chat',
  starting: 'Starting…',
  required: 'Please fill in this field.',
  badCpf: 'Invalid CPF: check the digits.',
  badEmail: 'Enter a valid e-mail, such as name@example.com.',
  badPhone: 'Enter the phone with its area code, such as (11) 91234-5678.',
  phoneOrEmail: 'Give a phone or an e-mail so we can reply.',
  message: 'Message',
  send: 'Send',
  attach: 'Attach file',
  uploading: 'Uploading file…',
  fileTooBig: 'File too large: images up to 5 MB, PDF up to 25 MB.',
  fileType: 'Send an image (JPG or PNG) or a PDF.',
  fileFailed: 'Could not send the file.',
  sending: 'Sending',
  sent: 'Sent',
  read: 'Read',
  failed: 'Not sent',
  typing: (who: string) => `${who} is typing`,
  someone: 'Agent',
  you: 'You',
  bot: 'Virtual assistant',
  download: 'Download',
  openImage: 'Open image at full size',
  closeImage: 'Close image',
  image: 'Image',
  file: 'File',
  rate: 'Rate the support',
  star: (n: number) => (n === 1 ? '1 star' : `${n} stars`),
  rated: (n: number) => `You rated ${n === 1 ? '1 star' : `${n} stars`}. Thank you!`,
  closed: (protocol: string) => `Conversation closed · protocol ${protocol}`,
  opened: (protocol: string) => `Conversation started · protocol ${protocol}`,
  handedOff: 'Transferred to an agent',
  joined: (name: string) => `${name} joined the conversation`,
  offlineTitle: 'We are outside business hours',
  offlineIntro: 'Leave your message and a contact: we will reply as soon as we are back.',
  offlineContact: 'Phone (WhatsApp) or e-mail',
  leaveMessage: 'Leave a message',
  offlineDone: 'We got your message.',
  offlineWhen: (when: string) => `We will reply from ${when}.`,
  offlineSoon: 'We will reply during our next business hours.',
  identityRequired: 'Sign in to your account on the site to chat with support.',
  forbidden: 'This site may not show this chat.',
  limited: 'Too many attempts. Wait a moment and try again.',
  sessionFailed: 'Could not start the conversation.',
  unavailableHere:
    'This chat is unavailable right now. Please reach your provider another way (phone or WhatsApp).',
  rateLimited: 'You are sending too fast. Wait a moment.',
  poweredBy: 'Support by Fio',
};

function fromNavigator(): WidgetLocale {
  const lang = (typeof navigator !== 'undefined' ? navigator.language : '') || 'pt-BR';
  return lang.toLowerCase().startsWith('pt') || !lang.toLowerCase().startsWith('en') ? 'pt-BR' : 'en';
}

const [current, setCurrent] = createSignal<WidgetLocale>('pt-BR');
export const locale = current;

/** The query's language when the loader gave one, else the browser's (Portuguese unless it is English). */
export function initLocale(fromQuery: WidgetLocale | null): void {
  setLocale(fromQuery ?? fromNavigator());
}

export function setLocale(l: WidgetLocale): void {
  setCurrent(l);
  document.documentElement.lang = l;
}

export function t(): Words {
  return current() === 'en' ? en : pt;
}

/** A date and time in the visitor's language ("qui., 08:00"). */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString(current(), { weekday: 'long', hour: '2-digit', minute: '2-digit' });
}

export function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : d.toLocaleTimeString(current(), { hour: '2-digit', minute: '2-digit' });
}
