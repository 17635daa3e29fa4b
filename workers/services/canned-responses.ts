// Saved replies (`/shortcut` in the composer): every agent reads them, admins and supervisors keep them.
// A shortcut names one reply per tenant. Every query names the tenant as well as running under RLS.
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { cannedResponses } from '../../drizzle/schema';
import type { CannedResponse, CannedResponseRequest } from '../contract';
import { AppError } from '../errors';
import type { Tx } from './db';

export const SHORTCUT_INDEX = 'canned_responses_shortcut_key';
export const SHORTCUT_TAKEN = 'Another canned response already uses this shortcut';

type CannedRow = typeof cannedResponses.$inferSelect;
type CannedInput = z.infer<typeof CannedResponseRequest>;

function cannedView(row: CannedRow): CannedResponse {
  return {
    id: row.id,
    shortcut: row.shortcut,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listCannedResponses(tx: Tx, tenantId: string): Promise<CannedResponse[]> {
  const rows = await tx
    .select()
    .from(cannedResponses)
    .where(eq(cannedResponses.tenantId, tenantId))
    .orderBy(asc(cannedResponses.shortcut));
  return rows.map(cannedView);
}

export async function createCannedResponse(
  tx: Tx,
  tenantId: string,
  req: CannedInput,
): Promise<CannedResponse> {
  const [row] = await tx
    .insert(cannedResponses)
    .values({ tenantId, ...req })
    .returning();
  if (!row) throw new Error('canned response insert returned nothing');
  return cannedView(row);
}

const own = (tenantId: string, id: string) =>
  and(eq(cannedResponses.tenantId, tenantId), eq(cannedResponses.id, id));

export async function replaceCannedResponse(
  tx: Tx,
  tenantId: string,
  id: string,
  req: CannedInput,
): Promise<CannedResponse> {
  const [row] = await tx.update(cannedResponses).set(req).where(own(tenantId, id)).returning();
  if (!row) throw new AppError('not_found', 'Canned response not found');
  return cannedView(row);
}

export async function deleteCannedResponse(tx: Tx, tenantId: string, id: string): Promise<void> {
  const gone = await tx
    .delete(cannedResponses)
    .where(own(tenantId, id))
    .returning({ id: cannedResponses.id });
  if (gone.length === 0) throw new AppError('not_found', 'Canned response not found');
}
