// The time zones a tenant picks from: Brazil's first, by the names people in Brazil use ("Brasília (São
// Paulo, Rio, BH…)", "Manaus", "Fernando de Noronha"…), then every other zone the browser knows by city and
// region; each with its current UTC offset. Search ignores case and accents and matches city, region, the
// IANA id and the offset ("manaus", "brasilia", "utc-4", "-3"). Pure (Intl only), for tests.

export interface ZoneOption {
  id: string;
  /** "Manaus (AM)" / "Lisbon (Europe)". */
  name: string;
  /** "UTC−4", "UTC+5:30", "UTC" — now, daylight saving included. */
  offset: string;
  brazil: boolean;
}

/** Brazil's zones (IANA tzdb), the most populous first, with the states each covers. */
const BRAZIL: readonly [string, string][] = [
  ['America/Sao_Paulo', 'Brasília (São Paulo, Rio, BH, Sul, GO, DF…)'],
  ['America/Bahia', 'Salvador (BA)'],
  ['America/Fortaleza', 'Fortaleza (CE, RN, PB, PI, MA)'],
  ['America/Recife', 'Recife (PE)'],
  ['America/Maceio', 'Maceió (AL, SE)'],
  ['America/Belem', 'Belém (PA leste, AP)'],
  ['America/Santarem', 'Santarém (PA oeste)'],
  ['America/Araguaina', 'Araguaína (TO)'],
  ['America/Manaus', 'Manaus (AM)'],
  ['America/Cuiaba', 'Cuiabá (MT)'],
  ['America/Campo_Grande', 'Campo Grande (MS)'],
  ['America/Porto_Velho', 'Porto Velho (RO)'],
  ['America/Boa_Vista', 'Boa Vista (RR)'],
  ['America/Rio_Branco', 'Rio Branco (AC)'],
  ['America/Eirunepe', 'Eirunepé (AM oeste)'],
  ['America/Noronha', 'Fernando de Noronha'],
];
const BRAZIL_IDS = new Set(BRAZIL.map(([id]) => id));

/** "UTC−3" (a true minus sign), "UTC+5:30", "UTC" for a zone at `at`. */
export function utcOffset(zone: string, at: Date = new Date()): string {
  try {
    const part = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
    const m = /^GMT([+-])(\d{1,2})(?::(\d{2}))?$/.exec(part ?? '');
    // "GMT" in browsers, "GMT+0" in some runtimes: both are plain UTC.
    if (!m || (Number(m[2]) === 0 && !m[3])) return 'UTC';
    return `UTC${m[1] === '-' ? '−' : '+'}${Number(m[2])}${m[3] ? `:${m[3]}` : ''}`;
  } catch {
    return 'UTC';
  }
}

/** "America/Argentina/Buenos_Aires" → "Buenos Aires (America, Argentina)". */
function cityName(id: string): string {
  const parts = id.split('/').map((p) => p.replace(/_/g, ' '));
  const city = parts.pop() ?? id;
  return parts.length ? `${city} (${parts.join(', ')})` : city;
}

/** Every zone: Brazil's (in the order above) then the rest alphabetically by city; `current` always kept. */
export function zoneOptions(all: readonly string[], current: string, at: Date = new Date()): ZoneOption[] {
  const brazil = BRAZIL.map(([id, name]) => ({ id, name, offset: utcOffset(id, at), brazil: true }));
  const rest = [...new Set([...all, current])]
    .filter((id) => !BRAZIL_IDS.has(id))
    .map((id) => ({ id, name: cityName(id), offset: utcOffset(id, at), brazil: false }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return [...brazil, ...rest];
}

/** Lower case, no accents, the minus sign as a hyphen: how both the query and the options are compared. */
export function foldText(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[−–]/g, '-').toLowerCase();
}

/** The options whose name, id or offset contain every word of `query` (order kept: Brazil stays first). */
export function searchZones(options: readonly ZoneOption[], query: string): ZoneOption[] {
  const words = foldText(query).replace(/_/g, ' ').split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...options];
  return options.filter((o) => {
    const hay = foldText(
      `${o.name} ${o.id.replace(/_/g, ' ')} ${o.offset} ${o.offset.replace('UTC', 'GMT')}`,
    );
    return words.every((w) => hay.includes(w));
  });
}
