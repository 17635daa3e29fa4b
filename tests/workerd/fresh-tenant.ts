// A tenant of a suite's own (written as the database owner, as the seed does), with one user per role asked
// for and their tokens: suites whose assertions depend on everything a tenant holds (its only ERP
// connection, every article its knowledge base searches) start from nothing, whatever the seed or other
// suites add to the seeded tenants.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import type { Role } from '../../workers/contract';
import { hashPassword } from '../../workers/services/passwords';
import { openClient } from './db-helpers';
import { login } from './helpers';

const PASSWORD = 'tenant-proprio-123';

export interface FreshTenant {
  id: string;
  slug: string;
  tokens: Partial<Record<Role, string>>;
  userIds: Partial<Record<Role, string>>;
}

/** The database owner: sees every tenant's rows (sealed columns as stored). Close it after the suite. */
export function ownerClient(): Promise<Client> {
  return openClient(env.FIO_TEST_OWNER_DATABASE_URL);
}

export async function freshTenant(
  owner: Client,
  label: string,
  roles: readonly Role[],
): Promise<FreshTenant> {
  const slug = `${label}-${crypto.randomUUID().slice(0, 8)}`;
  const t = await owner.query<{ id: string }>(
    'insert into tenants (slug, name) values ($1, $2) returning id',
    [slug, `Provedor ${slug}`],
  );
  const id = t.rows[0]?.id as string;
  const hash = hashPassword(PASSWORD);
  const tokens: FreshTenant['tokens'] = {};
  const userIds: FreshTenant['userIds'] = {};
  for (const role of roles) {
    const email = `${role}@${slug}.test`;
    const u = await owner.query<{ id: string }>(
      `insert into users (tenant_id, email, name, role, password_hash) values ($1, $2, $3, $4, $5) returning id`,
      [id, email, `${role} ${slug}`, role, hash],
    );
    userIds[role] = u.rows[0]?.id as string;
    tokens[role] = (await login(email, PASSWORD)).token;
  }
  return { id, slug, tokens, userIds };
}
