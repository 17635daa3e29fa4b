// The words of the composer's tools (template picker, closed 24 h window, attachments) and of the admin's
// template sync, in Portuguese (default) and English, same shape in both; kept beside the components so the
// shared dictionary does not change.
import { locale } from '../../i18n';

const size = (bytes: number, lang: 'pt-BR' | 'en') => {
  const fmt = (n: number, digits: number) =>
    n.toLocaleString(lang, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  if (bytes >= 1024 * 1024) return `${fmt(bytes / (1024 * 1024), 1)} MB`;
  if (bytes >= 1024) return `${fmt(bytes / 1024, 0)} KB`;
  return `${bytes} B`;
};

const pt = {
  templateButton: 'Enviar modelo',
  templateShortcut: 'Abrir os modelos do WhatsApp',
  attachButton: 'Anexar arquivo',
  closedTitle: 'A janela de 24 h fechou',
  closedBody:
    'O cliente não escreve há mais de 24 horas, então o WhatsApp não aceita texto livre. Envie um modelo aprovado para retomar a conversa — ou escreva uma nota interna.',
  picker: {
    title: 'Modelos do WhatsApp',
    search: 'Buscar por nome ou idioma',
    loading: 'Carregando modelos…',
    loadFailed: 'Não foi possível carregar os modelos.',
    empty: 'Este número não tem modelos. Um administrador pode sincronizá-los em Admin → Canais.',
    noMatch: 'Nenhum modelo encontrado.',
    notApproved: (status: string) => `Não aprovado (${status}) — não pode ser enviado`,
    approved: 'Aprovado',
    back: 'Voltar aos modelos',
    close: 'Fechar',
    parameter: (n: number) => `Parâmetro {{${n}}}`,
    noParameters: 'Este modelo não tem parâmetros.',
    preview: 'Como o cliente verá',
    send: 'Enviar modelo',
    sending: 'Enviando…',
    empty_: (n: number) => `Preencha o parâmetro ${n}.`,
    forbidden: (n: number) =>
      `O parâmetro ${n} tem quebra de linha, tabulação ou mais de 4 espaços seguidos, que o WhatsApp recusa.`,
    fixErrors: 'Corrija os parâmetros destacados; nada foi enviado.',
    sendFailed: (why: string) => `O modelo não foi enviado: ${why}`,
    sent: (name: string) => `Modelo ${name} enviado.`,
  },
  attach: {
    dropHere: 'Solte o arquivo para anexar',
    refusedType: (name: string) =>
      `“${name}” não pode ser enviado: aceitamos imagens JPEG/PNG, PDF, documentos do Office, texto/CSV, áudio OGG/MP3 e vídeo MP4.`,
    tooLarge: (name: string, bytes: number, max: number) =>
      `“${name}” tem ${size(bytes, 'pt-BR')}; o limite para este tipo é ${size(max, 'pt-BR')}.`,
    emptyFile: (name: string) => `“${name}” está vazio.`,
    uploading: (name: string) => `Enviando ${name}…`,
    progress: 'Progresso do envio',
    cancel: 'Cancelar envio',
    remove: 'Remover anexo',
    ready: 'Anexo pronto — o texto abaixo vira a legenda',
    uploadFailed: (why: string) => `O arquivo não foi carregado: ${why}`,
    sendFailed: (why: string) => `O anexo não foi enviado: ${why}`,
    sendAttachment: 'Enviar anexo',
    size: (bytes: number) => size(bytes, 'pt-BR'),
    captionHint: 'Legenda (opcional) — Enter envia o anexo',
    oneAtATime: 'Envie ou remova o anexo atual antes de anexar outro.',
  },
  sync: {
    button: 'Sincronizar modelos',
    syncing: 'Sincronizando…',
    done: (name: string, n: number) =>
      `${name}: ${n === 1 ? '1 modelo sincronizado' : `${n} modelos sincronizados`} do WhatsApp.`,
    failed: (name: string, why: string) => `${name}: não foi possível sincronizar os modelos — ${why}`,
    show: 'Ver modelos',
    hide: 'Ocultar modelos',
    title: (name: string) => `Modelos de ${name}`,
    none: 'Nenhum modelo ainda. Use “Sincronizar modelos” para trazê-los do WhatsApp.',
    columns: { name: 'Nome', language: 'Idioma', category: 'Categoria', status: 'Situação' },
  },
  shortcut: 'Abrir os modelos (compositor)',
};

type ComposerDictionary = typeof pt;

const en: ComposerDictionary = {
  templateButton: 'Send template',
  templateShortcut: "Open the number's WhatsApp templates",
  attachButton: 'Attach file',
  closedTitle: 'The 24 h window has closed',
  closedBody:
    'The customer has not written for over 24 hours, so WhatsApp does not accept free text. Send an approved template to resume the conversation — or write an internal note.',
  picker: {
    title: 'WhatsApp templates',
    search: 'Search by name or language',
    loading: 'Loading templates…',
    loadFailed: 'Could not load the templates.',
    empty: 'This number has no templates. An admin can sync them in Admin → Channels.',
    noMatch: 'No template found.',
    notApproved: (status: string) => `Not approved (${status}) — cannot be sent`,
    approved: 'Approved',
    back: 'Back to templates',
    close: 'Close',
    parameter: (n: number) => `Parameter {{${n}}}`,
    noParameters: 'This template has no parameters.',
    preview: 'What the customer will see',
    send: 'Send template',
    sending: 'Sending…',
    empty_: (n: number) => `Fill in parameter ${n}.`,
    forbidden: (n: number) =>
      `Parameter ${n} has a line break, a tab or more than 4 spaces in a row, which WhatsApp refuses.`,
    fixErrors: 'Fix the highlighted parameters; nothing was sent.',
    sendFailed: (why: string) => `The template was not sent: ${why}`,
    sent: (name: string) => `Template ${name} sent.`,
  },
  attach: {
    dropHere: 'Drop the file to attach it',
    refusedType: (name: string) =>
      `“${name}” cannot be sent: we accept JPEG/PNG images, PDF, Office documents, text/CSV, OGG/MP3 audio and MP4 video.`,
    tooLarge: (name: string, bytes: number, max: number) =>
      `“${name}” is ${size(bytes, 'en')}; the limit for this type is ${size(max, 'en')}.`,
    emptyFile: (name: string) => `“${name}” is empty.`,
    uploading: (name: string) => `Uploading ${name}…`,
    progress: 'Upload progress',
    cancel: 'Cancel upload',
    remove: 'Remove attachment',
    ready: 'Attachment ready — the text below becomes its caption',
    uploadFailed: (why: string) => `The file was not uploaded: ${why}`,
    sendFailed: (why: string) => `The attachment was not sent: ${why}`,
    sendAttachment: 'Send attachment',
    size: (bytes: number) => size(bytes, 'en'),
    captionHint: 'Caption (optional) — Enter sends the attachment',
    oneAtATime: 'Send or remove the current attachment before attaching another.',
  },
  sync: {
    button: 'Sync templates',
    syncing: 'Syncing…',
    done: (name: string, n: number) =>
      `${name}: ${n === 1 ? '1 template' : `${n} templates`} synced from WhatsApp.`,
    failed: (name: string, why: string) => `${name}: could not sync the templates — ${why}`,
    show: 'Show templates',
    hide: 'Hide templates',
    title: (name: string) => `Templates of ${name}`,
    none: 'No templates yet. Use “Sync templates” to bring them from WhatsApp.',
    columns: { name: 'Name', language: 'Language', category: 'Category', status: 'Status' },
  },
  shortcut: 'Open the templates (composer)',
};

const TEXT: Record<'pt-BR' | 'en', ComposerDictionary> = { 'pt-BR': pt, en };

/** The composer tools' dictionary of the current locale (reactive: read it inside JSX or an effect). */
export function ct(): ComposerDictionary {
  return TEXT[locale()];
}
