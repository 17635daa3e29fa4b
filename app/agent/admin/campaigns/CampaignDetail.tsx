// One campaign's page: status and actions (Iniciar, Pausar, Retomar, Cancelar behind a confirmation, delete a
// draft), what it sends and when, the results (per arm with A/B), the next window while the daily tier or the
// quiet hours hold it, the CSV import report (and more CSV for a draft), the recipients and the CSV export.
// While the campaign sends, the page refreshes itself every few seconds.
import { createResource, createSignal, type JSX, Show } from 'solid-js';
import type { CampaignView } from '../../../../workers/contract/campaigns';
import { roleCan } from '../../../../workers/contract/permissions';
import { AdminScreen } from '../AdminScreen';
import { DateCell } from '../AdminTable';
import { useAdmin } from '../admin-context';
import { at } from '../admin-i18n';
import { ConfirmDialog, type ConfirmRequest } from '../ConfirmDialog';
import { fromApiError } from '../form-errors';
import { Loaded } from '../Loaded';
import type { Status } from '../list-screen';
import { CampaignFunnel } from './CampaignFunnel';
import { isLive, StatusBadge } from './CampaignProgress';
import { CsvUpload, type ImportOutcome } from './CsvUpload';
import {
  type CampaignAction,
  controlCampaign,
  deleteCampaign,
  downloadExport,
  getCampaign,
} from './campaigns-api';
import { cw } from './campaigns-i18n';
import { ImportReportView } from './ImportReportView';
import { whileLive } from './live';
import { RecipientsTable } from './RecipientsTable';

/** The actions a campaign in each status offers. */
function actionsOf(c: CampaignView): CampaignAction[] {
  if (c.status === 'draft') return ['start'];
  if (c.status === 'scheduled') return ['cancel'];
  if (c.status === 'running') return ['pause', 'cancel'];
  if (c.status === 'paused') return ['resume', 'cancel'];
  return [];
}

