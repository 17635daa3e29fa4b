// The widget's state: the channel's configuration, which screen shows (loading, error, the pre-chat or
// offline form, the chat), the visitor's session and its resuming socket, the timeline folded by seq, who
// is typing, how far agents have read, and what the loader hears (unread count, message previews). A
// session is created only when the visitor first writes (or passes the form); a returning visitor's is
// resumed on load and its socket stays open while the widget is minimised, so replies count as unread.
import { batch, createSignal } from 'solid-js';
import { SOCKET_CLOSE } from '../../../workers/contract/frames';
import type { PrechatAnswers, WidgetConfigResponse } from '../../../workers/contract/widget';
import type { ConnectionState } from '../../lib/conversation-client';
import { ConversationClient } from '../../lib/conversation-client';
import { type TimelineItem, TimelineModel } from '../../lib/timeline';
import { ApiError, createSession, fetchConfig, type Session, socketUrl, uploadFile } from './api';
import type { Bridge } from './bridge';
import { t } from './i18n';
import { createOutbox } from './outbox';
import type { FrameParams } from './params';
import { isSuspended, sessionProblem } from './problems';
import { forgetVisitor, loadVisitor, saveVisitor } from './visitor-store';

/** `unavailable`: the ISP's account was suspended (a refused session, or the socket closed with 4423). */
export type Screen = 'loading' | 'error' | 'identity' | 'prechat' | 'offline' | 'chat' | 'unavailable';

/** Tokens last 12 h; a socket reconnecting after 11 h asks for a fresh one with the visitor key. */
const TOKEN_REFRESH_MS = 11 * 60 * 60 * 1000;

export interface StartAnswers {
  name?: string;
  contact?: PrechatAnswers;
}

