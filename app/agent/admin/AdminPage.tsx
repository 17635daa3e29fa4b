// Admin screens (users and roles, teams, channels, canned responses, tenant settings, audit log,
// API keys, my sessions): at /admin.
// The signed-in role decides which screens and actions appear; agents are told they have no access.
import {
  type Component,
  createEffect,
  createResource,
  createSignal,
  For,
  on,
  onCleanup,
  type ResourceFetcherInfo,
  Show,
} from 'solid-js';
import type { MeResponse, Role, TenantSettings } from '../../../workers/contract';
import { getMe, getMeJoined } from '../endpoints';
import { rememberMe } from '../session';
import { place } from '../state/router';
import { AiScreen } from './AiScreen';
import { ApiKeysScreen } from './ApiKeysScreen';
import { AuditScreen } from './AuditScreen';
import { AdminCtx } from './admin-context';
import { at } from './admin-i18n';
import { type Screen, screensOf } from './admin-screens';
import { AlertsScreen } from './alerts/AlertsScreen';
import { CannedScreen } from './CannedScreen';
import { ChannelsScreen } from './ChannelsScreen';
import { CampaignsScreen } from './campaigns/CampaignsScreen';
import { ErpScreen } from './ErpScreen';
import { KnowledgeScreen } from './KnowledgeScreen';
import { Loaded } from './Loaded';
import { FlowScreen, LiveScreen, ReportsScreen } from './lazy-screens';
import { OptOutsScreen } from './opt-outs/OptOutsScreen';
import { OutagesScreen } from './outages/OutagesScreen';
import { RoutingScreen } from './routing/RoutingScreen';
import { SessionsScreen } from './SessionsScreen';
import { SettingsScreen } from './SettingsScreen';
import { HoursScreen } from './service/HoursScreen';
import { ServiceScreen } from './service/ServiceScreen';
import { SlaScreen } from './service/SlaScreen';
import { TeamsScreen } from './TeamsScreen';
import { UsersScreen } from './UsersScreen';
import { WebhooksScreen } from './webhooks/WebhooksScreen';
import { WidgetScreen } from './widget/WidgetScreen';
import './admin.css';

const VIEWS: Record<Screen, Component> = {
  users: UsersScreen,
  teams: TeamsScreen,
  routing: RoutingScreen,
  channels: ChannelsScreen,
  widget: WidgetScreen,
  campaigns: CampaignsScreen,
  'opt-outs': OptOutsScreen,
  canned: CannedScreen,
  knowledge: KnowledgeScreen,
  erp: ErpScreen,
  ai: AiScreen,
  'bot-flow': FlowScreen,
  settings: SettingsScreen,
  hours: HoursScreen,
  sla: SlaScreen,
  service: ServiceScreen,
  sessions: SessionsScreen,
  audit: AuditScreen,
  'api-keys': ApiKeysScreen,
  outages: OutagesScreen,
  webhooks: WebhooksScreen,
  alerts: AlertsScreen,
  reports: ReportsScreen,
  live: LiveScreen,
};

/** A role without admin screens still has its own sessions, at /admin/sessions (the top bar links there). */
function screensFor(role: Role): readonly Screen[] {
  place(); // follows the URL (the top bar's link is a navigation)
  const own = screensOf(role);
  return own.length === 0 && location.pathname === '/admin/sessions' ? ['sessions'] : own;
}

/** What the shell is built from: another value rebuilds it. */
const shellKey = (m: MeResponse) => `${m.user.role} ${JSON.stringify(m.tenant)}`;

/** /admin/teams opens the teams screen; anything else under /admin opens the role's first screen. */
function screenFromPath(allowed: readonly Screen[]): Screen | undefined {
  const wanted = location.pathname.split('/')[2];
  return allowed.find((s) => s === wanted) ?? allowed[0];
}

