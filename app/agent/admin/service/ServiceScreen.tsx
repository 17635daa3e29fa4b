// "Atendimento" (admins): the tenant-wide service settings — default capacity for automatic assignment, the
// CSAT survey (on/off, delay, expiry, the template used outside WhatsApp's window, after the bot), automatic
// close (on/off, wait, message), the after-hours notice ({when}: the next opening) and the grace after a
// close in which a thanks stays on the closed ticket. Saved whole; the opening hours are their own screen.
import { createResource, createSignal, type JSX } from 'solid-js';
import { type ServiceSettings, ServiceSettings as Settings } from '../../../../workers/contract';
import { AdminForm } from '../AdminForm';
import { useAdmin } from '../admin-context';
import { CheckboxField, StatusLine, TextArea, TextField } from '../fields';
import { createSave } from '../form-save';
import { Loaded } from '../Loaded';
import { DurationField, durationOf, minutesOf } from './duration';
import { checkedWith, sentWith } from './path-errors';
import { getService, saveService } from './service-api';
import { st } from './service-i18n';
import './service.css';

export function ServiceScreen() {
  const admin = useAdmin();
  const [service, { refetch, mutate }] = createResource(() => admin.token, getService);
  const [status, setStatus] = createSignal<string | null>(null);
  return (
    <section class="admin-screen svc-screen" aria-labelledby="service-title">
      <div class="admin-head">
        <h3 id="service-title">{st().service.title}</h3>
      </div>
      <p class="admin-hint">{st().service.intro}</p>
      <StatusLine message={status()} />
      <Loaded resource={service} retry={refetch}>
        {(data) => (
          <ServiceForm
            stored={data().settings}
            onStatus={setStatus}
            onStored={(settings) => mutate({ ...data(), settings })}
          />
        )}
      </Loaded>
    </section>
  );
}

/** A number as typed: empty or not a number stays NaN, for the contract to refuse. */
const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s.trim().replace(',', '.')));
/** Optional text: empty is null (the built-in words). */
const textOrNull = (s: string) => (s.trim() === '' ? null : s.trim());

function Group(props: { title: string; children: JSX.Element }) {
  return (
    <fieldset class="svc-group">
      <legend>{props.title}</legend>
      {props.children}
    </fieldset>
  );
}

