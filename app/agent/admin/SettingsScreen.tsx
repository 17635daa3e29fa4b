// Tenant settings: name, time zone (every date in Fio is shown in it), default language, who must use
// two-step verification and the LGPD retention period for message content. Owners and admins change them;
// supervisors see them.
import { createSignal, Show } from 'solid-js';
import { type TenantSettings, UpdateTenantSettingsRequest } from '../../../workers/contract';
import { roleCan } from '../../../workers/contract/permissions';
import { zoneOptions } from '../../lib/time-zones';
import { AdminForm } from './AdminForm';
import { updateSettings } from './admin-api';
import { formatDate, useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { SelectField, StatusLine, TextField } from './fields';
import { valid } from './form-errors';
import { createSave } from './form-save';
import { TimeZonePicker } from './TimeZonePicker';

type Locale = TenantSettings['locale'];
type Policy = TenantSettings['twoFactorPolicy'];

const LOCALES: readonly Locale[] = ['pt-BR', 'en'];
const POLICIES: readonly Policy[] = ['none', 'admins', 'everyone'];

/** "Manaus (AM) — UTC−4 (America/Manaus)" for the read-only view. */
function zoneLabel(zone: string): string {
  const o = zoneOptions([], zone).find((z) => z.id === zone);
  return o ? `${o.name} — ${o.offset} (${zone})` : zone;
}

export function SettingsScreen() {
  const admin = useAdmin();
  const canEdit = roleCan(admin.role, 'settings.manage');
  const [name, setName] = createSignal(admin.tenant().name);
  const [timezone, setTimezone] = createSignal(admin.tenant().timezone);
  const [defaultLocale, setDefaultLocale] = createSignal<Locale>(admin.tenant().locale);
  const [policy, setPolicy] = createSignal<Policy>(admin.tenant().twoFactorPolicy);
  const [retention, setRetention] = createSignal(String(admin.tenant().messageRetentionDays ?? ''));
  const [done, setDone] = createSignal<string | null>(null);
  const now = new Date().toISOString();

  const save = createSave({
    onSaved: setDone,
    focusOnOpen: false,
    run: async () => {
      setDone(null);
      const body = valid(UpdateTenantSettingsRequest, {
        name: name(),
        timezone: timezone(),
        locale: defaultLocale(),
        twoFactorPolicy: policy(),
        // Empty keeps content forever; anything else must be a whole number of days (the contract says which).
        messageRetentionDays: retention().trim() === '' ? null : Number(retention().trim()),
      });
      const saved = await updateSettings(admin.token, body);
      // The answer is the stored settings; fall back to what was sent if a gateway answered with nothing.
      admin.setTenant(
        saved && typeof saved === 'object' ? { ...admin.tenant(), ...saved } : { ...admin.tenant(), ...body },
      );
      return at().settings.saved;
    },
  });

  return (
    <section class="admin-screen" aria-labelledby="settings-title">
      <div class="admin-head">
        <h3 id="settings-title">{at().settings.title}</h3>
      </div>
      <StatusLine message={done()} />
      <Show
        when={canEdit}
        fallback={
          <>
            <p>{at().settings.readOnly}</p>
            <dl class="admin-facts">
              <dt>{at().settings.name}</dt>
              <dd>{admin.tenant().name}</dd>
              <dt>{at().settings.slug}</dt>
              <dd>{admin.tenant().slug}</dd>
              <dt>{at().settings.timezone}</dt>
              <dd>{zoneLabel(admin.tenant().timezone)}</dd>
              <dt>{at().settings.locale}</dt>
              <dd>{at().settings.locales[admin.tenant().locale]}</dd>
              <dt>{at().settings.twoFactor}</dt>
              <dd>{at().settings.twoFactorPolicies[admin.tenant().twoFactorPolicy]}</dd>
              <dt>{at().settings.retention}</dt>
              <dd>{admin.tenant().messageRetentionDays ?? at().settings.retentionKeep}</dd>
            </dl>
          </>
        }
      >
        <AdminForm save={save} labelledBy="settings-title">
          <TextField
            label={at().settings.name}
            name="name"
            value={name()}
            onInput={setName}
            error={save.errors().fields.name}
          />
          <TimeZonePicker
            label={at().settings.timezone}
            value={timezone()}
            onChange={setTimezone}
            hint={`${at().settings.timezoneHint} ${at().settings.now(formatDate(now, timezone()))}`}
            error={save.errors().fields.timezone}
          />
          <SelectField
            label={at().settings.locale}
            name="locale"
            value={defaultLocale()}
            options={LOCALES.map((l) => ({ value: l, label: at().settings.locales[l] }))}
            onChange={setDefaultLocale}
            error={save.errors().fields.locale}
          />
          <SelectField
            label={at().settings.twoFactor}
            name="twoFactorPolicy"
            value={policy()}
            options={POLICIES.map((p) => ({ value: p, label: at().settings.twoFactorPolicies[p] }))}
            onChange={setPolicy}
            hint={at().settings.twoFactorHint}
            error={save.errors().fields.twoFactorPolicy}
          />
          <TextField
            label={at().settings.retention}
            name="messageRetentionDays"
            value={retention()}
            onInput={setRetention}
            hint={at().settings.retentionHint}
            error={save.errors().fields.messageRetentionDays}
          />
        </AdminForm>
      </Show>
    </section>
  );
}