/**
 * The screens of a role; one whose chunk is separate (lazy-screens.ts) loads it. Shown at once from
 * `remembered` (this tab's last /api/me, SignedIn.tsx) while /api/me is asked; the shell is rebuilt if the answer
 * brings another role or other tenant settings. `token` is only what the calls pass along (api.ts sends the
 * session store's current one).
 */
export function AdminPage(props: { token: string; role: Role; remembered?: MeResponse | undefined }) {
  // The first load is the boot's own /api/me when it was asked moments ago (the usual way here: sign in, open
  // an admin screen); a role change or a retry asks again.
  let first = true;
  const [me, { refetch }] = createResource(
    () => props.role,
    (_role, info: ResourceFetcherInfo<MeResponse>): Promise<MeResponse> => {
      const ask = first && !info.refetching ? getMeJoined : getMe;
      first = false;
      return ask(props.token);
    },
    { initialValue: props.remembered },
  );
  const accountOnly = () => {
    const role = me.latest?.user.role;
    return role !== undefined && screensOf(role).length === 0 && screensFor(role).length > 0;
  };
  return (
    <section class="admin" aria-labelledby="admin-title">
      {/* A role without admin screens is here only for its own account (its sessions). */}
      <h2 id="admin-title">{accountOnly() ? at().account : at().title}</h2>
      <Loaded resource={me} retry={refetch}>
        {(m) => (
          <Show
            when={screensFor(m().user.role).length > 0}
            fallback={<p class="admin-no-access">{at().noAccess}</p>}
          >
            {/* Rebuilt when the role changes (a role_changed refresh: its screens follow the new role) or when the
                answer to /api/me differs from the remembered one in role or tenant settings. */}
            <Show when={shellKey(m())} keyed>
              {(_key) => <AdminShell me={m()} token={props.token} allowed={screensFor(m().user.role)} />}
            </Show>
          </Show>
        )}
      </Loaded>
    </section>
  );
}

function AdminShell(props: { me: MeResponse; token: string; allowed: readonly Screen[] }) {
  const role = props.me.user.role;
  const allowed = props.allowed;
  const [tenant, setTenantSignal] = createSignal<TenantSettings>(props.me.tenant);
  // Saved settings are also what this tab remembers, so a reload does not show the ones before the save.
  const setTenant = (next: TenantSettings) => {
    setTenantSignal(next);
    rememberMe({ ...props.me, tenant: next });
  };
  const [screen, setScreen] = createSignal<Screen | undefined>(screenFromPath(allowed));
  const onPop = () => setScreen(screenFromPath(allowed));
  // On a phone the sections are a row that scrolls sideways: the current one is brought into sight.
  createEffect(
    on(screen, () =>
      queueMicrotask(() =>
        document
          .querySelector('.admin-nav [aria-current="page"]')
          ?.scrollIntoView({ block: 'nearest', inline: 'nearest' }),
      ),
    ),
  );
  window.addEventListener('popstate', onPop);
  onCleanup(() => window.removeEventListener('popstate', onPop));

  function go(e: MouseEvent, next: Screen) {
    // Modified clicks open a new tab as links normally do.
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    if (next === screen()) return;
    history.pushState(null, '', `/admin/${next}`);
    setScreen(next);
  }

  return (
    <AdminCtx.Provider value={{ token: props.token, role, tenant, setTenant }}>
      <div class="admin-layout">
        <nav class="admin-nav" aria-label={at().sections}>
          <ul>
            <For each={allowed}>
              {(s) => (
                <li>
                  <a
                    href={`/admin/${s}`}
                    aria-current={screen() === s ? 'page' : undefined}
                    onClick={(e) => go(e, s)}
                  >
                    {at().nav[s]}
                  </a>
                </li>
              )}
            </For>
          </ul>
        </nav>
        <div class="admin-content">
          <Show when={screen()} keyed>
            {(s) => {
              const View = VIEWS[s];
              return <View />;
            }}
          </Show>
        </div>
      </div>
    </AdminCtx.Provider>
  );
}
