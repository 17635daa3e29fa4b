// How an outage's area reads in a list ("Centro, Jardim América · 2 POPs · 120 contratos") and how the form's
// pasted contract list becomes ids (one per line or comma separated, duplicates once).
import type { OutageArea } from '../../../../workers/contract/outages';
import { ot } from './outages-i18n';

/** Places first (cities, then neighbourhoods, at most three named), then the POP and contract counts. */
export function areaSummary(area: OutageArea): string {
  const places = [...area.cities, ...area.neighbourhoods];
  const named = places.slice(0, 3).join(', ');
  const more = places.length > 3 ? ` ${ot().area.more(places.length - 3)}` : '';
  const parts = [named ? named + more : ''];
  if (area.pops.length) parts.push(ot().area.popCount(area.pops.length));
  if (area.contracts.length) parts.push(ot().area.contractsCount(area.contracts.length));
  return parts.filter(Boolean).join(' · ');
}

/** The contract ids in a pasted text: split on new lines, commas and semicolons, trimmed, each once. */
export function parseContracts(text: string): string[] {
  const ids = text
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return [...new Set(ids)];
}
