// The words of the "Widget do site" admin screen (the website chat widget's channels: appearance, allowed sites,
// pre-chat form, identified customers only, identity secret, the code to paste and the preview) in Portuguese
// (default) and English, same shape in both.
import type { PrechatFieldName } from '../../../../workers/contract/widget';
import { locale } from '../../i18n';

export type PrechatMode = 'off' | 'optional' | 'required';
/** Why a line of the allowed sites was refused, as far as the screen can tell (else `other`). */
export type OriginProblem = 'notUrl' | 'http' | 'path' | 'other';

const pt = {
  title: 'Widget do site',
  intro:
    'O chat que o provedor coloca no próprio site e na área do cliente. Cada widget tem a sua aparência, os sites onde pode aparecer, o formulário inicial e o código para colar no site.',
  new: 'Novo widget',
  empty: 'Nenhum widget ainda. Crie um para colocar o chat no site do provedor.',
  columns: { name: 'Nome', sites: 'Sites permitidos', identity: 'Quem conversa' },
  siteCount: (n: number) => (n === 0 ? 'Nenhum site' : n === 1 ? '1 site' : `${n} sites`),
  verifiedBadge: 'Somente identificados',
  anyoneBadge: 'Qualquer visitante',
  editing: (name: string) => `Editar widget ${name}`,
  creating: 'Novo widget',
  close: 'Fechar',
  name: 'Nome do widget',
  nameHint: 'Para a equipe: aparece na lista de canais e nos atendimentos que vêm dele.',
  branding: {
    legend: 'Aparência',
    title: 'Título',
    titleHint: 'No topo da janela do chat, como “Atendimento Provedor X”.',
    color: 'Cor (hexadecimal)',
    colorPicker: 'Escolher a cor',
    colorHint: 'Do botão do chat e do topo da janela, como #0f766e.',
    lowContrast: 'Texto branco fica difícil de ler nesta cor; prefira uma cor mais escura.',
    greeting: 'Saudação',
    greetingHint: 'A primeira frase que o visitante lê.',
    logoUrl: 'Endereço do logotipo (opcional)',
    logoUrlHint: 'Uma imagem com https://; sem ela, aparece a inicial do título.',
    position: 'Posição do botão do chat',
    positions: { right: 'Canto inferior direito', left: 'Canto inferior esquerdo' },
  },
  origins: {
    legend: 'Sites permitidos',
    label: 'Endereços dos sites (um por linha)',
    hint: 'O widget só aparece nestes sites: em qualquer outro endereço ele é recusado. Escreva só o endereço do site, com https e sem caminho, como https://www.provedor.com.br (http só para localhost).',
    none: 'Sem nenhum site, o widget só aparece na prévia desta tela.',
    line: (n: number, value: string, problem: OriginProblem) =>
      `Linha ${n} (${value}): ${
        problem === 'notUrl'
          ? 'não é um endereço de site; escreva como https://www.provedor.com.br.'
          : problem === 'http'
            ? 'use https (http só para localhost e 127.0.0.1).'
            : problem === 'path'
              ? 'só o endereço do site, sem caminho, parâmetros ou #.'
              : 'não foi aceito; use https e só o endereço do site, sem caminho.'
      }`,
    tooMany: 'No máximo 20 sites.',
  },
  prechat: {
    legend: 'Formulário antes da conversa',
    hint: 'O visitante preenche estes campos antes de começar, nesta ordem. Sem nenhum campo, ele escreve direto.',
    fields: {
      name: 'Nome',
      phone: 'Telefone (WhatsApp)',
      email: 'E-mail',
      cpf: 'CPF',
    } satisfies Record<PrechatFieldName, string>,
    modes: { off: 'Não pedir', optional: 'Opcional', required: 'Obrigatório' } satisfies Record<
      PrechatMode,
      string
    >,
    cpfHint: 'O CPF é conferido pelos dígitos verificadores.',
  },
  identity: {
    legend: 'Identificação do cliente',
    verifiedOnly: 'Somente clientes identificados',
    verifiedOnlyHint:
      'Ligado: só conversa quem o site do provedor identificou (cliente logado na área do cliente, com um token assinado pelo servidor do site); visitantes anônimos não conseguem iniciar conversa. Desligado: qualquer visitante conversa, e os identificados chegam com o seu cadastro e histórico.',
    needsSecret: 'Gere um segredo abaixo: sem ele nenhum cliente consegue se identificar.',
    secret: 'Segredo de identificação',
    hasSecret: 'Há um segredo configurado. Ele não é mostrado de novo.',
    noSecret: 'Nenhum segredo gerado ainda.',
    saveFirst: 'Salve o widget para gerar o segredo.',
    rotate: 'Gerar novo segredo',
    rotating: 'Gerando…',
    confirmRotate:
      'O segredo atual para de funcionar na hora: tokens assinados com ele serão recusados até o site passar a usar o novo. Gerar um novo segredo?',
    shownOnce: 'Copie agora: este segredo aparece só desta vez.',
    shownOnceHelp: 'Guarde-o no servidor do site (nunca no navegador ou no código da página).',
    secretValue: 'Novo segredo',
    copy: 'Copiar segredo',
    copied: 'Segredo copiado.',
    done: 'Pronto, já guardei',
    rotated: 'Novo segredo gerado. O anterior não vale mais.',
    example: 'Como o site assina o token',
    exampleIntro:
      'No servidor do site, um JWT HS256 assinado com o segredo: sub (o código do cliente) e exp (no máximo 24 horas à frente) obrigatórios; name, email, phone e cpf opcionais. Na página, chame Fio.identify(token).',
    exampleCode: 'Exemplo em Node.js',
  },
  snippet: {
    legend: 'Código para o site',
    hint: 'Cole antes de </body> em todas as páginas onde o chat deve aparecer.',
    code: 'Código do widget',
    copy: 'Copiar',
    copied: 'Código copiado.',
    copyFailed: 'Não foi possível copiar; selecione o código e copie.',
    saveFirst: 'Salve o widget para ver o código.',
  },
  preview: {
    title: 'Prévia',
    frame: 'Prévia do widget',
    note: 'Mostra o widget como está salvo; ao salvar, a prévia é recarregada.',
    sample: 'Botão do chat',
    sampleNote: (position: string, color: string) =>
      `Como fica o botão: ${position.toLowerCase()}, na cor ${color}. Já acompanha o que você altera, antes de salvar.`,
    saveFirst: 'Salve o widget para ver a prévia.',
  },
  created: (name: string) => `Widget ${name} criado. Copie o código abaixo para o site.`,
  saved: 'Widget salvo.',
  dirty: 'Alterações não salvas',
  invalid: 'Corrija os campos marcados antes de salvar.',
  taken: 'Já existe um canal com este nome.',
  fieldErrors: {
    name: 'Escreva um nome de até 120 caracteres.',
    'settings.branding.title': 'Escreva um título de até 60 caracteres.',
    'settings.branding.color': 'Use uma cor no formato #rrggbb, como #0f766e.',
    'settings.branding.greeting': 'Até 300 caracteres.',
    'settings.branding.logoUrl': 'Use o endereço de uma imagem com https://.',
    'settings.prechat': 'Cada campo pode aparecer uma vez só.',
  } as Record<string, string>,
};

