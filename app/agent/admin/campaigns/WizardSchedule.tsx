// When the campaign sends: when started, or at a date and time read in the tenant's zone; and the quiet
// hours (nothing leaves between them, e.g. 21:00–08:00, wrapping midnight).
import { Show } from 'solid-js';
import type { SetStoreFunction } from 'solid-js/store';
import { useAdmin } from '../admin-context';
import { CheckboxField } from '../fields';
import type { CampaignDraft } from './campaign-draft';
import { cw } from './campaigns-i18n';
import { InputField, RadioGroup } from './wizard-fields';

export function WizardSchedule(props: {
  draft: CampaignDraft;
  setDraft: SetStoreFunction<CampaignDraft>;
  errors: Record<string, string>;
}) {
  const admin = useAdmin();
  return (
    <>
      <RadioGroup
        legend={cw().wizard.when}
        name="when"
        value={props.draft.when}
        options={[
          { value: 'now', label: cw().wizard.now },
          { value: 'later', label: cw().wizard.later },
        ]}
        onChange={(v) => props.setDraft('when', v)}
      />
      <Show when={props.draft.when === 'later'}>
        <InputField
          label={cw().wizard.at(admin.tenant().timezone)}
          name="scheduledAt"
          type="datetime-local"
          value={props.draft.at}
          onInput={(v) => props.setDraft('at', v)}
          error={props.errors.scheduledAt}
        />
      </Show>
      <CheckboxField
        label={cw().wizard.quiet}
        name="quiet"
        checked={props.draft.quiet}
        onChange={(on) => props.setDraft('quiet', on)}
      />
      <Show when={props.draft.quiet}>
        <div class="cmp-grid cmp-quiet">
          <InputField
            label={cw().wizard.quietFrom}
            name="quietStart"
            type="time"
            value={props.draft.quietStart}
            onInput={(v) => props.setDraft('quietStart', v)}
            error={props.errors.quietHours}
          />
          <InputField
            label={cw().wizard.quietTo}
            name="quietEnd"
            type="time"
            value={props.draft.quietEnd}
            onInput={(v) => props.setDraft('quietEnd', v)}
          />
        </div>
      </Show>
    </>
  );
}
