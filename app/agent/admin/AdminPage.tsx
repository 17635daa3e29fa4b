// Admin screens (users and roles, teams, channels, canned responses, tenant settings): mounted at /admin.
// The signed-in role decides which screens and actions appear; agents are told they have no access.
import { type Component, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import type { MeResponse, TenantSettings } from '../../../workers/contract';
import type { Session } from '../api';
import { getMe } from './admin-api';
import { AdminCtx } from './admin-context';
import { at } from './admin-i18n';
import { type Screen, screensOf } from './admin-screens';
import { CannedScreen } from './CannedScreen';
import { ChannelsScreen } from './ChannelsScreen';
import { Loaded } from './Loaded';
import { SettingsScreen } from './SettingsScreen';
import { TeamsScreen } from './TeamsScreen';
import { UsersScreen } from './UsersScreen';
import './admin.css';

const VIEWS: Record<Screen, Component> = {
  users: UsersScreen,
  teams: TeamsScreen,
  channels: ChannelsScreen,
  canned: CannedScreen,
  settings: SettingsScreen,
};

/** /admin/teams opens the teams screen; anything else under /admin opens the role's first screen. */
function screenFromPath(allowed: readonly Screen[]): Screen | undefined {
  const wanted = location.pathname.split('/')[2];
  return allowed.find((s) => s === wanted) ?? allowed[0];
}

export function AdminPage(props: { session: Session }) {
  const [me, { refetch }] = createResource(() => props.session.token, getMe);
  return (
    <section class="admin" aria-labelledby="admin-title">
      <h2 id="admin-title">{at().title}</h2>
      <Loaded resource={me} retry={refetch}>
        {(m) => (
          <Show
            when={screensOf(m().user.role).length > 0}
            fallback={<p class="admin-no-access">{at().noAccess}</p>}
          >
            <AdminShell me={m()} token={props.session.token} />
          </Show>
        )}
      </Loaded>
    </section>
  );
}

function AdminShell(props: { me: MeResponse; token: string }) {
  const role = props.me.user.role;
  const allowed = screensOf(role);
  const [tenant, setTenant] = createSignal<TenantSettings>(props.me.tenant);
  const [screen, setScreen] = createSignal<Screen | undefined>(screenFromPath(allowed));
  const onPop = () => setScreen(screenFromPath(allowed));
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
