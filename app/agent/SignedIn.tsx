// The signed-in app: builds what every screen shares (live inbox, open conversations, directory, canned
// responses, presence, ticket actions, awareness) and lays out the workspace or the admin screens.
import { createEffect, createMemo, createResource, createSignal, lazy, on, onCleanup, Show } from 'solid-js';
import type { MeResponse } from '../../workers/contract';
import type { SummaryChange } from '../lib/inbox-client';
import { compareSummaries, type InboxView, viewCounts, viewList } from '../lib/inbox-views';
import { preloadScreenAt } from './admin/lazy-screens';
import type { Session } from './api';
import { session as currentSession, currentToken, signOut } from './auth/session-store';
import { createPresenceControl } from './awareness/idle';
import { beep, desktopNotify } from './awareness/notify';
import { ShortcutConfirm, type ShortcutConfirmRequest } from './awareness/ShortcutConfirm';
import { installShortcuts } from './awareness/shortcuts';
import { ContactPanel } from './contact/ContactPanel';
import { AppContext, type AppContextValue } from './context';
import { ConversationPane } from './conversation/ConversationPane';
import { createTicketActions } from './conversation/ticket-actions';
import { getCannedResponses, getDirectory, getMe, getMeJoined, getSummary } from './endpoints';
import { applyTenantLocale, type Locale, setTimeZone, t } from './i18n';
import { ConversationList, contactLabel, listWithOpen } from './inbox/ConversationList';
import { OutageBanner } from './inbox/outage/OutageBanner';
import { createOutageState } from './inbox/outage/outage-state';
import { SearchBox, type SearchState } from './inbox/SearchBox';
import { ViewNav } from './inbox/ViewNav';
import { BackToList } from './phone/PhoneNav';
import { phoneView } from './phone/phone-view';
import { ShortcutHelp } from './ShortcutHelp';
import { rememberedMe, rememberMe } from './session';
import { createSlaFilter, SlaFilter } from './sla/SlaFilter';
import { ConversationCache } from './state/conversation-cache';
import { createInboxState } from './state/inbox-state';
import { flushUnsent } from './state/outbox-flush';
import { navigate, place } from './state/router';
import { TopBar } from './TopBar';

const AdminPage = lazy(() => import('./admin/AdminPage').then((m) => ({ default: m.AdminPage })));

/** Who is signed in until /api/me answers (or if it cannot): the login's user, no teams, São Paulo time. */
function provisionalMe(session: Session): MeResponse {
  const u = session.user;
  return {
    user: { ...u, role: u.role },
    teams: [],
    tenant: {
      id: u.tenantId,
      slug: '',
      name: '',
      timezone: 'America/Sao_Paulo',
      locale: 'pt-BR',
      twoFactorPolicy: 'none',
      messageRetentionDays: null,
    },
  };
}

const isCustomer = (kind: string | undefined) => kind === 'contact' || kind === 'visitor';

