// The audience filters (tags, city, neighbourhood, POP, the number they wrote to, last contact) with a live
// count from the server ("1.234 contatos"), asked again a moment after the supervisor stops typing.
import { createEffect, createSignal, on, onCleanup, Show } from 'solid-js';
import type { SetStoreFunction } from 'solid-js/store';
import type { AudienceFilter, CampaignKind } from '../../../../workers/contract/campaigns';
import { useAdmin } from '../admin-context';
import { CheckboxField, TextField } from '../fields';
import { type CampaignDraft, filterOf } from './campaign-draft';
import { previewAudience } from './campaigns-api';
import { cw, formatCount } from './campaigns-i18n';
import { InputField } from './wizard-fields';

type Count = { state: 'idle' | 'counting' | 'failed' } | { state: 'done'; count: number; suppressed: number };

export function WizardAudience(props: {
  draft: CampaignDraft;
  setDraft: SetStoreFunction<CampaignDraft>;
  errors: Record<string, string>;
  onReach: (count: number | null) => void;
}) {
  const admin = useAdmin();
  const [count, setCount] = createSignal<Count>({ state: 'idle' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  onCleanup(() => clearTimeout(timer));

  const filterKey = () => {
    const d = props.draft;
    return JSON.stringify([filterOf(d, admin.tenant().timezone), d.kind]);
  };
  createEffect(
    on(filterKey, (key) => {
      clearTimeout(timer);
      if (!props.draft.useFilter) {
        setCount({ state: 'idle' });
        props.onReach(0);
        return;
      }
      setCount({ state: 'counting' });
      const mine = ++asked;
      timer = setTimeout(async () => {
        try {
          const [filter, kind] = JSON.parse(key) as [AudienceFilter | null, CampaignKind];
          const r = await previewAudience(admin.token, filter, kind);
          if (mine !== asked) return;
          setCount({ state: 'done', count: r.count, suppressed: r.suppressed });
          props.onReach(r.count - r.suppressed);
        } catch {
          if (mine !== asked) return;
          setCount({ state: 'failed' });
          props.onReach(null);
        }
      }, 400);
    }),
  );
  const set = (key: 'tags' | 'city' | 'neighbourhood' | 'pop' | 'lastAfter' | 'lastBefore') => (v: string) =>
    props.setDraft(key, v);

  return (
    <>
      <CheckboxField
        label={cw().wizard.useFilter}
        name="useFilter"
        checked={props.draft.useFilter}
        onChange={(on) => props.setDraft('useFilter', on)}
      />
      <Show when={props.draft.useFilter} fallback={<p class="admin-hint">{cw().wizard.noFilter}</p>}>
        <div class="cmp-grid">
          <TextField
            label={cw().wizard.tags}
            name="tags"
            value={props.draft.tags}
            onInput={set('tags')}
            hint={cw().wizard.tagsHint}
            error={props.errors.tags}
          />
          <TextField label={cw().wizard.city} name="city" value={props.draft.city} onInput={set('city')} />
          <TextField
            label={cw().wizard.neighbourhood}
            name="neighbourhood"
            value={props.draft.neighbourhood}
            onInput={set('neighbourhood')}
          />
          <TextField label={cw().wizard.pop} name="pop" value={props.draft.pop} onInput={set('pop')} />
          <InputField
            label={cw().wizard.lastAfter}
            name="lastAfter"
            type="date"
            value={props.draft.lastAfter}
            onInput={set('lastAfter')}
            error={props.errors.lastContact}
          />
          <InputField
            label={cw().wizard.lastBefore}
            name="lastBefore"
            type="date"
            value={props.draft.lastBefore}
            onInput={set('lastBefore')}
          />
        </div>
        <CheckboxField
          label={cw().wizard.lastChannel}
          name="sameChannel"
          checked={props.draft.sameChannel}
          onChange={(on) => props.setDraft('sameChannel', on)}
        />
        <p class="cmp-reach" role="status" aria-live="polite">
          {(() => {
            const c = count();
            if (c.state === 'counting') return cw().wizard.counting;
            if (c.state === 'failed') return cw().wizard.countFailed;
            if (c.state === 'done') {
              const reach = cw().wizard.reach(cw().contacts(c.count));
              return c.suppressed ? `${reach} · ${cw().wizard.suppressed(formatCount(c.suppressed))}` : reach;
            }
            return '';
          })()}
        </p>
      </Show>
    </>
  );
}
