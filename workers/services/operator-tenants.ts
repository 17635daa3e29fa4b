// The platform operator's tenants: create one with its first admin (an owner, invited through the same
// e-mailed link as any invitation, the link also returned), list and show them, suspend and reactivate.
// Reading across tenants goes through SECURITY DEFINER functions (migration p1_operator); everything about
// one tenant runs in that tenant's RLS transaction like any other request.
import { eq, sql } from 'drizzle-orm';
import { tenants, users } from '../../drizzle/schema';
import type {
  CreateTenantRequest,
  CreateTenantResponse,
  OperatorTenant,
  TenantStatus,
} from '../contract/operator';
import type { Env } from '../env';
import { AppError } from '../errors';
import type { Mailer } from '../mail/mailer';
import { invitationMail } from '../mail/messages';
import { type AuditActor, recordAudit } from './audit';
import { INVITATION_TOKEN_DAYS, issueToken, markMailStatus } from './auth-tokens';
import { accessName } from './conversation-names';
import { type Database, inTenant } from './db';
import { errorFields, log } from './log';
import { isUniqueViolation } from './pg-errors';
import { forgetTenantStatus } from './tenant-gate';

/** How the operator appears in a tenant's audit log. */
export const OPERATOR_ACTOR: AuditActor = { type: 'system', label: 'operator' };

export interface OperatorCall {
  primary: Database;
  env: Env;
  /** The agent app's origin, for the invitation link. */
  origin: string;
  requestId: string;
  ip: string | null;
}

type TenantRow = {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  timezone: string;
  locale: string;
  created_at: string | Date;
  suspended_at: string | Date | null;
  users: string | number;
  conversations: string | number;
  last_activity_at: string | Date | null;
};

const iso = (v: string | Date) => new Date(v).toISOString();

function view(r: TenantRow): OperatorTenant {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    status: r.status,
    timezone: r.timezone,
    locale: r.locale,
    createdAt: iso(r.created_at),
    suspendedAt: r.suspended_at ? iso(r.suspended_at) : null,
    users: Number(r.users),
    conversations: Number(r.conversations),
    lastActivityAt: r.last_activity_at ? iso(r.last_activity_at) : null,
  };
}

export async function listTenants(primary: Database): Promise<OperatorTenant[]> {
  const { rows } = await primary.execute<TenantRow>(sql`select * from fio_operator_tenants()`);
  return rows.map(view);
}

export async function getTenant(primary: Database, id: string): Promise<OperatorTenant> {
  const { rows } = await primary.execute<TenantRow>(
    sql`select * from fio_operator_tenants() where id = ${id}::uuid`,
  );
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'Tenant not found');
  return view(row);
}

/** `Fibra Sul Telecom` → `fibra-sul-telecom` (accents dropped); empty when nothing usable is left. */
export function slugFromName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

function taken(field: 'name' | 'slug' | 'adminEmail', message: string): AppError {
  return new AppError('conflict', message, [{ path: field, message }]);
}

/** Refuses a name, slug or admin e-mail already in use, naming the field (nothing is stored). */
async function assertFree(primary: Database, name: string, slug: string, email: string): Promise<void> {
  const { rows } = await primary.execute<{ name_taken: boolean; slug_taken: boolean }>(
    sql`select * from fio_operator_tenant_taken(${name}, ${slug})`,
  );
  if (rows[0]?.name_taken) throw taken('name', `A tenant named "${name}" already exists`);
  if (rows[0]?.slug_taken) throw taken('slug', `The slug "${slug}" is taken`);
  const login = await primary.execute(sql`select 1 from fio_find_login(${email})`);
  if (login.rows.length > 0) throw taken('adminEmail', 'This e-mail already signs in to Fio');
}