export type WidgetAdminDictionary = typeof pt;

const en: WidgetAdminDictionary = {
  title: 'Website widget',
  intro:
    'The chat the provider puts on its own website and customer portal. Each widget has its own look, the sites it may appear on, the starting form and the code to paste on the site.',
  new: 'New widget',
  empty: "No widget yet. Create one to put the chat on the provider's website.",
  columns: { name: 'Name', sites: 'Allowed sites', identity: 'Who may chat' },
  siteCount: (n: number) => (n === 0 ? 'No site' : n === 1 ? '1 site' : `${n} sites`),
  verifiedBadge: 'Identified only',
  anyoneBadge: 'Any visitor',
  editing: (name: string) => `Edit widget ${name}`,
  creating: 'New widget',
  close: 'Close',
  name: 'Widget name',
  nameHint: 'For the team: shown in the channel list and on the conversations that come from it.',
  branding: {
    legend: 'Appearance',
    title: 'Title',
    titleHint: 'At the top of the chat window, like “Provider X Support”.',
    color: 'Colour (hex)',
    colorPicker: 'Pick the colour',
    colorHint: "The chat button's and the window header's colour, like #0f766e.",
    lowContrast: 'White text is hard to read on this colour; prefer a darker one.',
    greeting: 'Greeting',
    greetingHint: 'The first sentence the visitor reads.',
    logoUrl: 'Logo address (optional)',
    logoUrlHint: "An https:// image; without one, the title's initial is shown.",
    position: 'Chat button position',
    positions: { right: 'Bottom right corner', left: 'Bottom left corner' },
  },
  origins: {
    legend: 'Allowed sites',
    label: 'Site addresses (one per line)',
    hint: "The widget only appears on these sites: anywhere else it is refused. Write only the site's address, https and no path, like https://www.provider.com (http only for localhost).",
    none: 'With no site, the widget only appears in this screen’s preview.',
    line: (n: number, value: string, problem: OriginProblem) =>
      `Line ${n} (${value}): ${
        problem === 'notUrl'
          ? 'not a site address; write it like https://www.provider.com.'
          : problem === 'http'
            ? 'use https (http only for localhost and 127.0.0.1).'
            : problem === 'path'
              ? "only the site's address, no path, parameters or #."
              : "not accepted; use https and only the site's address, no path."
      }`,
    tooMany: 'At most 20 sites.',
  },
  prechat: {
    legend: 'Form before the chat',
    hint: 'The visitor fills in these fields before starting, in this order. With none, they write straight away.',
    fields: { name: 'Name', phone: 'Phone (WhatsApp)', email: 'E-mail', cpf: 'CPF' },
    modes: { off: "Don't ask", optional: 'Optional', required: 'Required' },
    cpfHint: 'The CPF is checked by its check digits.',
  },
  identity: {
    legend: 'Customer identification',
    verifiedOnly: 'Identified customers only',
    verifiedOnlyHint:
      "On: only customers the provider's site identified may chat (signed in to the customer portal, with a token signed by the site's server); anonymous visitors cannot start a chat. Off: any visitor may chat, and identified ones arrive with their record and history.",
    needsSecret: 'Generate a secret below: without one no customer can be identified.',
    secret: 'Identity secret',
    hasSecret: 'A secret is set. It is never shown again.',
    noSecret: 'No secret generated yet.',
    saveFirst: 'Save the widget to generate its secret.',
    rotate: 'Generate new secret',
    rotating: 'Generating…',
    confirmRotate:
      'The current secret stops working at once: tokens signed with it are refused until the site uses the new one. Generate a new secret?',
    shownOnce: 'Copy it now: this secret is shown only this once.',
    shownOnceHelp: "Keep it on the site's server (never in the browser or the page's code).",
    secretValue: 'New secret',
    copy: 'Copy secret',
    copied: 'Secret copied.',
    done: "Done, I've stored it",
    rotated: 'New secret generated. The previous one no longer works.',
    example: 'How the site signs the token',
    exampleIntro:
      "On the site's server, an HS256 JWT signed with the secret: sub (the customer's id) and exp (at most 24 hours ahead) required; name, email, phone and cpf optional. On the page, call Fio.identify(token).",
    exampleCode: 'Example in Node.js',
  },
  snippet: {
    legend: 'Code for the site',
    hint: 'Paste it before </body> on every page where the chat should appear.',
    code: 'Widget code',
    copy: 'Copy',
    copied: 'Code copied.',
    copyFailed: "Couldn't copy; select the code and copy it.",
    saveFirst: 'Save the widget to see its code.',
  },
  preview: {
    title: 'Preview',
    frame: 'Widget preview',
    note: 'Shows the widget as saved; saving reloads the preview.',
    sample: 'Chat button',
    sampleNote: (position: string, color: string) =>
      `The button: ${position.toLowerCase()}, in ${color}. It follows your changes before you save.`,
    saveFirst: 'Save the widget to see the preview.',
  },
  created: (name: string) => `Widget ${name} created. Copy the code below to the site.`,
  saved: 'Widget saved.',
  dirty: 'Unsaved changes',
  invalid: 'Fix the marked fields before saving.',
  taken: 'A channel with this name already exists.',
  fieldErrors: {
    name: 'Write a name of up to 120 characters.',
    'settings.branding.title': 'Write a title of up to 60 characters.',
    'settings.branding.color': 'Use a colour as #rrggbb, like #0f766e.',
    'settings.branding.greeting': 'Up to 300 characters.',
    'settings.branding.logoUrl': 'Use an https:// image address.',
    'settings.prechat': 'Each field may appear only once.',
  },
};

const TEXT = { 'pt-BR': pt, en } as const;

/** The widget screen's dictionary of the current locale (reactive: read it inside JSX or an effect). */
export function wt(): WidgetAdminDictionary {
  return TEXT[locale()];
}
