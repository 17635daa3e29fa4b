// Registers an outage or planned maintenance: kind, title, the area (places as chips, contracts pasted), start
// and expected end on the tenant's wall clock, the bot's message with a preview of what the customer reads, and
// an optional proactive notice. Checked with the contract's schema before sending, errors shown inline.
import { createResource, createSignal, Show } from 'solid-js';
import type { ChannelView } from '../../../../workers/contract';
import { CreateOutageRequest, type OutageKind } from '../../../../workers/contract/outages';
import { AdminForm } from '../AdminForm';
import { listChannels } from '../admin-api';
import { formatDate, useAdmin } from '../admin-context';
import { CheckboxField, Notes, SelectField, TextArea, TextField } from '../fields';
import { createSave } from '../form-save';
import { checkedWith, sentWith } from '../service/path-errors';
import { ChipsInput } from './ChipsInput';
import { type NotifyChoice, NotifyPicker } from './NotifyPicker';
import { parseContracts } from './outage-area';
import { createOutage } from './outages-api';
import { ot } from './outages-i18n';
import { isoToWall, wallToIso } from './zoned-time';

/** The first error whose path is the field or under it (`area.cities.0` is the area's). */
export function fieldError(fields: Record<string, string>, field: string): string | undefined {
  const hit = Object.keys(fields).find((k) => k === field || k.startsWith(`${field}.`));
  return hit ? fields[hit] : undefined;
}

const officialNumbers = async (token: string): Promise<ChannelView[]> =>
  (await listChannels(token)).channels.filter((c) => c.kind === 'whatsapp_cloud');

export function OutageForm(props: { onCancel: () => void; onSaved: (message: string) => void }) {
  const admin = useAdmin();
  const zone = () => admin.tenant().timezone;
  const [kind, setKind] = createSignal<OutageKind>('outage');
  const [title, setTitle] = createSignal('');
  const [cities, setCities] = createSignal<string[]>([]);
  const [neighbourhoods, setNeighbourhoods] = createSignal<string[]>([]);
  const [pops, setPops] = createSignal<string[]>([]);
  const [contracts, setContracts] = createSignal('');
  const [startsAt, setStartsAt] = createSignal(isoToWall(Date.now(), zone()));
  const [endsAt, setEndsAt] = createSignal('');
  const [message, setMessage] = createSignal('');
  const [notifyOn, setNotifyOn] = createSignal(false);
  const [notify, setNotify] = createSignal<NotifyChoice>({ channelId: '', template: '' });
  const [channels] = createResource(() => admin.token, officialNumbers);

  const words = (path: string) => ot().fieldErrors[path.split('.')[0] ?? ''];
  const save = createSave({
    onSaved: props.onSaved,
    run: async () => {
      const n = notify();
      const channelId = n.channelId || channels()?.[0]?.id || '';
      const [templateName, language] = n.template.split('|');
      const value = checkedWith(
        CreateOutageRequest,
        {
          kind: kind(),
          title: title(),
          area: {
            cities: cities(),
            neighbourhoods: neighbourhoods(),
            pops: pops(),
            contracts: parseContracts(contracts()),
          },
          startsAt: wallToIso(startsAt(), zone()) ?? '',
          expectedEndAt: endsAt() ? (wallToIso(endsAt(), zone()) ?? '') : null,
          message: message(),
          notify: notifyOn()
            ? { channelId, templateName: templateName ?? '', language: language ?? '' }
            : null,
        },
        words,
        ot().invalid,
      );
      const saved = await sentWith(createOutage(admin.token, value), words, ot().invalid);
      return ot().created(saved.outage.title);
    },
  });
  const error = (field: string) => fieldError(save.errors().fields, field);
  const contractCount = () => parseContracts(contracts()).length;
  const previewEnd = () => {
    const iso = endsAt() ? wallToIso(endsAt(), zone()) : null;
    return iso ? ot().previewEnd(formatDate(iso, zone())) : '';
  };

  return (
    <AdminForm save={save} labelledBy="outage-form-title" title={ot().new} onCancel={props.onCancel}>
      <SelectField
        label={ot().kind}
        name="kind"
        value={kind()}
        options={[
          { value: 'outage', label: ot().kinds.outage },
          { value: 'maintenance', label: ot().kinds.maintenance },
        ]}
        onChange={setKind}
      />
      <TextField
        label={ot().name}
        name="title"
        hint={ot().nameHint}
        value={title()}
        onInput={setTitle}
        error={error('title')}
      />
      <fieldset
        class="admin-field otg-area"
        aria-describedby={error('area') ? 'otg-area-hint otg-area-error' : 'otg-area-hint'}
      >
        <legend>{ot().area.legend}</legend>
        <p id="otg-area-hint" class="admin-hint">
          {ot().area.hint}
        </p>
        <div class="otg-area-grid">
          <ChipsInput
            label={ot().area.cities}
            name="cities"
            values={cities()}
            onChange={setCities}
            invalid={!!error('area')}
          />
          <ChipsInput
            label={ot().area.neighbourhoods}
            name="neighbourhoods"
            values={neighbourhoods()}
            onChange={setNeighbourhoods}
            invalid={!!error('area')}
          />
          <ChipsInput
            label={ot().area.pops}
            name="pops"
            values={pops()}
            onChange={setPops}
            invalid={!!error('area')}
          />
          <TextArea
            label={ot().area.contracts}
            name="contracts"
            rows={3}
            hint={`${ot().area.contractsHint} ${contractCount() ? ot().area.contractsCount(contractCount()) : ''}`}
            value={contracts()}
            onInput={setContracts}
          />
        </div>
        <Notes id="otg-area" error={error('area')} />
      </fieldset>
      <p class="admin-hint">{ot().zone(zone())}</p>
      <div class="otg-times">
        <TimeField
          label={ot().startsAt}
          name="startsAt"
          value={startsAt()}
          onInput={setStartsAt}
          error={error('startsAt')}
        />
        <TimeField
          label={ot().expectedEndAt}
          name="expectedEndAt"
          hint={ot().expectedEndHint}
          value={endsAt()}
          onInput={setEndsAt}
          error={error('expectedEndAt')}
        />
      </div>
      <TextArea
        label={ot().message}
        name="message"
        rows={3}
        hint={ot().messageHint}
        value={message()}
        onInput={setMessage}
        error={error('message')}
      />
      <Show when={message().trim()}>
        <figure class="otg-preview">
          <figcaption>{ot().preview}</figcaption>
          <p class="otg-bubble">
            {message().trim()}
            <Show when={previewEnd()}>
              <br />
              {previewEnd()}
            </Show>
          </p>
        </figure>
      </Show>
      <CheckboxField
        label={ot().notify}
        name="notify"
        hint={ot().notifyHint}
        checked={notifyOn()}
        onChange={setNotifyOn}
      />
      <Show when={notifyOn() && channels()}>
        {(list) => (
          <NotifyPicker
            channels={list()}
            value={{ ...notify(), channelId: notify().channelId || list()[0]?.id || '' }}
            onChange={setNotify}
            error={error('notify')}
          />
        )}
      </Show>
    </AdminForm>
  );
}

/** A date and time on the tenant's wall clock (datetime-local), with its hint and error. */
function TimeField(props: {
  label: string;
  name: string;
  value: string;
  onInput: (v: string) => void;
  hint?: string;
  error?: string | undefined;
}) {
  const id = `otg-${props.name}`;
  return (
    <div class="admin-field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type="datetime-local"
        value={props.value}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={
          [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') ||
          undefined
        }
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <Notes id={id} hint={props.hint} error={props.error} />
    </div>
  );
}