export function CampaignDetail(props: {
  id: string;
  status: Status | null;
  setStatus: (s: Status | null) => void;
  imported: ImportOutcome | null;
  onBack: () => void;
  onDeleted: (message: Status) => void;
}) {
  const admin = useAdmin();
  const canManage = roleCan(admin.role, 'campaigns.manage');
  const [campaign, { refetch, mutate }] = createResource(
    () => props.id,
    (id) => getCampaign(admin.token, id),
  );
  const [version, setVersion] = createSignal(0);
  const [busy, setBusy] = createSignal<string | null>(null);
  const [confirming, setConfirming] = createSignal<ConfirmRequest | null>(null);
  const [imported, setImported] = createSignal<ImportOutcome | null>(props.imported);
  const refresh = async () => {
    await refetch();
    setVersion(version() + 1);
  };
  whileLive(() => (campaign.latest ? isLive(campaign.latest) : false), refresh);

  async function act(c: CampaignView, action: CampaignAction) {
    props.setStatus(null);
    setBusy(action);
    try {
      // The answer is the campaign after the action: shown as it is (a refetch started earlier may be older).
      mutate(await controlCampaign(admin.token, c.id, action));
      setVersion(version() + 1);
      props.setStatus({ message: cw().detail.done[action](c.name), error: false });
    } catch (err) {
      props.setStatus({ message: fromApiError(err).form ?? at().form.failed, error: true });
      void refresh();
    } finally {
      setBusy(null);
    }
  }

  function ask(c: CampaignView, action: CampaignAction) {
    if (action !== 'cancel') return void act(c, action);
    setConfirming({
      message: cw().detail.confirmCancel(c.name),
      confirmLabel: cw().detail.cancel,
      onConfirm: () => act(c, 'cancel'),
    });
  }

  function askDelete(c: CampaignView) {
    setConfirming({
      message: cw().detail.confirmDelete(c.name),
      confirmLabel: cw().detail.delete,
      onConfirm: async () => {
        try {
          await deleteCampaign(admin.token, c.id);
          props.onDeleted({ message: cw().detail.deleted(c.name), error: false });
        } catch (err) {
          props.setStatus({ message: fromApiError(err).form ?? at().form.failed, error: true });
        }
      },
    });
  }

  async function exportCsv(c: CampaignView) {
    setBusy('export');
    try {
      await downloadExport(admin.token, c.id, `campanha-${c.name.replace(/[^\p{L}\p{N}]+/gu, '-')}.csv`);
    } catch (err) {
      props.setStatus({ message: fromApiError(err).form ?? at().form.failed, error: true });
    } finally {
      setBusy(null);
    }
  }

  return (
    <AdminScreen titleId="campaigns-title" title={campaign.latest?.name ?? cw().title} status={props.status}>
      <p>
        <a
          href="/admin/campaigns"
          onClick={(e) => {
            e.preventDefault();
            props.onBack();
          }}
        >
          ← {cw().back}
        </a>
      </p>
      <Loaded resource={campaign} retry={refetch}>
        {(c) => (
          <>
            <div class="cmp-toolbar">
              <StatusBadge campaign={c()} />
              <Show when={canManage}>
                {actionsOf(c()).map((a) => (
                  <button
                    type="button"
                    class={
                      a === 'cancel' ? 'admin-danger' : a === 'start' || a === 'resume' ? 'admin-primary' : ''
                    }
                    disabled={busy() !== null}
                    onClick={() => ask(c(), a)}
                  >
                    {cw().detail[a]}
                  </button>
                ))}
                <Show when={c().status === 'draft'}>
                  <button
                    type="button"
                    class="admin-danger"
                    disabled={busy() !== null}
                    onClick={() => askDelete(c())}
                  >
                    {cw().detail.delete}
                  </button>
                </Show>
              </Show>
              <button type="button" disabled={busy() !== null} onClick={() => exportCsv(c())}>
                {busy() === 'export' ? cw().detail.exporting : cw().detail.exportCsv}
              </button>
            </div>
            <Show when={c().nextWindowAt && isLive(c())}>
              <p class="cmp-next" role="status">
                {cw().detail.nextWindow('')}
                <DateCell iso={c().nextWindowAt ?? ''} />
              </p>
            </Show>
            <dl class="cmp-facts">
              <Fact term={cw().columns.kind}>{cw().kinds[c().kind]}</Fact>
              <Fact term={cw().detail.template}>
                {c()
                  .templates.map((t, i) => (c().templates.length > 1 ? `${'AB'[i]}: ${t.name}` : t.name))
                  .join(' · ')}
              </Fact>
              <Fact term={cw().detail.schedule}>
                {c().scheduledAt ? <DateCell iso={c().scheduledAt ?? ''} /> : cw().detail.startNow}
                <Show when={c().quietHours}>{(q) => <> · {cw().detail.quiet(q().start, q().end)}</>}</Show>
              </Fact>
              <Show when={c().startedAt}>
                <Fact term={cw().detail.started}>
                  <DateCell iso={c().startedAt ?? ''} />
                </Fact>
              </Show>
              <Show when={c().completedAt}>
                <Fact term={cw().detail.completed}>
                  <DateCell iso={c().completedAt ?? ''} />
                </Fact>
              </Show>
            </dl>
            <CampaignFunnel campaign={c()} />
            <ImportReportView
              report={imported()?.report ?? c().importReport}
              error={imported()?.error ?? null}
            />
            <Show when={canManage && c().status === 'draft'}>
              <CsvUpload
                campaignId={c().id}
                onImported={(outcome) => {
                  setImported(outcome);
                  void refresh();
                }}
              />
            </Show>
            <RecipientsTable campaignId={c().id} version={version()} />
          </>
        )}
      </Loaded>
      <ConfirmDialog request={confirming()} onClose={() => setConfirming(null)} />
    </AdminScreen>
  );
}

function Fact(props: { term: string; children: JSX.Element }) {
  return (
    <div>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}
