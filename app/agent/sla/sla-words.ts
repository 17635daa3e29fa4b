// The SLA words and formats of the current locale and the tenant's zone (reactive: read inside JSX).
import { locale, timeZone } from '../i18n';
import type { SlaFormat } from './sla-badge';
import { SLA_WORDS, type SlaWords } from './sla-i18n';

export function sw(): SlaWords {
  return SLA_WORDS[locale()];
}

export function slaFormat(): SlaFormat {
  return { words: sw(), locale: locale(), timeZone: timeZone() };
}
