// Tenant settings: name, time zone (every date in Fio is shown in it), default language and who must use
// two-step verification. Owners and admins change them; supervisors see them.
import { createMemo, createSignal, Show } from 'solid-js';
import { type TenantSettings, UpdateTenantSettingsRequest } from '../../../workers/contract';
import { roleCan } from '../../../workers/contract/permissions';
import { AdminForm } from './AdminForm';
import { updateSettings } from './admin-api';
import { formatDate, useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { SelectField, StatusLine, TextField } from './fields';
import { valid } from './form-errors';
import { createSave } from './form-save';

type Locale = TenantSettings['locale'];
type Policy = TenantSettings['twoFactorPolicy'];

const LOCALES: readonly Locale[] = ['pt-BR', 'en'];
const POLICIES: readonly Policy[] = ['none', 'admins', 'everyone'];

/** Every zone the browser knows, with the current one kept even if this browser does not list it. */
function zones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return all.includes(current) ? all : [current, ...all];
}

export function SettingsScreen() {
  const admin = useAdmin();
  const canEdit = roleCan(admin.role, 'settings.manage');
  const [name, setName] = createSignal(admin.tenant().name);
  const [timezone, setTimezone] = createSignal(admin.tenant().timezone);
  const [defaultLocale, setDefaultLocale] = createSignal<Locale>(admin.tenant().locale);
  const [policy, setPolicy] = createSignal<Policy>(admin.tenant().twoFactorPolicy);
  const [done, setDone] = createSignal<string | null>(null);
  const zoneOptions = createMemo(() => zones(admin.tenant().timezone).map((z) => ({ value: z, label: z })));
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
              <dd>{admin.tenant().timezone}</dd>
              <dt>{at().settings.locale}</dt>
              <dd>{at().settings.locales[admin.tenant().locale]}</dd>
              <dt>{at().settings.twoFactor}</dt>
              <dd>{at().settings.twoFactorPolicies[admin.tenant().twoFactorPolicy]}</dd>
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
          <SelectField
            label={at().settings.timezone}
            name="timezone"
            value={timezone()}
            options={zoneOptions()}
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
        </AdminForm>
      </Show>
    </section>
  );
}
