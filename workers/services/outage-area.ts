// Who an outage's area covers: a contact whose city, neighbourhood or POP (compared with `placeKey`: no
// case, accents or extra spaces) or one of whose ERP contracts is on the area's lists. One rule, two forms:
// in memory for the bot (one contact) and as SQL for the proactive notice (every contact of the tenant).
import { type SQL, sql } from 'drizzle-orm';
import { type ContactAttributes, type OutageArea, placeKey } from '../contract';

/** The area with its places already folded by `placeKey` (built once per outage, not per contact). */
export interface AreaKeys {
  cities: Set<string>;
  neighbourhoods: Set<string>;
  pops: Set<string>;
  contracts: Set<string>;
}

export function areaKeys(area: OutageArea): AreaKeys {
  return {
    cities: new Set(area.cities.map(placeKey)),
    neighbourhoods: new Set(area.neighbourhoods.map(placeKey)),
    pops: new Set(area.pops.map(placeKey)),
    contracts: new Set(area.contracts.map((c) => c.trim())),
  };
}

/** Stored attributes are trusted loosely: a hand-edited row with odd types matches nothing rather than throwing. */
export function areaCovers(keys: AreaKeys, attributes: Partial<ContactAttributes> | null): boolean {
  if (!attributes) return false;
  const place = (v: unknown, set: Set<string>) => typeof v === 'string' && set.has(placeKey(v));
  if (place(attributes.city, keys.cities)) return true;
  if (place(attributes.neighbourhood, keys.neighbourhoods)) return true;
  if (place(attributes.pop, keys.pops)) return true;
  const contracts = attributes.contracts;
  return (
    Array.isArray(contracts) && contracts.some((c) => typeof c === 'string' && keys.contracts.has(c.trim()))
  );
}

/**
 * The same rule over `contacts.attributes` (column expression `attrs`). `fio_search_text` is the search's
 * lower(unaccent()) (lower() alone where the server lacks unaccent), so "São José" and "sao jose" meet.
 */
export function areaCondition(area: OutageArea, attrs: SQL): SQL {
  const keys = areaKeys(area);
  const folded = (key: string) =>
    sql`regexp_replace(btrim(fio_search_text(${attrs} ->> ${key})), '\\s+', ' ', 'g')`;
  const parts: SQL[] = [];
  const anyOf = (set: Set<string>) =>
    sql`array[${sql.join(
      [...set].map((v) => sql`${v}`),
      sql`, `,
    )}]::text[]`;
  if (keys.cities.size) parts.push(sql`${folded('city')} = any(${anyOf(keys.cities)})`);
  if (keys.neighbourhoods.size)
    parts.push(sql`${folded('neighbourhood')} = any(${anyOf(keys.neighbourhoods)})`);
  if (keys.pops.size) parts.push(sql`${folded('pop')} = any(${anyOf(keys.pops)})`);
  if (keys.contracts.size) parts.push(sql`(${attrs} -> 'contracts') ?| ${anyOf(keys.contracts)}`);
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)})`;
}
