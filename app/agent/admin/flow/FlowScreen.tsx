// "Fluxo do robô": the structured flow editor. Loads the live version (or the newest, or a starter flow),
// edits it step by step, checks it on the server as it changes (issues land on the cards and fields they
// point at), saves drafts, publishes and restores versions, and runs the preview chat on the editor's flow.
import { createResource, createSignal, onCleanup, Show } from 'solid-js';
import {
  BotFlow,
  type FlowIssue,
  type FlowStep,
  type FlowStepType,
  type FlowVersionSummary,
  type TeamRef,
} from '../../../../workers/contract';
import { ApiError } from '../../api';
import { locale } from '../../i18n';
import { AdminScreen } from '../AdminScreen';
import { getDirectory } from '../admin-api';
import { useAdmin } from '../admin-context';
import { at } from '../admin-i18n';
import { ConfirmDialog, type ConfirmRequest } from '../ConfirmDialog';
import { fromApiError } from '../form-errors';
import { Loaded } from '../Loaded';
import { FlowGlobals } from './FlowGlobals';
import { checkFlow, getFlowVersion, listFlowVersions, publishFlow, saveFlow } from './flow-api';
import { ft } from './flow-i18n';
import { freeId, issuesByStep, newStep, referencesTo, renameStep, starterFlow } from './flow-model';
import { PreviewChat } from './PreviewChat';
import { StepEditor } from './StepEditor';
import { type Selection, StepList } from './StepList';
import { VersionsPanel } from './VersionsPanel';
import './flow.css';

interface LoadedFlow {
  versions: FlowVersionSummary[];
  teams: TeamRef[];
  /** The version opened first (null: a starter flow). */
  opened: { version: number; flow: BotFlow } | null;
}

/** How long the editor waits after the last change before asking the server to check the flow. */
const CHECK_DELAY_MS = 700;

export function FlowScreen() {
  const admin = useAdmin();
  const [data, { refetch }] = createResource(async (): Promise<LoadedFlow> => {
    const [list, directory] = await Promise.all([listFlowVersions(admin.token), getDirectory(admin.token)]);
    const first = list.published ?? list.versions[0]?.version ?? null;
    const view = first === null ? null : await getFlowVersion(admin.token, first);
    // A stored version that no longer fits the contract opens as the starter flow rather than a broken editor.
    const opened = view && BotFlow.safeParse(view.flow).success ? view : null;
    return { versions: list.versions, teams: directory.teams, opened };
  });
  return (
    <AdminScreen titleId="flow-title" title={ft().title} status={null}>
      <p class="admin-hint">{ft().intro}</p>
      <Loaded resource={data} retry={refetch}>
        {(d) => <FlowWorkbench initial={d()} />}
      </Loaded>
    </AdminScreen>
  );
}

