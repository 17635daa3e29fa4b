// The words of what a customer sends, as the timeline shows it (pictures and the viewer, voice notes, videos,
// documents, contact cards, orders, locations, the ad they came from, quotes), in Portuguese (default) and
// English, same shape in both; kept beside the components so the shared dictionary stays as it was.
import { locale } from '../i18n';

const pt = {
  forwarded: 'Encaminhada',
  reply: {
    label: 'Resposta a',
    notLoaded: 'mensagem não carregada',
    goTo: (who: string) => `Ir para a mensagem de ${who} que foi respondida`,
    noText: 'Anexo ou conteúdo sem texto',
  },
  media: {
    pending: 'Baixando o arquivo…',
    failed: 'Não foi possível baixar',
    retryHint: 'O arquivo não chegou do WhatsApp.',
    unavailable: 'Não foi possível carregar a pré-visualização.',
    openImage: (name: string) => `Ampliar ${name}`,
    imageAlt: (caption: string | null) => (caption ? `Imagem: ${caption}` : 'Imagem enviada pelo cliente'),
    voice: 'Mensagem de voz',
    audio: 'Áudio',
    duration: (text: string) => `Duração ${text}`,
    playVideo: 'Reproduzir vídeo',
    loadingVideo: 'Carregando vídeo…',
    download: 'Baixar',
    downloadNamed: (name: string) => `Baixar ${name}`,
    unknownSize: 'tamanho desconhecido',
    document: 'Documento',
  },
  viewer: {
    title: 'Imagem',
    close: 'Fechar',
    previous: 'Imagem anterior',
    next: 'Próxima imagem',
    download: 'Baixar imagem',
    position: (i: number, n: number) => `${i} de ${n}`,
    loading: 'Carregando…',
  },
  contacts: {
    heading: 'Contato compartilhado',
    call: 'Ligar',
    callNamed: (who: string, phone: string) => `Ligar para ${who} (${phone})`,
    save: 'Salvar contato',
    saveNamed: (who: string) => `Salvar o contato de ${who}`,
    chat: 'Conversar',
    chatNamed: (who: string) => `Abrir a conversa com ${who}`,
    noConversation: 'Ainda não há conversa com este número.',
    searchFailed: 'Não foi possível procurar a conversa. Tente de novo.',
    phoneTypes: {
      CELL: 'celular',
      MOBILE: 'celular',
      HOME: 'residencial',
      WORK: 'comercial',
      MAIN: 'principal',
      IPHONE: 'iPhone',
      FAX: 'fax',
    } as Record<string, string>,
  },
  order: {
    heading: 'Pedido do catálogo',
    items: (n: number) => (n === 1 ? '1 item' : `${n} itens`),
    total: 'Total',
    noPrice: 'sem preço',
    product: 'Produto',
    quantity: 'Qtd.',
    price: 'Valor',
  },
  location: {
    heading: 'Localização',
    openMap: 'Abrir no mapa',
    openMapNamed: (where: string) => `Abrir ${where} no OpenStreetMap`,
    google: 'Google Maps',
    googleNamed: (where: string) => `Abrir ${where} no Google Maps`,
    unnamed: 'Local enviado',
  },
  referral: {
    from: (headline: string) => `Veio do anúncio: ${headline}`,
    fromUnnamed: 'Veio de um anúncio',
    fromPost: (headline: string) => `Veio da publicação: ${headline}`,
    open: 'Ver anúncio',
  },
};

export type MediaDictionary = typeof pt;

const en: MediaDictionary = {
  forwarded: 'Forwarded',
  reply: {
    label: 'Reply to',
    notLoaded: 'message not loaded',
    goTo: (who: string) => `Go to the message from ${who} that was replied to`,
    noText: 'Attachment or content without text',
  },
  media: {
    pending: 'Downloading the file…',
    failed: 'Could not download',
    retryHint: 'The file did not arrive from WhatsApp.',
    unavailable: 'Could not load the preview.',
    openImage: (name: string) => `Enlarge ${name}`,
    imageAlt: (caption: string | null) => (caption ? `Picture: ${caption}` : 'Picture sent by the customer'),
    voice: 'Voice message',
    audio: 'Audio',
    duration: (text: string) => `Duration ${text}`,
    playVideo: 'Play video',
    loadingVideo: 'Loading video…',
    download: 'Download',
    downloadNamed: (name: string) => `Download ${name}`,
    unknownSize: 'unknown size',
    document: 'Document',
  },
  viewer: {
    title: 'Picture',
    close: 'Close',
    previous: 'Previous picture',
    next: 'Next picture',
    download: 'Download picture',
    position: (i: number, n: number) => `${i} of ${n}`,
    loading: 'Loading…',
  },
  contacts: {
    heading: 'Shared contact',
    call: 'Call',
    callNamed: (who: string, phone: string) => `Call ${who} (${phone})`,
    save: 'Save contact',
    saveNamed: (who: string) => `Save ${who}'s contact`,
    chat: 'Chat',
    chatNamed: (who: string) => `Open the conversation with ${who}`,
    noConversation: 'No conversation with this number yet.',
    searchFailed: 'Could not look for the conversation. Try again.',
    phoneTypes: {
      CELL: 'mobile',
      MOBILE: 'mobile',
      HOME: 'home',
      WORK: 'work',
      MAIN: 'main',
      IPHONE: 'iPhone',
      FAX: 'fax',
    },
  },
  order: {
    heading: 'Catalogue order',
    items: (n: number) => (n === 1 ? '1 item' : `${n} items`),
    total: 'Total',
    noPrice: 'no price',
    product: 'Product',
    quantity: 'Qty',
    price: 'Amount',
  },
  location: {
    heading: 'Location',
    openMap: 'Open in map',
    openMapNamed: (where: string) => `Open ${where} in OpenStreetMap`,
    google: 'Google Maps',
    googleNamed: (where: string) => `Open ${where} in Google Maps`,
    unnamed: 'Shared place',
  },
  referral: {
    from: (headline: string) => `Came from the ad: ${headline}`,
    fromUnnamed: 'Came from an ad',
    fromPost: (headline: string) => `Came from the post: ${headline}`,
    open: 'See the ad',
  },
};

const TEXT = { 'pt-BR': pt, en } as const;

/** The media dictionary of the current locale (reactive: read it inside JSX or an effect). */
export function mt(): MediaDictionary {
  return TEXT[locale()];
}

/** "1,2 MB" in pt-BR, "1.2 MB" in English. */
export function formatSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const n = new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
  return `${n} ${units[unit]}`;
}

/** 0:07, 1:05, 1:02:03 */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** Money in the order's currency (BRL when it says none), in the agent's locale. */
export function formatMoney(amount: number, currency: string | null): string {
  try {
    return new Intl.NumberFormat(locale(), { style: 'currency', currency: currency || 'BRL' }).format(amount);
  } catch {
    return `${currency ?? ''} ${amount.toFixed(2)}`.trim();
  }
}