export async function createTenant(
  call: OperatorCall,
  mailer: Mailer,
  req: CreateTenantRequest,
): Promise<CreateTenantResponse> {
  const slug = req.slug ?? slugFromName(req.name);
  if (slug.length < 2) {
    throw new AppError('validation_failed', 'Invalid body', [
      { path: 'slug', message: 'the name gives no usable slug; pass one (fibra-sul)' },
    ]);
  }
  const email = req.adminEmail.trim();
  const adminName = req.adminName ?? email.split('@')[0] ?? email;
  await assertFree(call.primary, req.name, slug, email);
  const id = crypto.randomUUID();
  const created = await inTenant(call.primary, id, async (tx) => {
    await tx.insert(tenants).values({ id, slug, name: req.name, timezone: req.timezone, locale: req.locale });
    const [admin] = await tx
      .insert(users)
      .values({
        tenantId: id,
        email,
        name: adminName,
        role: 'owner',
        passwordHash: null,
        invitedAt: new Date(),
      })
      .returning({ id: users.id });
    if (!admin) throw new Error('user insert returned nothing');
    const token = await issueToken(tx, id, admin.id, 'invitation');
    await recordAudit(tx, id, {
      action: 'tenant.created',
      actor: OPERATOR_ACTOR,
      target: { type: 'tenant', id },
      ip: call.ip,
      details: { slug, adminEmail: email },
    });
    await recordAudit(tx, id, {
      action: 'user.invited',
      actor: OPERATOR_ACTOR,
      target: { type: 'user', id: admin.id },
      ip: call.ip,
      details: { email, role: 'owner' },
    });
    return { adminId: admin.id, token };
  }).catch((err: unknown) => {
    // Lost a race with another create between the check and the insert.
    if (isUniqueViolation(err, 'tenants_slug_key')) throw taken('slug', `The slug "${slug}" is taken`);
    if (isUniqueViolation(err, 'users_email_key'))
      throw taken('adminEmail', 'This e-mail already signs in to Fio');
    throw err;
  });

  const url = `${call.origin}/invite?token=${encodeURIComponent(created.token.token)}`;
  let sent = true;
  try {
    await mailer.send(
      invitationMail({
        to: email,
        name: adminName,
        tenantName: req.name,
        inviterName: 'Fio',
        link: url,
        days: INVITATION_TOKEN_DAYS,
      }),
    );
  } catch (err) {
    sent = false;
    log('warn', 'first admin invitation e-mail not sent', { requestId: call.requestId, ...errorFields(err) });
  }
  await inTenant(call.primary, id, (tx) => markMailStatus(tx, id, created.token.id, sent));
  return {
    tenant: await getTenant(call.primary, id),
    admin: { id: created.adminId, email, name: adminName },
    invitation: { url, expiresAt: created.token.expiresAt.toISOString(), mail: sent ? 'sent' : 'failed' },
  };
}

/**
 * Suspends or reactivates a tenant (idempotent), audited in its log, then tells its access object, which
 * refuses its sessions from then on and closes its open sockets (agents' and website visitors'). The announcement failing is a 503: the
 * change is committed, and calling again (idempotent) announces it again.
 */
export async function setTenantStatus(
  call: OperatorCall,
  id: string,
  status: TenantStatus,
  reason: string | null,
): Promise<OperatorTenant> {
  await inTenant(call.primary, id, async (tx) => {
    const [before] = await tx
      .select({ status: tenants.status })
      .from(tenants)
      .where(eq(tenants.id, id))
      .for('update');
    if (!before) throw new AppError('not_found', 'Tenant not found');
    if (before.status !== status) {
      await tx
        .update(tenants)
        .set({ status, suspendedAt: status === 'suspended' ? new Date() : null })
        .where(eq(tenants.id, id));
      await recordAudit(tx, id, {
        action: status === 'suspended' ? 'tenant.suspended' : 'tenant.reactivated',
        actor: OPERATOR_ACTOR,
        target: { type: 'tenant', id },
        ip: call.ip,
        details: reason ? { reason } : {},
      });
    }
  });
  forgetTenantStatus(id);
  try {
    await call.env.TENANT_ACCESS.getByName(accessName(id)).tenantStatusChanged(id, status);
  } catch (err) {
    log('error', 'tenant status change not announced', { tenantId: id, status, ...errorFields(err) });
    throw new AppError(
      'unavailable',
      `The tenant is ${status} in the database, but its sessions could not be told yet; call again`,
    );
  }
  return getTenant(call.primary, id);
}
