// The language switch (pt-BR first); the choice is remembered on this computer.
import { For } from 'solid-js';
import { LOCALES, type Locale, locale, setLocale, t } from './i18n';

const NAMES: Record<Locale, string> = { 'pt-BR': 'Português (Brasil)', en: 'English' };

export function LanguageSelect() {
  return (
    <label class="inline">
      {t().language}
      <select value={locale()} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
        <For each={Object.keys(LOCALES) as Locale[]}>
          {(l) => (
            <option value={l} lang={l}>
              {NAMES[l]}
            </option>
          )}
        </For>
      </select>
    </label>
  );
}
