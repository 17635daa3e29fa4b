// The audit log for owners and admins: who did what and when, newest first, filtered by action, person,
// target id and dates (in the browser's calendar), with older pages loaded on demand. Action names are shown
// in the user's language; the details column is the entry's own facts, compact.
import { createResource, createSignal, For, Show } from 'solid-js';
import { AuditAction, type AuditEntryView, type AuditListResponse } from '../../../workers/contract';
import { getDirectory, listAudit } from './admin-api';
import { formatDate, useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { SelectField, StatusLine, TextField } from './fields';
import { Loaded } from './Loaded';

interface Filters {
  action: string;
  actor: string;
  target: string;
  from: string;
  to: string;
}

const NONE: Filters = { action: '', actor: '', target: '', from: '', to: '' };

/** The query for a page: dates are whole days in the browser's calendar. */
function queryOf(f: Filters, cursor: string | null): URLSearchParams {
  const q = new URLSearchParams({ limit: '50' });
  if (f.action) q.set('action', f.action);
  if (f.actor) q.set('actor', f.actor);
  if (f.target.trim()) q.set('target', f.target.trim());
  if (f.from) q.set('from', new Date(`${f.from}T00:00:00`).toISOString());
  if (f.to) q.set('to', new Date(`${f.to}T23:59:59.999`).toISOString());
  if (cursor) q.set('cursor', cursor);
  return q;
}

/** A settings change reads `campo: antes → depois`; anything else is the entry's facts as compact JSON. */
function details(entry: AuditEntryView): string {
  const changes = entry.details.changes;
  if (changes && typeof changes === 'object') {
    return Object.entries(changes as Record<string, { from: unknown; to: unknown }>)
      .map(([k, v]) => `${k}: ${show(v.from)} → ${show(v.to)}`)
      .join('; ');
  }
  const text = JSON.stringify(entry.details);
  return text === '{}' ? '' : text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

const show = (v: unknown) => (v === null || v === undefined ? at().none : String(v));

export function AuditScreen() {
  const admin = useAdmin();
  const [draft, setDraft] = createSignal<Filters>(NONE);
  const [filters, setFilters] = createSignal<Filters>(NONE);
  const [older, setOlder] = createSignal<AuditEntryView[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [moreFailed, setMoreFailed] = createSignal(false);
  const [page, { refetch }] = createResource(filters, async (f): Promise<AuditListResponse> => {
    const first = await listAudit(admin.token, queryOf(f, null));
    setOlder([]);
    setCursor(first.nextCursor);
    return first;
  });
  const [directory] = createResource(() => admin.token, getDirectory);
  const people = () => [
    { value: '', label: at().audit.anyActor },
    ...(directory()?.agents ?? []).map((a) => ({ value: a.id, label: a.name })),
  ];
  const actions = () => [
    { value: '', label: at().audit.anyAction },
    ...AuditAction.options.map((a) => ({ value: a, label: at().audit.actions[a] })),
  ];
  const set = (key: keyof Filters) => (value: string) => setDraft({ ...draft(), [key]: value });

  async function loadOlder() {
    const next = cursor();
    if (!next) return;
    setLoadingMore(true);
    setMoreFailed(false);
    try {
      const res = await listAudit(admin.token, queryOf(filters(), next));
      setOlder([...older(), ...res.entries]);
      setCursor(res.nextCursor);
    } catch {
      setMoreFailed(true);
    } finally {
      setLoadingMore(false);
    }
  }

  const who = (e: AuditEntryView) => e.actorLabel ?? at().audit.actorTypes[e.actorType];
  const target = (e: AuditEntryView) =>
    e.targetType ? `${at().audit.targets[e.targetType] ?? e.targetType} ${e.targetId ?? ''}` : at().none;

  return (
    <section class="admin-screen" aria-labelledby="audit-title">
      <div class="admin-head">
        <h3 id="audit-title">{at().audit.title}</h3>
      </div>
      <p class="admin-hint">{at().audit.intro}</p>
      <form
        class="admin-filters"
        aria-label={at().audit.filters}
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ ...draft() });
        }}
      >
        <SelectField
          label={at().audit.action}
          name="action"
          value={draft().action}
          options={actions()}
          onChange={set('action')}
        />
        <SelectField
          label={at().audit.actor}
          name="actor"
          value={draft().actor}
          options={people()}
          onChange={set('actor')}
        />
        <TextField label={at().audit.target} name="target" value={draft().target} onInput={set('target')} />
        <DateField label={at().audit.from} name="from" value={draft().from} onInput={set('from')} />
        <DateField label={at().audit.to} name="to" value={draft().to} onInput={set('to')} />
        <div class="admin-filter-actions">
          <button type="submit">{at().audit.apply}</button>
          <button
            type="button"
            onClick={() => {
              setDraft(NONE);
              setFilters(NONE);
            }}
          >
            {at().audit.clear}
          </button>
        </div>
      </form>
      <Loaded resource={page} retry={refetch}>
        {(first) => {
          const entries = () => [...first().entries, ...older()];
          return (
            <Show when={entries().length > 0} fallback={<p class="admin-empty">{at().audit.empty}</p>}>
              <table class="admin-table admin-audit" aria-labelledby="audit-title">
                <thead>
                  <tr>
                    <th scope="col">{at().audit.when}</th>
                    <th scope="col">{at().audit.what}</th>
                    <th scope="col">{at().audit.who}</th>
                    <th scope="col">{at().audit.on}</th>
                    <th scope="col">{at().audit.ip}</th>
                    <th scope="col">{at().audit.details}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={entries()}>
                    {(e) => (
                      <tr>
                        <th scope="row">
                          <time datetime={e.at}>{formatDate(e.at, admin.tenant().timezone)}</time>
                        </th>
                        <td data-label={at().audit.what}>{at().audit.actions[e.action]}</td>
                        <td data-label={at().audit.who}>{who(e)}</td>
                        <td class="admin-audit-target" data-label={at().audit.on}>
                          {target(e)}
                        </td>
                        <td data-label={at().audit.ip}>{e.ip ?? at().none}</td>
                        <td class="admin-audit-details" data-label={at().audit.details}>
                          {details(e)}
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <StatusLine message={moreFailed() ? at().loadFailed : null} error />
              <Show when={cursor()} fallback={<p class="admin-hint">{at().audit.end}</p>}>
                <button type="button" disabled={loadingMore()} onClick={() => void loadOlder()}>
                  {loadingMore() ? at().audit.loadingMore : at().audit.more}
                </button>
              </Show>
            </Show>
          );
        }}
      </Loaded>
    </section>
  );
}

/** A calendar day (YYYY-MM-DD), labelled like the other fields. */
function DateField(props: { label: string; name: string; value: string; onInput: (v: string) => void }) {
  const id = `audit-${props.name}`;
  return (
    <div class="admin-field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type="date"
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </div>
  );
}
