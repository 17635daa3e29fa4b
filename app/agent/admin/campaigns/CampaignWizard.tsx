// "Nova campanha": one page in four sections (message, audience, schedule, review). Saving checks everything
// the client can (the contract's schema, a past schedule, variables without a source), creates the draft,
// then imports the CSV, if any; the campaign's page then shows the import report and the start button.
import { createEffect, createResource, createSignal, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { CampaignView } from '../../../../workers/contract/campaigns';
import { ApiError } from '../../api';
import { listTemplates } from '../../conversation/composer/composer-api';
import { AdminForm } from '../AdminForm';
import { listChannels } from '../admin-api';
import { useAdmin } from '../admin-context';
import { CheckboxField, SelectField, TextField } from '../fields';
import { Invalid } from '../form-errors';
import { createSave } from '../form-save';
import { type CsvChoice, CsvDrop } from './CsvDrop';
import { type ImportOutcome, importFailure } from './CsvUpload';
import { type CampaignDraft, emptyTemplate, fieldsFrom, newDraft, requestOf } from './campaign-draft';
import { createCampaign, importCsv } from './campaigns-api';
import { cw } from './campaigns-i18n';
import { isWhatsApp, tierLimit } from './channel-tier';
import { TemplatePick } from './TemplatePick';
import { WizardAudience } from './WizardAudience';
import { WizardSchedule } from './WizardSchedule';
import { InputField } from './wizard-fields';

export function CampaignWizard(props: {
  onCreated: (campaign: CampaignView, imported: ImportOutcome | null) => void;
  onCancel: () => void;
}) {
  const admin = useAdmin();
  const zone = () => admin.tenant().timezone;
  const [channels] = createResource(async () =>
    (await listChannels(admin.token)).channels.filter(isWhatsApp),
  );
  const [draft, setDraft] = createStore<CampaignDraft>(newDraft(''));
  const [csv, setCsv] = createSignal<CsvChoice | null>(null);
  const [reach, setReach] = createSignal<number | null>(null);
  const [templates] = createResource(
    () => draft.channelId || null,
    async (id) => (await listTemplates(admin.token, id)).filter((t) => t.status === 'APPROVED'),
  );
  const channel = () => channels()?.find((c) => c.id === draft.channelId) ?? null;
  /** The chosen number's daily tier limit (null: unlimited), undefined before a number is chosen. */
  const limit = () => {
    const c = channel();
    return c ? tierLimit(c) : undefined;
  };
  // The first number is picked for the supervisor: most ISPs have one.
  createEffect(() => {
    const first = channels()?.[0];
    if (first && !draft.channelId) setDraft('channelId', first.id);
  });

  const save = createSave({
    focusOnOpen: true,
    onSaved: () => undefined,
    run: async () => {
      const body = requestOf(draft, zone(), csv()?.columns ?? null);
      const campaign = await createCampaign(admin.token, body).catch((err: unknown) => {
        const details = err instanceof ApiError && Array.isArray(err.details) ? err.details : [];
        const issues = details.filter(
          (d): d is { path: string; message: string } =>
            typeof d?.path === 'string' && typeof d?.message === 'string',
        );
        if (issues.length) throw new Invalid({ fields: fieldsFrom(issues), form: cw().errors.filter });
        throw err;
      });
      let imported: ImportOutcome | null = null;
      const file = csv()?.file;
      if (file) {
        imported = await importCsv(admin.token, campaign.id, file).then(
          (report) => ({ report, error: null }),
          importFailure,
        );
      }
      props.onCreated(campaign, imported);
      return cw().wizard.created(campaign.name);
    },
  });
  const errors = () => save.errors().fields;

  return (
    <Show when={channels()} fallback={<p aria-busy="true">…</p>}>
      {(list) => (
        <Show when={list().length > 0} fallback={<p class="admin-hint">{cw().wizard.noChannels}</p>}>
          <AdminForm
            save={save}
            labelledBy="campaign-form-title"
            title={cw().new}
            onCancel={() => props.onCancel()}
          >
            <fieldset class="cmp-section">
              <legend>1. {cw().wizard.message}</legend>
              <TextField
                label={cw().wizard.name}
                name="name"
                value={draft.name}
                onInput={(v) => setDraft('name', v)}
                error={errors().name}
              />
              <SelectField
                label={cw().wizard.kind}
                name="kind"
                value={draft.kind}
                options={(['marketing', 'utility'] as const).map((k) => ({ value: k, label: cw().kinds[k] }))}
                onChange={(k) => setDraft('kind', k)}
                hint={cw().kindHints[draft.kind]}
              />
              <SelectField
                label={cw().wizard.channel}
                name="channelId"
                value={draft.channelId}
                options={list().map((c) => ({ value: c.id, label: c.name }))}
                onChange={(id) => setDraft({ channelId: id, templates: [emptyTemplate(), emptyTemplate()] })}
                hint={limit() === undefined ? undefined : cw().tierLimit(limit() ?? null)}
                error={errors().channelId}
              />
              <Show
                when={(templates()?.length ?? 0) > 0 || templates.loading}
                fallback={<p class="admin-hint">{cw().wizard.noTemplates}</p>}
              >
                <TemplatePick
                  arm={0}
                  label={draft.ab ? `${cw().wizard.template} A` : cw().wizard.template}
                  templates={templates() ?? []}
                  value={draft.templates[0]}
                  onChange={(t) => setDraft('templates', 0, t)}
                  errors={errors()}
                  csvColumns={csv()?.columns ?? null}
                />
                <CheckboxField
                  label={cw().wizard.ab}
                  name="ab"
                  checked={draft.ab}
                  onChange={(on) => setDraft('ab', on)}
                />
                <Show when={draft.ab}>
                  <TemplatePick
                    arm={1}
                    label={cw().wizard.templateB}
                    templates={templates() ?? []}
                    value={draft.templates[1]}
                    onChange={(t) => setDraft('templates', 1, t)}
                    errors={errors()}
                    csvColumns={csv()?.columns ?? null}
                  />
                  <InputField
                    label={cw().wizard.split}
                    name="splitPercent"
                    type="range"
                    min="1"
                    max="99"
                    value={String(draft.split)}
                    onInput={(v) => setDraft('split', Number(v))}
                    hint={cw().wizard.splitText(draft.split)}
                    error={errors().splitPercent}
                    extra={{ 'aria-valuetext': cw().wizard.splitText(draft.split) }}
                  />
                </Show>
              </Show>
            </fieldset>
            <fieldset class="cmp-section">
              <legend>2. {cw().wizard.audience}</legend>
              <WizardAudience draft={draft} setDraft={setDraft} errors={errors()} onReach={setReach} />
              <CsvDrop value={csv()} onChange={setCsv} />
            </fieldset>
            <fieldset class="cmp-section">
              <legend>3. {cw().wizard.schedule}</legend>
              <WizardSchedule draft={draft} setDraft={setDraft} errors={errors()} />
            </fieldset>
            <fieldset class="cmp-section">
              <legend>4. {cw().wizard.review}</legend>
              <Estimate
                reach={draft.useFilter ? reach() : 0}
                csvRows={csv()?.rows ?? 0}
                limit={limit() ?? null}
              />
            </fieldset>
          </AdminForm>
        </Show>
      )}
    </Show>
  );
}

/** "250 hoje, o restante a partir de amanhã" when the number's daily tier holds part of the audience back. */
function Estimate(props: { reach: number | null; csvRows: number; limit: number | null }) {
  const total = () => (props.reach ?? 0) + props.csvRows;
  return (
    <div class="cmp-estimate" role="status">
      <Show
        when={props.limit !== null && total() > (props.limit ?? 0)}
        fallback={<p>{cw().wizard.estimateAll(cw().contacts(total()))}</p>}
      >
        <p>
          {cw().wizard.estimateTier(
            cw().contacts(props.limit ?? 0),
            cw().contacts(total() - (props.limit ?? 0)),
          )}
        </p>
      </Show>
      <Show when={props.csvRows > 0}>
        <p class="admin-hint">{cw().wizard.estimateCsv}</p>
      </Show>
    </div>
  );
}