function ServiceForm(props: {
  stored: ServiceSettings;
  onStatus: (message: string | null) => void;
  onStored: (s: ServiceSettings) => void;
}) {
  const admin = useAdmin();
  const s = props.stored;
  const [capacity, setCapacity] = createSignal(String(s.defaultCapacity));
  const [csatOn, setCsatOn] = createSignal(s.csat.enabled);
  const [delay, setDelay] = createSignal(String(s.csat.delaySeconds));
  const [expiry, setExpiry] = createSignal(String(s.csat.expiryHours));
  const [template, setTemplate] = createSignal(s.csat.templateName ?? '');
  const [language, setLanguage] = createSignal(s.csat.templateLanguage);
  const [afterBot, setAfterBot] = createSignal(s.csat.afterBot);
  const [closeOn, setCloseOn] = createSignal(s.autoClose.enabled);
  const [closeAfter, setCloseAfter] = createSignal(durationOf(s.autoClose.minutes));
  const [closeMessage, setCloseMessage] = createSignal(s.autoClose.message ?? '');
  const [noticeOn, setNoticeOn] = createSignal(s.afterHours.enabled);
  const [notice, setNotice] = createSignal(s.afterHours.message ?? '');
  const [grace, setGrace] = createSignal(String(s.thanksGraceMinutes));

  const words = (path: string) => st().service.fieldErrors[path];
  const save = createSave({
    focusOnOpen: false,
    onSaved: (message) => props.onStatus(message),
    run: async () => {
      props.onStatus(null);
      const settings = checkedWith(
        Settings,
        {
          defaultCapacity: num(capacity()),
          csat: {
            enabled: csatOn(),
            delaySeconds: num(delay()),
            expiryHours: num(expiry()),
            templateName: textOrNull(template()),
            templateLanguage: language().trim(),
            afterBot: afterBot(),
          },
          // An empty wait keeps the check honest: NaN, refused, never "0 minutes".
          autoClose: {
            enabled: closeOn(),
            minutes: minutesOf(closeAfter()) ?? Number.NaN,
            message: textOrNull(closeMessage()),
          },
          afterHours: { enabled: noticeOn(), message: textOrNull(notice()) },
          thanksGraceMinutes: num(grace()),
        },
        words,
        st().invalid,
      );
      const saved = await sentWith(saveService(admin.token, { settings }), words, st().invalid, 'settings.');
      props.onStored(saved.settings);
      return st().service.saved;
    },
  });
  const error = (path: string) => save.errors().fields[path];
  const t = () => st().service;

  return (
    <AdminForm save={save} labelledBy="service-title">
      <Group title={t().capacity}>
        <TextField
          label={t().defaultCapacity}
          name="defaultCapacity"
          value={capacity()}
          onInput={setCapacity}
          hint={t().defaultCapacityHint}
          error={error('defaultCapacity')}
        />
      </Group>
      <Group title={t().csat}>
        <CheckboxField label={t().csatEnabled} name="csatEnabled" checked={csatOn()} onChange={setCsatOn} />
        <TextField
          label={t().csatDelay}
          name="csatDelaySeconds"
          value={delay()}
          onInput={setDelay}
          hint={t().csatDelayHint}
          error={error('csat.delaySeconds')}
        />
        <TextField
          label={t().csatExpiry}
          name="csatExpiryHours"
          value={expiry()}
          onInput={setExpiry}
          hint={t().csatExpiryHint}
          error={error('csat.expiryHours')}
        />
        <TextField
          label={t().csatTemplate}
          name="csatTemplateName"
          value={template()}
          onInput={setTemplate}
          hint={t().csatTemplateHint}
          error={error('csat.templateName')}
        />
        <TextField
          label={t().csatLanguage}
          name="csatTemplateLanguage"
          value={language()}
          onInput={setLanguage}
          hint={t().csatLanguageHint}
          error={error('csat.templateLanguage')}
        />
        <CheckboxField
          label={t().csatAfterBot}
          name="csatAfterBot"
          checked={afterBot()}
          onChange={setAfterBot}
        />
      </Group>
      <Group title={t().autoClose}>
        <CheckboxField
          label={t().autoCloseEnabled}
          name="autoCloseEnabled"
          checked={closeOn()}
          onChange={setCloseOn}
        />
        <DurationField
          label={t().autoCloseAfter}
          name="autoCloseAfter"
          value={closeAfter()}
          onChange={setCloseAfter}
          hint={t().autoCloseAfterHint}
          error={error('autoClose.minutes')}
        />
        <TextArea
          label={t().autoCloseMessage}
          name="autoCloseMessage"
          rows={3}
          value={closeMessage()}
          onInput={setCloseMessage}
          hint={t().autoCloseMessageHint}
          error={error('autoClose.message')}
        />
      </Group>
      <Group title={t().afterHours}>
        <CheckboxField
          label={t().afterHoursEnabled}
          name="afterHoursEnabled"
          checked={noticeOn()}
          onChange={setNoticeOn}
        />
        <TextArea
          label={t().afterHoursMessage}
          name="afterHoursMessage"
          rows={3}
          value={notice()}
          onInput={setNotice}
          hint={t().afterHoursMessageHint}
          error={error('afterHours.message')}
        />
      </Group>
      <Group title={t().thanks}>
        <TextField
          label={t().thanksGrace}
          name="thanksGraceMinutes"
          value={grace()}
          onInput={setGrace}
          hint={t().thanksGraceHint}
          error={error('thanksGraceMinutes')}
        />
      </Group>
    </AdminForm>
  );
}
