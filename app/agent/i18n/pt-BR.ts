// Portuguese (Brazil), the default: the shape every other dictionary follows.
import type { TicketSnapshot } from '../../../workers/contract';
import type { TicketDetail } from '../../lib/timeline';
import { PRIORITY_NAMES, priorityLevel } from '../priority/priority-names';
import { durationText, targetMinutes } from '../sla/sla-badge';
import { SLA_WORDS } from '../sla/sla-i18n';
import { ticketMetrics } from '../sla/ticket-metrics';

type Who = string;
type BotParams = Record<string, string | undefined>;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Why the bot handed a ticket to people, in words (a flow's own reason is shown as written). */
const REASONS: Record<string, string> = {
  requested: 'o cliente pediu um agente',
  low_confidence: 'o robô não teve certeza da resposta',
  negative_sentiment: 'cliente insatisfeito',
  repeated_failure: 'tentativas repetidas sem sucesso',
  step_failed: 'uma etapa do fluxo falhou',
  watchdog: 'o robô não respondeu a tempo',
  erp_unavailable: 'ERP indisponível',
};
const reasonText = (r: string) => REASONS[r] ?? r;

export const pt = {
  appName: 'Fio',
  loginTitle: 'Entrar',
  email: 'E-mail',
  password: 'Senha',
  signIn: 'Entrar',
  signingIn: 'Entrando…',
  signOut: 'Sair',
  loginFailed: 'E-mail ou senha incorretos.',
  tenantSuspended: 'Esta organização está suspensa. Fale com o suporte do Fio.',
  unavailable: 'Serviço indisponível. Tente novamente em instantes.',
  sessionEnded:
    'Sua sessão foi encerrada (saída em outro dispositivo, acesso revogado ou usuário desativado). Entre novamente: seus rascunhos foram guardados.',
  signedOutElsewhere: 'Você saiu da sua conta em outra aba.',
  language: 'Idioma',
  loading: 'Carregando…',
  admin: 'Administração',
  workspace: 'Atendimento',
  signedInAs: (name: string) => `Conectado como ${name}`,
  inbox: 'Caixa de entrada',
  views: {
    bot: 'Robô',
    queue: 'Na fila',
    mine: 'Minhas',
    teams: 'Minhas equipes',
    all: 'Todas abertas',
    closed: 'Encerradas',
  },
  viewsLabel: 'Visões da caixa de entrada',
  countOf: (n: number) => plural(n, 'conversa', 'conversas'),
  noConversations: 'Nenhuma conversa por aqui.',
  unknownContact: 'Contato sem nome',
  unread: (n: number) => plural(n, 'mensagem não lida', 'mensagens não lidas'),
  waiting: (age: string) => `aguardando há ${age}`,
  age: {
    minutes: (n: number) => `${n} min`,
    hours: (n: number) => `${n} h`,
    days: (n: number) => `${n} d`,
  },
  status: { bot: 'Robô', queued: 'Na fila', assigned: 'Em atendimento', closed: 'Encerrada' },
  channel: { widget: 'Site', whatsapp_cloud: 'WhatsApp', evolution: 'WhatsApp', uazapi: 'WhatsApp' },
  assignedTo: (name: string) => `com ${name}`,
  search: {
    label: 'Buscar conversas',
    placeholder: 'Nome, telefone, CPF ou mensagem',
    results: 'Resultados da busca',
    none: 'Nada encontrado.',
    clear: 'Limpar busca',
    tooShort: 'Digite ao menos 2 caracteres.',
    matched: { contact: 'Contato', message: 'Mensagem' },
  },
  chooseConversation: 'Escolha uma conversa na lista.',
  conversationNotFound: 'Conversa não encontrada.',
  conversation: 'Conversa',
  messages: 'Mensagens',
  loadingOlder: 'Carregando mensagens anteriores…',
  loadOlderFailed: 'Não foi possível carregar mensagens anteriores.',
  tryAgain: 'Tentar de novo',
  startOfConversation: 'Início da conversa',
  composer: 'Responder',
  noteComposer: 'Escrever nota',
  composerHint: 'Escreva uma resposta — Enter envia, Shift+Enter quebra a linha, / respostas prontas',
  noteHint: 'Nota interna, só agentes veem — Enter salva, Shift+Enter quebra a linha',
  composeMode: 'Tipo de mensagem',
  modeReply: 'Mensagem ao cliente',
  modeNote: 'Nota interna',
  send: 'Enviar',
  saveNote: 'Salvar nota',
  windowClosed: 'A janela de 24 horas do WhatsApp está fechada: o cliente só recebe modelos aprovados.',
  pendingSend: 'enviando…',
  failedSend: 'não enviada',
  retry: 'Tentar de novo',
  discard: 'Descartar',
  note: 'Nota interna',
  redacted: 'Conteúdo apagado (pedido LGPD ou prazo de retenção).',
  typing: (who: Who) => `${who} está digitando…`,
  customer: 'Cliente',
  connection: {
    connecting: 'Reconectando…',
    replaying: 'Sincronizando…',
    live: 'Conectado',
    closed: 'Desconectado',
  },
  inboxConnection: (state: string) => `Caixa de entrada: ${state}`,
  delivery: {
    queued: 'na fila',
    accepted: 'enviada',
    sent: 'enviada',
    delivered: 'entregue',
    read: 'lida',
    failed: 'falhou',
  },
  stored: 'enviada',
  readByCustomer: 'lida',
  authors: { visitor: 'Visitante', contact: 'Cliente', agent: 'Agente', bot: 'Robô', system: 'Sistema' },
  attachment: {
    image: 'Imagem',
    audio: 'Áudio',
    video: 'Vídeo',
    document: 'Documento',
    sticker: 'Figurinha',
    pending: 'baixando…',
    failed: 'falhou ao baixar',
    open: 'Abrir anexo',
    preview: 'Visualizar',
    downloadFailed: 'Não foi possível baixar o anexo. Tente de novo.',
  },
  location: 'Localização',
  reaction: (emoji: string) => `Reagiu com ${emoji}`,
  reactionRemoved: 'Removeu a reação',
  forwarded: 'Encaminhada',
  unsupported: (type: string) => `Mensagem não suportada (${type})`,
  template: (name: string) => `Modelo ${name}`,
  botLine: {
    customer_identified: (p: BotParams) =>
      `Robô identificou o cliente ${p.name ?? ''} ${p.document ?? ''}`.trim(),
    customer_not_found: (_p: BotParams) => 'Robô: cliente não encontrado no ERP',
    invoices_sent: (p: BotParams) => `2ª via enviada${p.count ? ` (${p.count} fatura(s))` : ''}`,
    no_open_invoices: (_p: BotParams) => 'Robô: nenhuma fatura em aberto',
    unlock_granted: (p: BotParams) => `Desbloqueio concedido${p.until ? ` até ${p.until}` : ''}`,
    unlock_refused: (p: BotParams) => `Desbloqueio recusado pelo ERP${p.reason ? `: ${p.reason}` : ''}`,
    connection_online: (_p: BotParams) => 'Conexão: cliente online',
    connection_offline: (_p: BotParams) => 'Conexão: cliente offline',
    maintenance_active: (p: BotParams) => `Manutenção na região${p.until ? ` até ${p.until}` : ''}`,
    opted_out: (p: BotParams) =>
      `Cliente pediu para não receber mensagens promocionais (${p.word ?? 'SAIR'})`,
    opted_in: (p: BotParams) => `Cliente voltou a aceitar mensagens promocionais (${p.word ?? 'VOLTAR'})`,
    outage_told: (p: BotParams) => `Cliente avisado da queda: ${p.title ?? ''}`,
    erp_ticket_opened: (p: BotParams) =>
      `Chamado aberto no ERP${p.protocol ? ` · protocolo ${p.protocol}` : ''}`,
    erp_unavailable: (_p: BotParams) => 'Robô: ERP indisponível',
    knowledge_answer: (p: BotParams) => `Robô respondeu com o artigo “${p.title ?? ''}”`,
    llm_unavailable: (_p: BotParams) => 'Robô: IA indisponível, menu enviado',
    watchdog: (_p: BotParams) => 'Robô não respondeu a tempo: transferido',
    classified: (p: BotParams) => `Classificado: ${[p.intent, p.sentiment].filter(Boolean).join(' · ')}`,
  },
  botBrief: {
    title: 'Resumo do robô',
    reason: 'Motivo da transferência',
    erpProtocol: 'Protocolo no ERP',
    outcome: 'Resultado',
    resolvedByBot: 'Resolvido pelo robô, sem agente',
    noSummary: 'O robô não deixou resumo: leia a conversa abaixo.',
    reasons: REASONS,
  },
  ticketLine: {
    opened: (_by: Who, t: TicketSnapshot) => `Atendimento aberto · protocolo ${t.protocol}`,
    handed_off: (_by: Who, t: TicketSnapshot) =>
      `Robô transferiu para ${t.teamName ?? 'a fila'}${t.handoffReason ? ` (${reasonText(t.handoffReason)})` : ''} · protocolo ${t.protocol}`,
    taken: (by: Who, t: TicketSnapshot) => `${by} assumiu o atendimento · protocolo ${t.protocol}`,
    assigned: (by: Who, t: TicketSnapshot, d?: TicketDetail) =>
      d?.reason === 'auto_assigned'
        ? `Distribuição automática atribuiu a ${t.assigneeName ?? 'ninguém'} · protocolo ${t.protocol}`
        : `${by} atribuiu a ${t.assigneeName ?? 'ninguém'} · protocolo ${t.protocol}`,
    transferred: (by: Who, t: TicketSnapshot) =>
      `${by} transferiu para ${[t.teamName, t.assigneeName].filter(Boolean).join(' / ') || 'a fila'} · protocolo ${t.protocol}`,
    unassigned: (by: Who, t: TicketSnapshot) => `${by} devolveu à fila · protocolo ${t.protocol}`,
    closed: (by: Who, t: TicketSnapshot, d?: TicketDetail) =>
      d?.reason === 'auto_closed'
        ? `Encerrado automaticamente: o cliente não respondeu no prazo · protocolo ${t.protocol}`
        : `${by} encerrou o atendimento · protocolo ${t.protocol}`,
    reopened: (by: Who, t: TicketSnapshot) => `${by} reabriu · novo protocolo ${t.protocol}`,
    priority: (by: Who, t: TicketSnapshot) =>
      `${by} mudou a prioridade para ${PRIORITY_NAMES['pt-BR'][priorityLevel(t.priority)]}`,
    continued: (by: Who, t: TicketSnapshot) =>
      t.continuedIn
        ? `${by} continuou o atendimento no número ${t.continuedIn.channelName}`
        : `Atendimento continuado do número ${t.continuedFrom?.channelName ?? ''} · protocolo ${t.protocol}`,
    requeued: (_by: Who, t: TicketSnapshot, d?: TicketDetail) =>
      `${d?.reason === 'agent_offline' ? 'O responsável ficou offline' : d?.reason === 'unanswered' ? 'O cliente ficou sem resposta além do limite da equipe' : 'A distribuição devolveu a conversa'}: de volta à fila · protocolo ${t.protocol}`,
    first_response: (by: Who, t: TicketSnapshot) => {
      const ms = ticketMetrics(t).firstResponseMs;
      return `Primeira resposta de ${by}${ms === null ? '' : ` em ${durationText(ms, SLA_WORDS['pt-BR'])}`} · protocolo ${t.protocol}`;
    },
    sla_breached: (_by: Who, t: TicketSnapshot, d?: TicketDetail) => {
      const minutes = targetMinutes(t, d?.target);
      return `SLA estourado: ${d?.target ? SLA_WORDS['pt-BR'].target[d.target].toLowerCase() : 'meta'}${minutes ? ` (meta de ${durationText(minutes * 60_000, SLA_WORDS['pt-BR'])})` : ''} · protocolo ${t.protocol}`;
    },
    rated: (_by: Who, t: TicketSnapshot) =>
      `Cliente avaliou o atendimento com ${t.csat?.score ?? '?'} de 5${t.csat?.comment ? `: “${t.csat.comment}”` : ''} · protocolo ${t.protocol}`,
    kept_closed: (_by: Who, t: TicketSnapshot) =>
      `Mensagem do cliente logo após o encerramento ficou no atendimento ${t.protocol} (nenhum novo foi aberto)`,
    tags: (by: Who, t: TicketSnapshot) =>
      t.tags.length ? `${by} definiu as etiquetas: ${t.tags.join(', ')}` : `${by} removeu as etiquetas`,
  },
  ticket: {
    protocol: 'Protocolo',
    noProtocol: 'sem protocolo',
    assignee: 'Responsável',
    team: 'Equipe',
    nobody: 'ninguém',
    noTeam: 'sem equipe',
    actions: 'Ações do atendimento',
    take: 'Assumir',
    close: 'Encerrar',
    reopen: 'Reabrir',
    unassign: 'Devolver à fila',
    transfer: 'Transferir',
    transferTitle: 'Transferir ou atribuir',
    confirm: 'Confirmar',
    cancel: 'Cancelar',
    toTeam: 'Para a equipe',
    toAgent: 'Para o agente',
    keepTeam: '— manter equipe —',
    anyAgent: '— ninguém (vai para a fila) —',
    priority: 'Prioridade',
    tags: 'Etiquetas',
    addTag: 'Nova etiqueta',
    addTagButton: 'Adicionar',
    removeTag: (tag: string) => `Remover etiqueta ${tag}`,
    conflict: (message: string) => `Não foi possível: ${message}`,
    alreadyTaken: (name: string | null) =>
      name ? `${name} já assumiu esta conversa.` : 'Outro agente já assumiu esta conversa.',
    alreadyClosed: 'Este atendimento já foi encerrado.',
    alreadyOpen: 'Este atendimento já está aberto.',
    closedFirst: 'Este atendimento está encerrado: reabra-o primeiro.',
    gone: 'Conversa, agente ou equipe não encontrados.',
    failed: 'A ação falhou. Tente de novo.',
  },
  presence: { online: 'Disponível', away: 'Ausente', offline: 'Offline' },
  presenceLabel: 'Meu status',
  notifications: {
    enable: 'Ativar notificações',
    enabled: 'Notificações ativas',
    denied: 'Notificações bloqueadas no navegador',
    newMessage: (name: string) => `Nova mensagem de ${name}`,
  },
  sound: 'Som de aviso',
  shortcuts: {
    title: 'Atalhos de teclado',
    open: 'Atalhos (?)',
    next: 'Próxima conversa da lista',
    previous: 'Conversa anterior da lista',
    close: 'Encerrar o atendimento aberto',
    focus: 'Ir para a resposta',
    help: 'Mostrar esta lista',
    send: 'Enviar',
    newline: 'Nova linha',
    canned: 'Respostas prontas',
    dismiss: 'Fechar',
  },
  canned: { label: 'Respostas prontas', none: 'Nenhuma resposta pronta com esse atalho.' },
  contact: {
    title: 'Contato',
    name: 'Nome',
    phone: 'Telefone',
    email: 'E-mail',
    cpfCnpj: 'CPF/CNPJ',
    save: 'Salvar contato',
    saving: 'Salvando…',
    saved: 'Contato salvo.',
    invalid: 'Confira os dados: ',
    tickets: 'Atendimentos',
    noTickets: 'Nenhum atendimento anterior.',
    opened: 'aberto em',
    closedAt: 'encerrado em',
    unavailable: 'Dados do contato indisponíveis.',
  },
  sessions: {
    link: 'Minhas sessões',
    title: 'Minhas sessões',
    intro: 'Aparelhos e navegadores conectados à sua conta. Encerre os que você não reconhece.',
    device: 'Aparelho',
    ip: 'IP',
    createdAt: 'Início',
    lastSeenAt: 'Último acesso',
    actions: 'Ações',
    current: 'Esta sessão',
    unknownDevice: 'Aparelho desconhecido',
    empty: 'Nenhuma sessão ativa.',
    revoke: 'Encerrar',
    revokeNamed: (device: string) => `Encerrar a sessão ${device}`,
    confirmRevoke: (device: string) =>
      `Encerrar a sessão em ${device}? Quem estiver usando precisará entrar de novo.`,
    revoked: (device: string) => `Sessão em ${device} encerrada.`,
    signOutAll: 'Sair de todos os dispositivos',
    confirmSignOutAll: 'Sair de todos os dispositivos, inclusive este? Todos precisarão entrar de novo.',
    signOut: 'Sair deste dispositivo',
    failed: 'Não foi possível concluir. Tente novamente.',
  },
};

export type Dictionary = typeof pt;
