// English: the same keys as the Portuguese dictionary (its type enforces that none is missing).
import type { TicketSnapshot } from '../../../workers/contract';
import type { TicketDetail } from '../../lib/timeline';
import { PRIORITY_NAMES, priorityLevel } from '../priority/priority-names';
import { durationText, targetMinutes } from '../sla/sla-badge';
import { SLA_WORDS } from '../sla/sla-i18n';
import { ticketMetrics } from '../sla/ticket-metrics';
import type { Dictionary } from './pt-BR';

type Who = string;
type BotParams = Record<string, string | undefined>;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Why the bot handed a ticket to people, in words (a flow's own reason is shown as written). */
const REASONS: Record<string, string> = {
  requested: 'the customer asked for an agent',
  low_confidence: 'the bot was not sure of the answer',
  negative_sentiment: 'unhappy customer',
  repeated_failure: 'repeated attempts without success',
  step_failed: 'a flow step failed',
  watchdog: 'the bot did not answer in time',
  erp_unavailable: 'ERP unavailable',
};
const reasonText = (r: string) => REASONS[r] ?? r;

export const en: Dictionary = {
  appName: 'Fio',
  loginTitle: 'Sign in',
  email: 'Email',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  loginFailed: 'Wrong email or password.',
  tenantSuspended: 'This organisation is suspended. Contact Fio support.',
  unavailable: 'Service unavailable. Try again shortly.',
  sessionEnded:
    'Your session was ended (signed out on another device, access revoked or user deactivated). Sign in again: your drafts were kept.',
  signedOutElsewhere: 'You signed out in another tab.',
  language: 'Language',
  loading: 'Loading…',
  admin: 'Administration',
  workspace: 'Inbox',
  signedInAs: (name: string) => `Signed in as ${name}`,
  inbox: 'Inbox',
  views: {
    bot: 'Bot',
    queue: 'Queued',
    mine: 'Mine',
    teams: 'My teams',
    all: 'All open',
    closed: 'Closed',
  },
  viewsLabel: 'Inbox views',
  countOf: (n: number) => plural(n, 'conversation', 'conversations'),
  noConversations: 'No conversations here.',
  unknownContact: 'Unnamed contact',
  unread: (n: number) => plural(n, 'unread message', 'unread messages'),
  waiting: (age: string) => `waiting ${age}`,
  age: {
    minutes: (n: number) => `${n} min`,
    hours: (n: number) => `${n} h`,
    days: (n: number) => `${n} d`,
  },
  status: { bot: 'Bot', queued: 'Queued', assigned: 'In progress', closed: 'Closed' },
  channel: { widget: 'Website', whatsapp_cloud: 'WhatsApp', evolution: 'WhatsApp', uazapi: 'WhatsApp' },
  assignedTo: (name: string) => `with ${name}`,
  search: {
    label: 'Search conversations',
    placeholder: 'Name, phone, CPF or message',
    results: 'Search results',
    none: 'Nothing found.',
    clear: 'Clear search',
    tooShort: 'Type at least 2 characters.',
    matched: { contact: 'Contact', message: 'Message' },
  },
  chooseConversation: 'Pick a conversation from the list.',
  conversationNotFound: 'Conversation not found.',
  conversation: 'Conversation',
  messages: 'Messages',
  loadingOlder: 'Loading earlier messages…',
  loadOlderFailed: 'Could not load earlier messages.',
  tryAgain: 'Try again',
  startOfConversation: 'Start of the conversation',
  composer: 'Reply',
  noteComposer: 'Write a note',
  composerHint: 'Write a reply — Enter sends, Shift+Enter adds a line, / canned responses',
  noteHint: 'Private note, only agents see it — Enter saves, Shift+Enter adds a line',
  composeMode: 'Message type',
  modeReply: 'Message to the customer',
  modeNote: 'Private note',
  send: 'Send',
  saveNote: 'Save note',
  windowClosed: "WhatsApp's 24-hour window is closed: the customer only receives approved templates.",
  pendingSend: 'sending…',
  failedSend: 'not sent',
  retry: 'Try again',
  discard: 'Discard',
  note: 'Private note',
  redacted: 'Content deleted (LGPD request or retention period).',
  typing: (who: Who) => `${who} is typing…`,
  customer: 'Customer',
  connection: {
    connecting: 'Reconnecting…',
    replaying: 'Syncing…',
    live: 'Connected',
    closed: 'Disconnected',
  },
  inboxConnection: (state: string) => `Inbox: ${state}`,
  delivery: {
    queued: 'queued',
    accepted: 'sent',
    sent: 'sent',
    delivered: 'delivered',
    read: 'read',
    failed: 'failed',
  },
  stored: 'sent',
  readByCustomer: 'read',
  authors: { visitor: 'Visitor', contact: 'Customer', agent: 'Agent', bot: 'Bot', system: 'System' },
  attachment: {
    image: 'Image',
    audio: 'Audio',
    video: 'Video',
    document: 'Document',
    sticker: 'Sticker',
    pending: 'downloading…',
    failed: 'download failed',
    open: 'Open attachment',
    preview: 'Preview',
    downloadFailed: 'The attachment could not be downloaded. Try again.',
  },
  location: 'Location',
  reaction: (emoji: string) => `Reacted with ${emoji}`,
  reactionRemoved: 'Removed their reaction',
  forwarded: 'Forwarded',
  unsupported: (type: string) => `Unsupported message (${type})`,
  template: (name: string) => `Template ${name}`,
  botLine: {
    customer_identified: (p: BotParams) =>
      `Bot identified the customer ${p.name ?? ''} ${p.document ?? ''}`.trim(),
    customer_not_found: (_p: BotParams) => 'Bot: customer not found in the ERP',
    invoices_sent: (p: BotParams) => `Invoice copy sent${p.count ? ` (${p.count})` : ''}`,
    no_open_invoices: (_p: BotParams) => 'Bot: no open invoices',
    unlock_granted: (p: BotParams) => `Trust unlock granted${p.until ? ` until ${p.until}` : ''}`,
    unlock_refused: (p: BotParams) => `Trust unlock refused by the ERP${p.reason ? `: ${p.reason}` : ''}`,
    connection_online: (_p: BotParams) => 'Connection: customer online',
    connection_offline: (_p: BotParams) => 'Connection: customer offline',
    maintenance_active: (p: BotParams) => `Maintenance in the area${p.until ? ` until ${p.until}` : ''}`,
    opted_out: (p: BotParams) => `Customer opted out of promotional messages (${p.word ?? 'STOP'})`,
    opted_in: (p: BotParams) => `Customer opted back in to promotional messages (${p.word ?? 'START'})`,
    outage_told: (p: BotParams) => `Customer told about the outage: ${p.title ?? ''}`,
    erp_ticket_opened: (p: BotParams) => `ERP ticket opened${p.protocol ? ` · protocol ${p.protocol}` : ''}`,
    erp_unavailable: (_p: BotParams) => 'Bot: ERP unavailable',
    knowledge_answer: (p: BotParams) => `Bot answered from the article “${p.title ?? ''}”`,
    llm_unavailable: (_p: BotParams) => 'Bot: AI unavailable, menu sent',
    watchdog: (_p: BotParams) => 'Bot did not answer in time: handed off',
    classified: (p: BotParams) => `Classified: ${[p.intent, p.sentiment].filter(Boolean).join(' · ')}`,
  },
  botBrief: {
    title: 'Bot summary',
    reason: 'Why it was handed off',
    erpProtocol: 'ERP protocol',
    outcome: 'Outcome',
    resolvedByBot: 'Resolved by the bot, no agent needed',
    noSummary: 'The bot left no summary: read the conversation below.',
    reasons: REASONS,
  },
  ticketLine: {
    opened: (_by: Who, t: TicketSnapshot) => `Ticket opened · protocol ${t.protocol}`,
    handed_off: (_by: Who, t: TicketSnapshot) =>
      `Bot handed off to ${t.teamName ?? 'the queue'}${t.handoffReason ? ` (${reasonText(t.handoffReason)})` : ''} · protocol ${t.protocol}`,
    taken: (by: Who, t: TicketSnapshot) => `${by} took the ticket · protocol ${t.protocol}`,
    assigned: (by: Who, t: TicketSnapshot, d?: TicketDetail) =>
      d?.reason === 'auto_assigned'
        ? `Automatic routing assigned it to ${t.assigneeName ?? 'nobody'} · protocol ${t.protocol}`
        : `${by} assigned it to ${t.assigneeName ?? 'nobody'} · protocol ${t.protocol}`,
    transferred: (by: Who, t: TicketSnapshot) =>
      `${by} transferred it to ${[t.teamName, t.assigneeName].filter(Boolean).join(' / ') || 'the queue'} · protocol ${t.protocol}`,
    unassigned: (by: Who, t: TicketSnapshot) => `${by} put it back in the queue · protocol ${t.protocol}`,
    closed: (by: Who, t: TicketSnapshot, d?: TicketDetail) =>
      d?.reason === 'auto_closed'
        ? `Closed automatically: the customer did not answer in time · protocol ${t.protocol}`
        : `${by} closed the ticket · protocol ${t.protocol}`,
    reopened: (by: Who, t: TicketSnapshot) => `${by} reopened it · new protocol ${t.protocol}`,
    priority: (by: Who, t: TicketSnapshot) =>
      `${by} set the priority to ${PRIORITY_NAMES.en[priorityLevel(t.priority)]}`,
    continued: (by: Who, t: TicketSnapshot) =>
      t.continuedIn
        ? `${by} continued the ticket on number ${t.continuedIn.channelName}`
        : `Ticket continued from number ${t.continuedFrom?.channelName ?? ''} · protocol ${t.protocol}`,
    requeued: (_by: Who, t: TicketSnapshot, d?: TicketDetail) =>
      `${d?.reason === 'agent_offline' ? 'The assignee went offline' : d?.reason === 'unanswered' ? "The customer went unanswered past the team's limit" : 'Routing returned the conversation'}: back in the queue · protocol ${t.protocol}`,
    first_response: (by: Who, t: TicketSnapshot) => {
      const ms = ticketMetrics(t).firstResponseMs;
      return `First response by ${by}${ms === null ? '' : ` after ${durationText(ms, SLA_WORDS.en)}`} · protocol ${t.protocol}`;
    },
    sla_breached: (_by: Who, t: TicketSnapshot, d?: TicketDetail) => {
      const minutes = targetMinutes(t, d?.target);
      return `SLA breached: ${d?.target ? SLA_WORDS.en.target[d.target].toLowerCase() : 'target'}${minutes ? ` (target ${durationText(minutes * 60_000, SLA_WORDS.en)})` : ''} · protocol ${t.protocol}`;
    },
    rated: (_by: Who, t: TicketSnapshot) =>
      `Customer rated the ticket ${t.csat?.score ?? '?'} out of 5${t.csat?.comment ? `: “${t.csat.comment}”` : ''} · protocol ${t.protocol}`,
    kept_closed: (_by: Who, t: TicketSnapshot) =>
      `The customer's message right after the close stayed on ticket ${t.protocol} (no new ticket opened)`,
    tags: (by: Who, t: TicketSnapshot) =>
      t.tags.length ? `${by} set the tags: ${t.tags.join(', ')}` : `${by} removed the tags`,
  },
  ticket: {
    protocol: 'Protocol',
    noProtocol: 'no protocol',
    assignee: 'Assignee',
    team: 'Team',
    nobody: 'nobody',
    noTeam: 'no team',
    actions: 'Ticket actions',
    take: 'Take',
    close: 'Close',
    reopen: 'Reopen',
    unassign: 'Back to queue',
    transfer: 'Transfer',
    transferTitle: 'Transfer or assign',
    confirm: 'Confirm',
    cancel: 'Cancel',
    toTeam: 'To team',
    toAgent: 'To agent',
    keepTeam: '— keep team —',
    anyAgent: '— nobody (goes to the queue) —',
    priority: 'Priority',
    tags: 'Tags',
    addTag: 'New tag',
    addTagButton: 'Add',
    removeTag: (tag: string) => `Remove tag ${tag}`,
    conflict: (message: string) => `Could not do that: ${message}`,
    alreadyTaken: (name: string | null) =>
      name ? `${name} already took this conversation.` : 'Another agent already took this conversation.',
    alreadyClosed: 'This ticket is already closed.',
    alreadyOpen: 'This ticket is already open.',
    closedFirst: 'This ticket is closed: reopen it first.',
    gone: 'Conversation, agent or team not found.',
    failed: 'The action failed. Try again.',
  },
  presence: { online: 'Available', away: 'Away', offline: 'Offline' },
  presenceLabel: 'My status',
  notifications: {
    enable: 'Turn on notifications',
    enabled: 'Notifications on',
    denied: 'Notifications blocked by the browser',
    newMessage: (name: string) => `New message from ${name}`,
  },
  sound: 'Alert sound',
  shortcuts: {
    title: 'Keyboard shortcuts',
    open: 'Shortcuts (?)',
    next: 'Next conversation in the list',
    previous: 'Previous conversation in the list',
    close: 'Close the open ticket',
    focus: 'Go to the reply box',
    help: 'Show this list',
    send: 'Send',
    newline: 'New line',
    canned: 'Canned responses',
    dismiss: 'Close',
  },
  canned: { label: 'Canned responses', none: 'No canned response with that shortcut.' },
  contact: {
    title: 'Contact',
    name: 'Name',
    phone: 'Phone',
    email: 'Email',
    cpfCnpj: 'CPF/CNPJ',
    save: 'Save contact',
    saving: 'Saving…',
    saved: 'Contact saved.',
    invalid: 'Check the details: ',
    tickets: 'Tickets',
    noTickets: 'No earlier tickets.',
    opened: 'opened',
    closedAt: 'closed',
    unavailable: 'Contact details unavailable.',
  },
  sessions: {
    link: 'My sessions',
    title: 'My sessions',
    intro: 'Devices and browsers signed in to your account. End any you do not recognise.',
    device: 'Device',
    ip: 'IP',
    createdAt: 'Started',
    lastSeenAt: 'Last seen',
    actions: 'Actions',
    current: 'This session',
    unknownDevice: 'Unknown device',
    empty: 'No active sessions.',
    revoke: 'End',
    revokeNamed: (device: string) => `End the session ${device}`,
    confirmRevoke: (device: string) =>
      `End the session on ${device}? Whoever uses it will have to sign in again.`,
    revoked: (device: string) => `Session on ${device} ended.`,
    signOutAll: 'Sign out of all devices',
    confirmSignOutAll: 'Sign out of all devices, this one included? Everyone will have to sign in again.',
    signOut: 'Sign out of this device',
    failed: 'That did not work. Try again.',
  },
};
