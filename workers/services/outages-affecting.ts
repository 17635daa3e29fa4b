// Which active outages affect a contact: the one question the bot (and anything else) asks. The tenant's
// unresolved outages are cached per isolate for a few seconds (a flood of "sem internet" is exactly when
// every conversation asks at once) and forgotten on every outage write made in this isolate; other isolates
// see a new or resolved outage within the TTL.
import { and, eq, isNull } from 'drizzle-orm';
import { contacts, outages } from '../../drizzle/schema';
import { type ContactAttributes, OutageArea, type OutageKind } from '../contract';
import { type Database, inTenant } from './db';
import { type AreaKeys, areaCovers, areaKeys } from './outage-area';
import { TtlCache } from './ttl-cache';

const TTL_MS = 10_000;

/** What the bot needs to tell a customer about an outage. */
export interface ActiveOutage {
  id: string;
  kind: OutageKind;
  title: string;
  message: string;
  startsAt: Date;
  expectedEndAt: Date | null;
  keys: AreaKeys;
}

const cache = new TtlCache<ActiveOutage[]>(TTL_MS, 1_000);

/** An outage was created or resolved here: the next question reads Postgres again. */
export function forgetOutages(tenantId: string): void {
  cache.delete(tenantId);
}

async function unresolved(db: Database, tenantId: string): Promise<ActiveOutage[]> {
  const hit = cache.get(tenantId);
  if (hit) return hit;
  const rows = await inTenant(db, tenantId, (tx) =>
    tx
      .select()
      .from(outages)
      .where(and(eq(outages.tenantId, tenantId), isNull(outages.resolvedAt))),
  );
  const list = rows.flatMap((r) => {
    const area = OutageArea.safeParse(r.area);
    if (!area.success) return [];
    return [
      {
        id: r.id,
        kind: r.kind as OutageKind,
        title: r.title,
        message: r.message,
        startsAt: r.startsAt,
        expectedEndAt: r.expectedEndAt,
        keys: areaKeys(area.data),
      },
    ];
  });
  cache.set(tenantId, list);
  return list;
}

/**
 * The outages in progress (started, not resolved) whose area covers this contact, oldest first. Reads the
 * contact's attributes only when the tenant has an outage at all, so the usual answer costs no query.
 */
export async function outagesAffecting(
  db: Database,
  tenantId: string,
  contactId: string,
  now = new Date(),
): Promise<ActiveOutage[]> {
  const started = (await unresolved(db, tenantId)).filter((o) => o.startsAt.getTime() <= now.getTime());
  if (started.length === 0) return [];
  const [row] = await inTenant(db, tenantId, (tx) =>
    tx
      .select({ attributes: contacts.attributes })
      .from(contacts)
      .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId))),
  );
  const attributes = (row?.attributes ?? null) as Partial<ContactAttributes> | null;
  return started
    .filter((o) => areaCovers(o.keys, attributes))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
