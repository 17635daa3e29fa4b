// The second wall on its own: the services run as a role that row-level security does NOT apply to (the
// cluster's superuser, no tenant set), so only their explicit `tenant_id = …` filters stand between
// tenants. Acme's calls must see none of Globex's rows; the same calls for Globex see them (the control,
// proving the connection could see everything). Everything runs in one transaction that is rolled back.
import { env } from 'cloudflare:workers';
import { Pool } from '@neondatabase/serverless';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/neon-serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../drizzle/schema';
import { AppError } from '../../workers/errors';
import { listAdminUsers } from '../../workers/services/admin-users';
import { deleteCannedResponse, listCannedResponses } from '../../workers/services/canned-responses';
import { loadContactPanel } from '../../workers/services/contact-panel';
import { configureDriver, type Tx } from '../../workers/services/db';
import {
  findAgent,
  findTeam,
  listDirectory,
  listTeams,
  requireKnownIds,
} from '../../workers/services/directory';
import { search } from '../../workers/services/search';
import { deleteTeam } from '../../workers/services/teams';

// The test cluster's owner: a superuser (USER/PASSWORD in scripts/lib/postgres-replica.ts).
const ownerUrl = (() => {
  const url = new URL(env.DATABASE_URL);
  url.username = 'postgres';
  url.password = 'postgres';
  return url.toString();
})();

class Rollback extends Error {}

let pool: Pool;

beforeAll(() => {
  configureDriver(env);
  pool = new Pool({ connectionString: ownerUrl, max: 1 });
});
afterAll(async () => {
  await pool.end();
});

/** Runs fn as the superuser in a transaction that is always rolled back. */
async function withoutRls(fn: (tx: Tx) => Promise<void>): Promise<void> {
  const db = drizzle({ client: pool, schema });
  await db
    .transaction(async (tx) => {
      const { rows } = await tx.execute<{ rolsuper: boolean; tenant: string | null }>(
        sql`select rolsuper, current_setting('app.tenant_id', true) as tenant from pg_roles where rolname = current_user`,
      );
      expect(rows[0]?.rolsuper).toBe(true); // RLS does not apply to this connection
      expect(rows[0]?.tenant ?? '').toBe('');
      await fn(tx);
      throw new Rollback();
    })
    .catch((err: unknown) => {
      if (!(err instanceof Rollback)) throw err;
    });
}

async function notFound(p: Promise<unknown>): Promise<void> {
  await expect(p).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === 'not_found');
}

describe('explicit tenant filters hold without row-level security', () => {
  it("Acme's reads and writes never reach Globex's rows; Globex's own calls do (control)", async () => {
    await withoutRls(async (tx) => {
      const ids = await tx.execute<{ slug: string; id: string }>(
        sql`select slug, id from tenants where slug in ('acme', 'globex')`,
      );
      const acme = ids.rows.find((r) => r.slug === 'acme')?.id as string;
      const globex = ids.rows.find((r) => r.slug === 'globex')?.id as string;
      const one = async <T>(q: ReturnType<typeof sql>) =>
        (await tx.execute<T & Record<string, unknown>>(q)).rows[0] as T;
      // Globex's rows, with a marker word in every name and text.
      const contact = await one<{ id: string }>(
        sql`insert into contacts (tenant_id, name) values (${globex}, 'Canarioglobex Silva') returning id`,
      );
      const conversation = await one<{ id: string }>(sql`
        insert into conversations (tenant_id, channel_id, contact_id)
        select ${globex}, id, ${contact.id} from channels where tenant_id = ${globex} and kind = 'widget'
        order by created_at limit 1 returning id`);
      await tx.execute(sql`
        insert into conversation_events (tenant_id, conversation_id, seq, type, author_kind, created_at, payload)
        values (${globex}, ${conversation.id}, 1, 'message.created', 'contact', now(),
          ${JSON.stringify({ type: 'message.created', message: { text: 'canarioglobex fatura', author: { kind: 'contact', id: 'c' }, clientId: null } })}::jsonb)`);
      await tx.execute(
        sql`insert into tickets (tenant_id, conversation_id, protocol) values (${globex}, ${conversation.id}, 'G-1')`,
      );
      const team = await one<{ id: string }>(
        sql`insert into teams (tenant_id, name) values (${globex}, 'Canarioglobex Time') returning id`,
      );
      const canned = await one<{ id: string }>(sql`
        insert into canned_responses (tenant_id, shortcut, title, body)
        values (${globex}, 'canarioglobex', 'Canarioglobex', 'Canarioglobex') returning id`);
      const globexUser = await one<{ id: string }>(
        sql`select id from users where tenant_id = ${globex} limit 1`,
      );

      const leaks = (value: unknown) => JSON.stringify(value).toLowerCase().includes('canarioglobex');
      const globexIds = [contact.id, conversation.id, team.id, canned.id, globexUser.id];
      const mentionsGlobex = (value: unknown) =>
        leaks(value) || globexIds.some((id) => JSON.stringify(value).includes(id));

      // Acme sees nothing of Globex.
      expect(mentionsGlobex(await search(tx, acme, 'canarioglobex', 20))).toBe(false);
      expect(mentionsGlobex(await search(tx, acme, 'fatura', 20))).toBe(false);
      expect(mentionsGlobex(await listDirectory(tx, acme))).toBe(false);
      expect(mentionsGlobex(await listTeams(tx, acme))).toBe(false);
      expect(await listTeams(tx, acme, [team.id])).toEqual([]);
      expect(mentionsGlobex(await listCannedResponses(tx, acme))).toBe(false);
      expect(mentionsGlobex(await listAdminUsers(tx, acme))).toBe(false);
      expect(await findAgent(tx, acme, globexUser.id)).toBeNull();
      expect(await findTeam(tx, acme, team.id)).toBeNull();
      await expect(requireKnownIds(tx, acme, 'teams', [team.id], 'teamIds')).rejects.toBeInstanceOf(AppError);
      await notFound(loadContactPanel(tx, acme, contact.id));
      await notFound(deleteCannedResponse(tx, acme, canned.id));
      await notFound(deleteTeam(tx, acme, team.id));

      // Control: the same calls for Globex find them, so the connection itself could see everything.
      expect(leaks(await search(tx, globex, 'canarioglobex', 20))).toBe(true);
      expect(leaks(await search(tx, globex, 'fatura', 20))).toBe(true);
      expect(leaks(await listDirectory(tx, globex))).toBe(true);
      expect(leaks(await listCannedResponses(tx, globex))).toBe(true);
      expect((await loadContactPanel(tx, globex, contact.id)).tickets).toHaveLength(1);
      expect(await findTeam(tx, globex, team.id)).not.toBeNull();
    });
  });
});
