// Deleting a tenant for good (the operator, with its slug repeated). In an order that can be resumed: the
// tenant is suspended first (committed, so nothing new arrives and every client is refused), then its
// objects' storage and its R2 files are wiped (both idempotent), and last its rows go in one transaction
// (fio_operator_purge_tenant: every table with a tenant_id). A crash anywhere leaves the tenant listed as
// suspended; calling delete again redoes what is left and finishes.
import { eq, sql } from 'drizzle-orm';
import { conversations } from '../../drizzle/schema';
import { campaigns } from '../../drizzle/schema-outreach';
import type { DeleteTenantResponse } from '../contract/operator';
import { AppError } from '../errors';
import { accessName, campaignObjectName, conversationObjectName, inboxName } from './conversation-names';
import { inTenant } from './db';
import { errorFields, log } from './log';
import { getTenant, type OperatorCall, setTenantStatus } from './operator-tenants';
import { forgetTenantStatus } from './tenant-gate';

/** Objects wiped at once: enough to go fast, few enough not to flood one isolate's subrequests. */
const WIPE_CONCURRENCY = 8;

type Wipeable = { wipeStorage(): Promise<void> };
type ObjectRef = { name: string; stub: () => Wipeable };

/** Every object that holds the tenant's state, by name: its conversations, campaigns, inbox and access. */
async function tenantObjects(call: OperatorCall, tenantId: string): Promise<ObjectRef[]> {
  const { env } = call;
  const ids = await inTenant(call.primary, tenantId, async (tx) => ({
    conversations: await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(eq(conversations.tenantId, tenantId)),
    campaigns: await tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.tenantId, tenantId)),
  }));
  const refs: ObjectRef[] = [];
  for (const { id } of ids.conversations) {
    const name = conversationObjectName(tenantId, id);
    refs.push({ name, stub: () => env.CONVERSATIONS.getByName(name) });
  }
  for (const { id } of ids.campaigns) {
    const name = campaignObjectName(tenantId, id);
    refs.push({ name, stub: () => env.CAMPAIGNS.getByName(name) });
  }
  const inbox = inboxName(tenantId);
  refs.push({ name: inbox, stub: () => env.TENANT_INBOX.getByName(inbox) });
  // Last: it refuses the tenant's sessions until the rows are gone.
  const access = accessName(tenantId);
  refs.push({ name: access, stub: () => env.TENANT_ACCESS.getByName(access) });
  return refs;
}

async function wipeObjects(refs: ObjectRef[]): Promise<{ wiped: number; failed: string[] }> {
  let wiped = 0;
  const failed: string[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < refs.length; i = next++) {
      const ref = refs[i] as ObjectRef;
      try {
        await ref.stub().wipeStorage();
        wiped++;
      } catch (err) {
        failed.push(ref.name);
        log('warn', 'object storage not wiped', { object: ref.name, ...errorFields(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: WIPE_CONCURRENCY }, worker));
  return { wiped, failed };
}

/** Every R2 object under the tenant's prefix (all keys start with `<tenantId>/`), in pages of 1000. */
async function deleteFiles(bucket: R2Bucket, tenantId: string): Promise<number> {
  let deleted = 0;
  for (;;) {
    const page = await bucket.list({ prefix: `${tenantId}/`, limit: 1000 });
    if (page.objects.length === 0) return deleted;
    await bucket.delete(page.objects.map((o) => o.key));
    deleted += page.objects.length;
  }
}

export async function deleteTenant(
  call: OperatorCall,
  id: string,
  confirm: string,
): Promise<DeleteTenantResponse> {
  const tenant = await getTenant(call.primary, id);
  if (confirm !== tenant.slug) {
    throw new AppError('validation_failed', 'Invalid query', [
      { path: 'confirm', message: `repeat the tenant's slug (${tenant.slug}) to delete it` },
    ]);
  }
  if (tenant.status !== 'suspended') await setTenantStatus(call, id, 'suspended', 'deletion');
  const objects = await wipeObjects(await tenantObjects(call, id));
  const files = await deleteFiles(call.env.MEDIA, id);
  const { rows } = await call.primary.execute<{ deleted: string }>(
    sql`select fio_operator_purge_tenant(${id}::uuid) as deleted`,
  );
  forgetTenantStatus(id);
  const result: DeleteTenantResponse = {
    id,
    slug: tenant.slug,
    rows: Number(rows[0]?.deleted ?? 0),
    files,
    objects,
  };
  log('info', 'tenant deleted', {
    requestId: call.requestId,
    tenantId: id,
    slug: tenant.slug,
    rows: result.rows,
    files,
    objectsWiped: objects.wiped,
    objectsFailed: objects.failed.join(','),
  });
  return result;
}
