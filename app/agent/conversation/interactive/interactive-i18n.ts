// The words of interactive messages (the reply-button / list builder, the bubble that shows them, the
// customer's choice) in Portuguese (default) and English, same shape in both.
import { locale } from '../../i18n';

const pt = {
  open: 'Botões',
  openHint: 'Enviar botões de resposta ou uma lista',
  closedHint: 'A janela de 24 h está fechada: botões e listas só dentro dela',
  title: 'Mensagem com botões ou lista',
  kind: 'Tipo',
  kinds: { buttons: 'Botões de resposta (até 3)', list: 'Lista (até 10 opções)' },
  header: 'Cabeçalho (opcional)',
  body: 'Texto da mensagem',
  footer: 'Rodapé (opcional)',
  buttons: 'Botões',
  button: (n: number) => `Botão ${n}`,
  addButton: 'Adicionar botão',
  listButton: 'Texto do botão que abre a lista',
  listButtonDefault: 'Ver opções',
  sectionTitle: 'Título da seção (opcional)',
  rows: 'Opções da lista',
  row: (n: number) => `Opção ${n}`,
  rowDescription: (n: number) => `Descrição da opção ${n} (opcional)`,
  addRow: 'Adicionar opção',
  remove: (what: string) => `Remover ${what}`,
  preview: 'Prévia',
  widgetNote: 'No chat do site o cliente vê apenas o texto da mensagem.',
  send: 'Enviar',
  sending: 'Enviando…',
  cancel: 'Cancelar',
  counter: (n: number, max: number) => `${n} de ${max} caracteres`,
  problems: {
    bodyEmpty: 'Escreva o texto da mensagem.',
    tooLong: (field: string, max: number) => `${field}: no máximo ${max} caracteres.`,
    titleEmpty: (field: string) => `${field}: escreva um título.`,
    duplicate: 'Cada opção precisa de um título diferente.',
    listButtonEmpty: 'Escreva o texto do botão que abre a lista.',
  },
  sendFailed: (reason: string) => `Não foi possível enviar: ${reason}`,
  // In the timeline.
  listOpens: (label: string) => `Lista: ${label}`,
  optionsLabel: 'Opções enviadas ao cliente',
  chose: 'Escolheu',
  answering: 'em resposta a',
  showAnswered: 'Ver a mensagem respondida',
};

type InteractiveDictionary = typeof pt;

const en: InteractiveDictionary = {
  open: 'Buttons',
  openHint: 'Send reply buttons or a list',
  closedHint: 'The 24-hour window is closed: buttons and lists only inside it',
  title: 'Message with buttons or a list',
  kind: 'Type',
  kinds: { buttons: 'Reply buttons (up to 3)', list: 'List (up to 10 options)' },
  header: 'Header (optional)',
  body: 'Message text',
  footer: 'Footer (optional)',
  buttons: 'Buttons',
  button: (n) => `Button ${n}`,
  addButton: 'Add button',
  listButton: 'Label of the button that opens the list',
  listButtonDefault: 'See options',
  sectionTitle: 'Section title (optional)',
  rows: 'List options',
  row: (n) => `Option ${n}`,
  rowDescription: (n) => `Option ${n} description (optional)`,
  addRow: 'Add option',
  remove: (what) => `Remove ${what}`,
  preview: 'Preview',
  widgetNote: 'On the website chat the customer sees only the message text.',
  send: 'Send',
  sending: 'Sending…',
  cancel: 'Cancel',
  counter: (n, max) => `${n} of ${max} characters`,
  problems: {
    bodyEmpty: 'Write the message text.',
    tooLong: (field, max) => `${field}: at most ${max} characters.`,
    titleEmpty: (field) => `${field}: write a title.`,
    duplicate: 'Each option needs a different title.',
    listButtonEmpty: 'Write the label of the button that opens the list.',
  },
  sendFailed: (reason) => `Could not send: ${reason}`,
  listOpens: (label) => `List: ${label}`,
  optionsLabel: 'Options sent to the customer',
  chose: 'Chose',
  answering: 'answering',
  showAnswered: 'Show the answered message',
};

const TEXT = { 'pt-BR': pt, en } as const;

/** The interactive-messages dictionary of the current locale (reactive: read it inside JSX). */
export function ix(): InteractiveDictionary {
  return TEXT[locale()];
}
