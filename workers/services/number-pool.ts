// A tenant's WhatsApp numbers as a pool: which are live and healthy, which one a business-initiated message
// (a template that opens a thread; campaigns later) goes from, and the alternatives an agent is offered when a
// conversation's number turned unhealthy (banned, logged out, quality red, token invalid). Health is what the
// channel row says (the number limiter and provider events keep it current).
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { channels } from '../../drizzle/schema';
import type { AlternativeNumber } from '../contract';
import { AppError } from '../errors';
import { type Database, inTenant } from './db';

const WHATSAPP_KINDS = ['whatsapp_cloud', 'evolution', 'uazapi'] as const;
export type WhatsAppChannelKind = (typeof WHATSAPP_KINDS)[number];

export interface PoolNumber extends AlternativeNumber {
  healthy: boolean;
  kind: WhatsAppChannelKind;
}

/** The display phone of a Cloud number, the channel address of a gateway (null when unknown). */
function addressOf(kind: string, settings: unknown, address: string | null): string | null {
  if (kind === 'whatsapp_cloud') {
    const s = settings as { displayPhoneNumber?: unknown } | null;
    return typeof s?.displayPhoneNumber === 'string' ? s.displayPhoneNumber : null;
  }
  return address;
}

/** The tenant's live WhatsApp numbers, oldest first (the order admins added them), healthy or not. */
export async function tenantNumbers(db: Database, tenantId: string): Promise<PoolNumber[]> {
  const rows = await inTenant(db, tenantId, (tx) =>
    tx
      .select({
        id: channels.id,
        name: channels.name,
        kind: channels.kind,
        address: channels.address,
        settings: channels.settings,
        health: channels.healthStatus,
      })
      .from(channels)
      .where(
        and(
          eq(channels.tenantId, tenantId),
          inArray(channels.kind, [...WHATSAPP_KINDS]),
          isNull(channels.removedAt),
        ),
      )
      .orderBy(asc(channels.createdAt), asc(channels.id)),
  );
  return rows.map((r) => ({
    channelId: r.id,
    name: r.name,
    kind: r.kind as WhatsAppChannelKind,
    address: addressOf(r.kind, r.settings, r.address),
    healthy: r.health === 'healthy',
  }));
}

const asAlternative = (n: AlternativeNumber): AlternativeNumber => ({
  channelId: n.channelId,
  name: n.name,
  kind: n.kind,
  address: n.address,
});

/** Healthy numbers other than `exceptChannelId`, for an agent to continue a customer on. */
export async function healthyAlternatives(
  db: Database,
  tenantId: string,
  exceptChannelId: string | null,
): Promise<AlternativeNumber[]> {
  const all = await tenantNumbers(db, tenantId);
  return all.filter((n) => n.healthy && n.channelId !== exceptChannelId).map(asAlternative);
}

/**
 * The number a business-initiated message goes from. Named (`preferredChannelId`): that one, refused with the
 * healthy alternatives when it is unhealthy, unknown when it is not one of the tenant's live WhatsApp numbers.
 * Not named: the first healthy number. No healthy number at all is a 409 naming none.
 */
export async function pickHealthyNumber(
  db: Database,
  tenantId: string,
  preferredChannelId?: string | null,
): Promise<PoolNumber> {
  const all = await tenantNumbers(db, tenantId);
  const healthy = all.filter((n) => n.healthy);
  if (preferredChannelId) {
    const named = all.find((n) => n.channelId === preferredChannelId);
    if (!named) throw new AppError('not_found', 'WhatsApp number not found');
    if (named.healthy) return named;
    throw unhealthyNumber(named, healthy);
  }
  const first = healthy[0];
  if (first) return first;
  throw new AppError('conflict', 'No healthy WhatsApp number to send from (nenhum número saudável)', {
    alternatives: [],
  });
}

/** The one error for "this number cannot start a conversation now", listing where it can go instead. */
export function unhealthyNumber(named: { name: string }, healthy: AlternativeNumber[]): AppError {
  const names = healthy.map((n) => n.name).join(', ');
  return new AppError(
    'conflict',
    `The number ${named.name} is unavailable (número indisponível); ${
      names ? `healthy numbers: ${names}` : 'no healthy number left'
    }`,
    { alternatives: healthy.map(asAlternative) },
  );
}
