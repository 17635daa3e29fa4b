// Who a campaign's filter selects: contacts with a phone (never an erased one) carrying any of the tags,
// whose attributes equal the given places (compared as placeKey does: no case, accents or extra spaces),
// who wrote on a channel, and whose last message as a customer falls in a window. One SQL condition serves
// the wizard's preview and the materialisation at start, so the count shown is the count sent to.
import { and, asc, eq, gt, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { contacts } from '../../drizzle/schema';
import { type AudienceFilter, type AudiencePreview, type CampaignKind, placeKey } from '../contract';
import type { Queryable } from './db';
import { notSuppressed } from './opt-outs';

/** The SQL twin of placeKey: Portuguese accents folded (also without the unaccent extension), lower case. */
function placeKeySql(value: SQL): SQL {
  return sql`btrim(regexp_replace(fio_search_text(translate(${value},
    'ÁÀÂÃÄáàâãäÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÕÖóòôõöÚÙÛÜúùûüÇçÑñ',
    'AAAAAaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUUuuuuCcNn')), '\\s+', ' ', 'g'))`;
}

function attributeSql(key: string): SQL {
  if (key.startsWith('custom.')) return sql`(${contacts.attributes} -> 'custom' ->> ${key.slice(7)})`;
  return sql`(${contacts.attributes} ->> ${key})`;
}

/** The contacts a filter selects (`null`: every contact with a phone). */
export function audienceCondition(tenantId: string, filter: AudienceFilter | null): SQL {
  const f = filter ?? {};
  const parts: (SQL | undefined)[] = [
    eq(contacts.tenantId, tenantId),
    isNotNull(contacts.phone),
    isNull(contacts.erasedAt),
  ];
  if (f.tagsAny && f.tagsAny.length > 0) {
    parts.push(sql`${contacts.tags} && ${sql.param(f.tagsAny)}::text[]`);
  }
  for (const [key, value] of Object.entries(f.attributes ?? {})) {
    parts.push(sql`${placeKeySql(attributeSql(key))} = ${placeKey(value)}`);
  }
  if (f.channelId) {
    parts.push(sql`exists (select 1 from conversations cv where cv.tenant_id = ${tenantId}
      and cv.contact_id = ${contacts.id} and cv.channel_id = ${f.channelId})`);
  }
  if (f.lastContactAfter || f.lastContactBefore) {
    // The last message a customer wrote, over every conversation of the contact.
    const last = sql`(select max(e.created_at) from conversation_events e
      join conversations cv on cv.id = e.conversation_id and cv.tenant_id = ${tenantId}
      where e.tenant_id = ${tenantId} and cv.contact_id = ${contacts.id}
        and e.type = 'message.created' and e.author_kind in ('contact', 'visitor'))`;
    if (f.lastContactAfter) parts.push(sql`${last} >= ${f.lastContactAfter}::timestamptz`);
    if (f.lastContactBefore) parts.push(sql`${last} < ${f.lastContactBefore}::timestamptz`);
  }
  return and(...parts) as SQL;
}

/** Attribute keys a filter may name: the known places or `custom.<key>`. */
export function attributeKeyProblem(key: string): string | null {
  if (['city', 'neighbourhood', 'pop'].includes(key)) return null;
  if (/^custom\.[a-z][a-z0-9_]{0,39}$/.test(key)) return null;
  return 'city, neighbourhood, pop or custom.<key>';
}

const SAMPLE = 5;

export async function previewAudience(
  tx: Queryable,
  tenantId: string,
  filter: AudienceFilter | null,
  kind: CampaignKind,
): Promise<AudiencePreview> {
  const where = audienceCondition(tenantId, filter);
  const [tally] = await tx
    .select({
      count: sql<number>`count(*)::int`,
      allowed: sql<number>`count(*) filter (where ${notSuppressed(tenantId, contacts.phone, kind)})::int`,
    })
    .from(contacts)
    .where(where);
  const sample = await tx
    .select({ contactId: contacts.id, name: contacts.name, phone: contacts.phone })
    .from(contacts)
    .where(where)
    .orderBy(asc(contacts.name), asc(contacts.id))
    .limit(SAMPLE);
  const count = tally?.count ?? 0;
  return {
    count,
    suppressed: count - (tally?.allowed ?? 0),
    sample: sample.map((s) => ({ contactId: s.contactId, name: s.name, phone: s.phone ?? '' })),
  };
}

export interface AudienceContact {
  id: string;
  name: string | null;
  phone: string;
  attributes: Record<string, unknown>;
}

/** One page of the audience in id order (`after`: the last id of the previous page). */
export async function audiencePage(
  tx: Queryable,
  condition: SQL,
  after: string | null,
  limit: number,
): Promise<AudienceContact[]> {
  const rows = await tx
    .select({ id: contacts.id, name: contacts.name, phone: contacts.phone, attributes: contacts.attributes })
    .from(contacts)
    .where(and(condition, after ? gt(contacts.id, after) : undefined))
    .orderBy(asc(contacts.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    phone: r.phone ?? '',
    attributes: (r.attributes ?? {}) as Record<string, unknown>,
  }));
}

/** The contacts given by id (an outage's affected customers), with a phone and not erased. */
export function contactIdsCondition(tenantId: string, ids: readonly string[]): SQL {
  return and(
    eq(contacts.tenantId, tenantId),
    inArray(contacts.id, [...ids]),
    isNotNull(contacts.phone),
    isNull(contacts.erasedAt),
  ) as SQL;
}