export function SignedIn() {
  // The store's session; the last one is kept for the instant between a sign-out and this app unmounting.
  let last = currentSession() as Session;
  const session = () => {
    last = currentSession() ?? last;
    return last;
  };
  // REST calls take the store's current token in any case (api.ts); this is what the calls pass along.
  const token = () => currentToken() ?? last.token;
  // This tab's last /api/me answer (a reload, a bookmark) stands in at once, with the session's role, until the
  // boot's /api/me answers; with none, the login's user.
  const kept = rememberedMe(session().user.id);
  const remembered = kept && { ...kept, user: { ...kept.user, role: session().user.role } };
  const [me, setMe] = createSignal<MeResponse>(remembered ?? provisionalMe(session()));
  const applyTenant = (m: MeResponse) => {
    setTimeZone(m.tenant.timezone);
    applyTenantLocale(m.tenant.locale as Locale);
  };
  if (remembered) applyTenant(remembered);
  // A reload or bookmark of a lazy admin screen: its chunk (and the reports' first data, in the remembered
  // tenant's zone) is fetched beside the admin chunk, not after it.
  preloadScreenAt(location.pathname, {
    token: token(),
    role: session().user.role,
    timeZone: remembered?.tenant.timezone ?? null,
  });
  // The first load joins a request just made for this token (none yet at boot; see getMeJoined); later ones ask.
  const loadMe = (ask: (token: string) => Promise<MeResponse> = getMe) =>
    ask(token())
      .then((m) => {
        rememberMe(m);
        setMe(m);
        applyTenant(m);
      })
      .catch(() => {}); // keep the provisional identity; every screen still works
  void loadMe(getMeJoined);
  // A refresh that brings another role (the server closed the sockets with role_changed): the screens
  // follow at once (admin link, admin screens) and /api/me is asked again for the rest.
  createEffect(
    on(
      () => session().user.role,
      (role) => {
        if (role === me().user.role) return;
        setMe((m) => ({ ...m, user: { ...m.user, role } }));
        void loadMe();
      },
      { defer: true },
    ),
  );
  const viewer = createMemo(() => ({ userId: me().user.id, teamIds: me().teams.map((x) => x.id) }));

  const onNews = (change: SummaryChange) => {
    const s = change.summary;
    const prev = change.previous;
    if (s.assigneeId !== viewer().userId || s.status === 'closed' || !s.lastMessage) return;
    if (!isCustomer(s.lastMessage.authorKind)) return;
    if (prev && (s.lastSeq <= prev.lastSeq || prev.lastMessage?.at === s.lastMessage.at)) return;
    const watching =
      document.visibilityState === 'visible' &&
      document.hasFocus() &&
      place().conversationId === s.conversationId;
    if (watching) return;
    beep();
    const name = contactLabel(s.contact);
    desktopNotify(t().notifications.newMessage(name), s.lastMessage.text, s.conversationId, () =>
      open(s.conversationId),
    );
  };

  const inbox = createInboxState(onNews);
  const conversations = new ConversationCache(session().user.id, token);
  onCleanup(() => conversations.closeAll());
  const [directory] = createResource(() => getDirectory(token()).catch(() => undefined));
  // What only the workspace uses (canned responses for the composer, active outages for the list's banner) is
  // asked the first time it shows: an admin screen opened from its URL shares its boot with fewer requests.
  const [workspaceSeen, setWorkspaceSeen] = createSignal(false);
  createEffect(() => {
    if (!place().admin) setWorkspaceSeen(true);
  });
  const [canned] = createResource(workspaceSeen, () => getCannedResponses(token()).catch(() => undefined));
  const presence = createPresenceControl((status) => inbox.setPresence(status));
  // Once the inbox is live, anything queued but never acknowledged in an earlier session goes out.
  let flushed = false;
  createEffect(() => {
    if (flushed || inbox.connection() !== 'live') return;
    flushed = true;
    // After the replay has rendered (a microtask away); conversations the inbox no longer holds are asked.
    queueMicrotask(
      () =>
        void flushUnsent(conversations, async (id) => {
          const held = inbox.summary(id);
          if (held) return held.lastSeq;
          const s = await getSummary(token(), id);
          inbox.learn(s);
          return s.lastSeq;
        }),
    );
  });

  const open = (conversationId: string | null) => navigate({ conversationId, admin: false });
  // After my own take the conversation is in "Minhas": the list follows, so it stays beside the open one.
  const act = createTicketActions({
    token,
    inbox,
    onTaken: (s) => {
      if (s.assigneeId === viewer().userId && place().view !== 'mine') navigate({ view: 'mine' }, true);
    },
  });

  const view = () => place().view;
  const viewed = createMemo(() => viewList(view(), inbox.summaries(), viewer()));
  const openSummary = () => {
    const id = place().conversationId;
    return id ? inbox.summary(id) : null;
  };
  const slaFilter = createSlaFilter();
  const outages = createOutageState(token, inbox.summaries, workspaceSeen);
  // An outage's filter shows every conversation it caused, whatever the view (the bot keeps most of them).
  const filtered = createMemo(() => {
    const outageId = outages.selected();
    if (!outageId) return slaFilter.apply(viewed());
    return inbox
      .summaries()
      .filter((s) => s.outageId === outageId)
      .sort(compareSummaries);
  });
  const list = createMemo(() => listWithOpen(filtered(), openSummary()));
  const keptId = () => (list() === filtered() ? null : place().conversationId);
  const counts = createMemo(() => viewCounts(inbox.summaries(), viewer()));
  const [search, setSearch] = createSignal<SearchState>({ query: '', results: null });
  const visibleIds = createMemo(() => {
    const results = search().results;
    return results ? results.map((r) => r.conversationId) : list().map((s) => s.conversationId);
  });

  // The tab title shows unread customer messages in my conversations, so they are seen from other tabs.
  createEffect(() => {
    const unread = inbox
      .summaries()
      .filter((s) => s.assigneeId === viewer().userId && s.status === 'assigned')
      .reduce((n, s) => n + s.unread, 0);
    document.title = unread > 0 ? `(${unread}) ${t().appName}` : t().appName;
  });
  onCleanup(() => {
    document.title = t().appName;
  });

  const app: AppContextValue = {
    session,
    me,
    inbox,
    conversations,
    directory,
    canned,
    presence,
    open,
    act,
    visibleIds,
  };

  const [helpOpen, setHelpOpen] = createSignal(false);
  const [confirming, setConfirming] = createSignal<ShortcutConfirmRequest | null>(null);
  installShortcuts(app, { toggleHelp: () => setHelpOpen((v) => !v), confirm: setConfirming });

  return (
    <AppContext.Provider value={app}>
      <TopBar onSignOut={() => void signOut()} onHelp={() => setHelpOpen(true)} />
      <Show
        when={!place().admin}
        fallback={
          <main class="admin">
            <AdminPage token={token()} role={me().user.role} remembered={remembered} />
          </main>
        }
      >
        {/* A phone shows one column at a time (styles/phone.css): the list, the conversation or the contact. */}
        <div class="workspace" data-phone-view={phoneView()}>
          <nav class="views" aria-labelledby="inbox-title">
            <h2 id="inbox-title">{t().inbox}</h2>
            <ViewNav
              view={view()}
              counts={counts()}
              onChange={(v: InboxView) => {
                setSearch({ query: '', results: null });
                navigate({ view: v });
              }}
            />
          </nav>
          <section class="list" aria-label={t().views[view()]}>
            <SearchBox state={search()} onChange={setSearch} />
            <Show when={search().results === null}>
              <OutageBanner state={outages} summaries={inbox.summaries()} />
              <SlaFilter filter={slaFilter} list={viewed()} />
              <ConversationList
                summaries={list()}
                openId={place().conversationId}
                keptId={keptId()}
                outages={outages}
              />
            </Show>
          </section>
          <Show
            when={place().conversationId}
            keyed
            fallback={
              <main class="pane empty">
                <Show when={place().notFound}>
                  <BackToList />
                </Show>
                {/* A URL with another spelling of an id: not found, and nothing is asked of the server. */}
                <p>{place().notFound ? t().conversationNotFound : t().chooseConversation}</p>
              </main>
            }
          >
            {(id) => (
              <>
                <main class="pane">
                  <ConversationPane conversationId={id} />
                </main>
                <ContactPanel conversationId={id} />
              </>
            )}
          </Show>
        </div>
      </Show>
      <ShortcutHelp open={helpOpen()} onClose={() => setHelpOpen(false)} />
      <ShortcutConfirm request={confirming()} onClose={() => setConfirming(null)} />
    </AppContext.Provider>
  );
}