function FlowWorkbench(props: { initial: LoadedFlow }) {
  const admin = useAdmin();
  const teams = props.initial.teams;
  const [versions, setVersions] = createSignal(props.initial.versions);
  const [flow, setFlow] = createSignal<BotFlow>(
    props.initial.opened?.flow ?? starterFlow(locale() === 'pt-BR'),
  );
  const [current, setCurrent] = createSignal<number | null>(props.initial.opened?.version ?? null);
  const [dirty, setDirty] = createSignal(false);
  const [selected, setSelected] = createSignal<Selection>('general');
  const [issues, setIssues] = createSignal<FlowIssue[]>([]);
  const [status, setStatus] = createSignal<{ message: string; error: boolean } | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [confirming, setConfirming] = createSignal<ConfirmRequest | null>(null);
  const grouped = () => issuesByStep(issues());
  const ids = () => flow().steps.map((s) => s.id);
  const currentState = () => versions().find((v) => v.version === current())?.state;

  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  /** Every edit goes through here: marks unsaved and schedules a server check. */
  function edit(next: BotFlow) {
    setFlow(next);
    setDirty(true);
    clearTimeout(timer);
    timer = setTimeout(() => void check(false), CHECK_DELAY_MS);
  }

  async function check(announce: boolean) {
    try {
      const res = await checkFlow(admin.token, flow());
      setIssues(res.issues);
      if (announce) {
        setStatus(
          res.issues.length
            ? { message: ft().issuesFound(res.issues.length), error: true }
            : { message: ft().checkedOk, error: false },
        );
      }
    } catch (err) {
      if (announce) setStatus({ message: fromApiError(err).form ?? '', error: true });
    }
  }

  const refusedIssues = (err: unknown): FlowIssue[] | null => {
    if (!(err instanceof ApiError) || err.code !== 'flow_invalid') return null;
    const details = err.details as { issues?: FlowIssue[] } | undefined;
    return details?.issues ?? [];
  };

  async function refreshVersions() {
    setVersions((await listFlowVersions(admin.token)).versions);
  }

  async function save() {
    if (busy()) return;
    clearTimeout(timer);
    setBusy(true);
    setStatus(null);
    try {
      const saved = await saveFlow(admin.token, flow());
      setIssues([]);
      setCurrent(saved.version);
      setDirty(false);
      setStatus({ message: ft().saved(saved.version), error: false });
      await refreshVersions();
    } catch (err) {
      const found = refusedIssues(err);
      if (found) {
        setIssues(found);
        setStatus({ message: ft().issuesFound(found.length), error: true });
      } else setStatus({ message: fromApiError(err).form ?? '', error: true });
    } finally {
      setBusy(false);
    }
  }

  function askPublish(v: FlowVersionSummary) {
    const restoring = v.state === 'retired';
    setConfirming({
      message: restoring ? ft().confirmRestore(v.version) : ft().confirmPublish(v.version),
      confirmLabel: restoring ? ft().versions.restore : ft().publish,
      onConfirm: async () => {
        try {
          await publishFlow(admin.token, v.version);
          setStatus({
            message: restoring ? ft().restored(v.version) : ft().published(v.version),
            error: false,
          });
        } catch (err) {
          const found = refusedIssues(err);
          setStatus({
            message: found ? ft().issuesFound(found.length) : (fromApiError(err).form ?? ''),
            error: true,
          });
          if (found && v.version === current()) setIssues(found);
        }
        await refreshVersions().catch(() => undefined);
      },
    });
  }

  async function open(v: FlowVersionSummary) {
    const load = async () => {
      try {
        const view = await getFlowVersion(admin.token, v.version);
        const parsed = BotFlow.safeParse(view.flow);
        setFlow(parsed.success ? parsed.data : starterFlow(locale() === 'pt-BR'));
        setCurrent(v.version);
        setDirty(false);
        setIssues([]);
        setSelected('general');
        setStatus(null);
      } catch (err) {
        setStatus({ message: fromApiError(err).form ?? '', error: true });
      }
    };
    if (!dirty()) return load();
    setConfirming({ message: ft().confirmDiscard, confirmLabel: ft().discard, onConfirm: load });
  }

  // ---- step operations ----

  function changeStep(index: number, step: FlowStep) {
    edit({ ...flow(), steps: flow().steps.map((s, i) => (i === index ? step : s)) });
  }

  function move(index: number, by: -1 | 1) {
    const steps = [...flow().steps];
    const [step] = steps.splice(index, 1);
    if (!step) return;
    steps.splice(index + by, 0, step);
    edit({ ...flow(), steps });
    if (selected() === index) setSelected(index + by);
  }

  function add(type: FlowStepType) {
    const f = flow();
    const id = freeId(f, type);
    const step = newStep(type, id, f.fallbackStep, locale() === 'pt-BR');
    edit({ ...f, steps: [...f.steps, step] });
    setSelected(f.steps.length);
  }

  function remove(index: number) {
    const step = flow().steps[index];
    if (!step) return;
    setConfirming({
      message: ft().confirmRemove(step.id, referencesTo(flow(), step.id)),
      confirmLabel: ft().remove,
      onConfirm: () => {
        edit({ ...flow(), steps: flow().steps.filter((_, i) => i !== index) });
        setSelected('general');
      },
    });
  }

  const selectedStep = () => {
    const s = selected();
    return s === 'general' ? undefined : flow().steps[s];
  };

  return (
    <>
      <div class="flow-toolbar" role="toolbar" aria-label={ft().title}>
        <span class="flow-toolbar-state">
          {current() !== null
            ? ft().editing(current() as number, ft().versions.states[currentState() ?? 'draft'])
            : ft().editingNew}
          <Show when={dirty()}>
            {' · '}
            <strong>{ft().unsaved}</strong>
          </Show>
        </span>
        <button type="button" disabled={busy()} onClick={() => void check(true)}>
          {ft().check}
        </button>
        <button type="button" class="admin-primary" disabled={busy()} onClick={() => void save()}>
          {busy() ? at().saving : ft().saveDraft}
        </button>
        <Show when={current() !== null && currentState() !== 'published'}>
          <button
            type="button"
            disabled={busy() || dirty()}
            title={dirty() ? ft().publishHint : undefined}
            onClick={() => {
              const v = versions().find((x) => x.version === current());
              if (v) askPublish(v);
            }}
          >
            {currentState() === 'retired' ? ft().versions.restore : ft().publish}
          </button>
        </Show>
      </div>
      <p role="status" class={status()?.error ? 'admin-status admin-error' : 'admin-status'}>
        {status()?.message ?? ''}
      </p>
      <div class="flow-layout">
        <StepList
          flow={flow()}
          selected={selected()}
          issues={grouped()}
          onSelect={setSelected}
          onMove={move}
          onRemove={remove}
          onAdd={add}
        />
        <div class="flow-main">
          <Show
            when={selectedStep()}
            fallback={
              <FlowGlobals
                flow={flow()}
                issues={grouped().get('') ?? []}
                onChange={(c) => edit({ ...flow(), ...c })}
              />
            }
          >
            {(step) => (
              <StepEditor
                step={step()}
                ids={ids()}
                teams={teams}
                issues={grouped().get(step().id) ?? []}
                onChange={(s) => changeStep(selected() as number, s)}
                onRename={(to) => edit(renameStep(flow(), step().id, to))}
              />
            )}
          </Show>
        </div>
        <div class="flow-side">
          <PreviewChat flow={flow} onIssues={setIssues} />
          <VersionsPanel
            versions={versions()}
            current={current()}
            busy={busy()}
            onOpen={(v) => void open(v)}
            onPublish={askPublish}
          />
        </div>
      </div>
      <ConfirmDialog request={confirming()} onClose={() => setConfirming(null)} />
    </>
  );
}