export function createChat(params: FrameParams, link: Bridge) {
  const bridge = () => link;
  const [config, setConfig] = createSignal<WidgetConfigResponse | null>(null);
  const [screen, setScreen] = createSignal<Screen>('loading');
  const [problem, setProblem] = createSignal<string | null>(null);
  const [session, setSession] = createSignal<Session | null>(null);
  const [items, setItems] = createSignal<readonly TimelineItem[]>([]);
  const [conn, setConn] = createSignal<ConnectionState | 'none'>('none');
  const [typingName, setTypingName] = createSignal<string | null>(null);
  const [agentReadSeq, setAgentReadSeq] = createSignal(0);
  const [open, setOpen] = createSignal(!bridge().embedded || params.preview);
  const [unread, setUnread] = createSignal(0);
  const [notice, setNotice] = createSignal<string | null>(null);
  /** The offline form was sent: say when someone will answer. */
  const [leftMessage, setLeftMessage] = createSignal(false);
  const outbox = createOutbox();

  let model = new TimelineModel();
  let client: ConversationClient | null = null;
  let tokenAt = 0;
  let caughtUp = false;
  let identityToken: string | null = null;
  let seenSeq = 0;
  let readSent = 0;
  let starting: Promise<Session> | null = null;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;

  const isTeam = (i: TimelineItem) =>
    i.kind === 'message' && (i.message.author.kind === 'agent' || i.message.author.kind === 'bot');

  function recount(): void {
    const n = open() ? 0 : items().filter((i) => isTeam(i) && i.seq > seenSeq).length;
    if (n !== unread()) {
      setUnread(n);
      bridge().post({ type: 'unread', count: Math.min(n, 999) });
    }
  }

  /** The visitor sees the timeline: remember it, tell agents (read frame) and clear the badge. */
  function markSeen(): void {
    const s = session();
    if (!open() || !s || document.visibilityState === 'hidden') {
      recount();
      return;
    }
    const last = client?.lastSeq ?? 0;
    if (last > seenSeq) {
      seenSeq = last;
      saveVisitor(params.channelId, { visitorKey: s.visitorKey, seenSeq });
    }
    if (last > readSent && client?.connectionState === 'live') {
      readSent = last;
      client.markRead(last);
    }
    recount();
  }

  function connect(s: Session): void {
    client?.close();
    model = new TimelineModel();
    caughtUp = false;
    readSent = 0;
    batch(() => {
      setItems([]);
      setAgentReadSeq(0);
      setTypingName(null);
    });
    tokenAt = Date.now();
    const wsBase = location.origin.replace(/^http/, 'ws');
    client = new ConversationClient({
      url: async () => {
        const current = session() ?? s;
        if (Date.now() - tokenAt > TOKEN_REFRESH_MS) {
          const fresh = await createSession({
            channel: params.channelId,
            visitorKey: current.visitorKey,
            ...host(),
          });
          tokenAt = Date.now();
          setSession(fresh);
          return socketUrl(wsBase, fresh);
        }
        return socketUrl(wsBase, current);
      },
      heartbeatMs: 25_000,
      onClose: (code) => {
        if (code === SOCKET_CLOSE.tenantSuspended.code) stop();
      },
      onState: (state) => {
        setConn(state);
        if (state === 'live') {
          caughtUp = true;
          markSeen();
        }
      },
      onEvent: (frame) => {
        if (!model.add([frame])) return;
        setItems(model.items);
        outbox.settle((id) => model.seqOfClientId(id) !== undefined);
        const e = frame.event;
        if (
          e.type === 'message.created' &&
          (e.message.author.kind === 'agent' || e.message.author.kind === 'bot')
        ) {
          setTypingName(null);
          if (caughtUp && frame.seq > seenSeq) {
            const preview = (
              e.message.text ||
              e.message.interactive?.body ||
              e.message.attachment?.filename ||
              ''
            ).slice(0, 200);
            bridge().post({ type: 'message', seq: frame.seq, author: e.message.author.kind, preview });
          }
        }
        markSeen();
      },
      onError: (frame) => {
        const text = frame.code === 'rate_limited' ? t().rateLimited : frame.message;
        if (frame.clientId) outbox.fail(frame.clientId, text);
        else setNotice(text);
      },
      onFrame: (frame) => {
        if (frame.type === 'typing' && frame.who.kind === 'agent') {
          clearTimeout(typingTimer);
          setTypingName(frame.on ? frame.who.name || t().someone : null);
          // A lost "stopped typing" must not leave the dots forever.
          if (frame.on) typingTimer = setTimeout(() => setTypingName(null), 8_000);
        } else if (frame.type === 'read' && frame.who.kind === 'agent') {
          setAgentReadSeq((r) => Math.max(r, frame.seq));
        }
      },
    });
  }

  /** The ISP's account is suspended: close the socket for good (no reconnect loop) and say so. */
  function stop(): void {
    client?.close();
    client = null;
    outbox.clear();
    batch(() => {
      setConn('none');
      setScreen('unavailable');
    });
  }

  const host = () => (params.hostOrigin ? { hostOrigin: params.hostOrigin } : {});

  async function begin(req: StartAnswers & { visitorKey?: string }): Promise<Session> {
    const s = await createSession({
      channel: params.channelId,
      ...host(),
      ...req,
      ...(identityToken ? { identityToken } : {}),
    });
    const stored = loadVisitor(params.channelId);
    seenSeq = stored?.visitorKey === s.visitorKey ? stored.seenSeq : 0;
    saveVisitor(params.channelId, { visitorKey: s.visitorKey, seenSeq });
    setSession(s);
    connect(s);
    return s;
  }

  /** The session the visitor's first message needs (created once, even if they click twice). */
  function ensureSession(req: StartAnswers = {}): Promise<Session> {
    const s = session();
    if (s) return Promise.resolve(s);
    // The admin's live preview shows the widget as configured but never starts a conversation.
    if (params.preview) return Promise.reject(new ApiError(0, 'preview', t().sessionFailed));
    starting ??= begin(req).finally(() => {
      starting = null;
    });
    return starting;
  }

  function firstScreen(c: WidgetConfigResponse): Screen {
    if (c.verifiedOnly && !identityToken) return 'identity';
    if (!c.open) return 'offline';
    return c.prechat.length > 0 ? 'prechat' : 'chat';
  }

  async function load(): Promise<void> {
    setScreen('loading');
    setProblem(null);
    try {
      const c = await fetchConfig(params.channelId);
      setConfig(c);
      const stored = loadVisitor(params.channelId);
      if (identityToken && !params.preview) {
        // Identified before the config came: the verified contact's conversation and history show at once.
        await begin({});
        setScreen('chat');
        return;
      }
      if (stored && !params.preview) {
        try {
          await begin({ visitorKey: stored.visitorKey });
          setScreen('chat');
          return;
        } catch (err) {
          // A key this server no longer honours: start as a new visitor; anything else is a real problem.
          if (!(err instanceof ApiError) || (err.status !== 401 && err.status !== 404)) throw err;
          forgetVisitor(params.channelId);
        }
      }
      setScreen(firstScreen(c));
    } catch (err) {
      if (isSuspended(err)) return stop();
      setProblem(err instanceof ApiError && err.status !== 0 ? sessionProblem(err) : t().unreachable);
      setScreen('error');
    }
  }

  /** The pre-chat or offline form: starts the session with the visitor's answers. */
  async function start(answers: StartAnswers): Promise<string | null> {
    try {
      await ensureSession(answers);
      setScreen('chat');
      return null;
    } catch (err) {
      if (isSuspended(err)) stop();
      return sessionProblem(err);
    }
  }

  function send(text: string, choiceId?: string): void {
    const clientId = crypto.randomUUID();
    outbox.add({ clientId, text });
    setNotice(null);
    ensureSession().then(
      () => {
        if (choiceId) client?.sendChoice(text, choiceId, clientId);
        else client?.send(text, clientId);
      },
      (err) => (isSuspended(err) ? stop() : outbox.fail(clientId, sessionProblem(err))),
    );
  }

  async function sendFile(file: File, problemOf: (f: File) => string | null): Promise<void> {
    const bad = problemOf(file);
    if (bad) {
      setNotice(bad);
      return;
    }
    const clientId = crypto.randomUUID();
    outbox.add({ clientId, text: '', filename: file.name });
    try {
      const s = await ensureSession();
      const up = await uploadFile(s, file);
      client?.sendAttachment(up.attachment.key, '', clientId);
    } catch (err) {
      if (isSuspended(err)) return stop();
      outbox.fail(clientId, err instanceof ApiError && err.status !== 0 ? err.message : t().fileFailed);
    }
  }

  function typing(on: boolean): void {
    client?.typing(on);
  }

  function setOpenState(value: boolean): void {
    setOpen(value);
    if (value) markSeen();
    else recount();
  }

  /** The page's logged-in customer: a new session for the verified contact (its history shows). */
  async function identify(token: string): Promise<void> {
    identityToken = token;
    const c = config();
    if (!c || params.preview) return;
    client?.close();
    client = null;
    setSession(null);
    outbox.clear();
    try {
      await begin({});
      setScreen('chat');
    } catch (err) {
      if (isSuspended(err)) return stop();
      setProblem(sessionProblem(err));
      setScreen('error');
    }
  }

  /** The page logged its customer out: forget this browser's visitor, close the socket, start afresh. */
  function shutdown(): void {
    client?.close();
    client = null;
    identityToken = null;
    forgetVisitor(params.channelId);
    model = new TimelineModel();
    seenSeq = 0;
    batch(() => {
      setSession(null);
      setItems([]);
      setConn('none');
      setLeftMessage(false);
      outbox.clear();
      const c = config();
      if (c) setScreen(firstScreen(c));
    });
    recount();
  }

  function retryConnection(): void {
    client?.reconnect();
  }

  document.addEventListener('visibilitychange', markSeen);

  return {
    config,
    screen,
    problem,
    session,
    items,
    conn,
    typingName,
    agentReadSeq,
    open,
    unread,
    notice,
    setNotice,
    leftMessage,
    setLeftMessage,
    outbox,
    load,
    start,
    send,
    sendFile,
    typing,
    setOpen: setOpenState,
    identify,
    shutdown,
    retryConnection,
  };
}
export type Chat = ReturnType<typeof createChat>;
