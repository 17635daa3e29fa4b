// Direct Postgres access for tests, as the app role under a chosen tenant (RLS applies): rows the tests need
// without running the Durable Objects (stored message events, contacts with phones), and a wait for the
// read replica to have replayed what the primary wrote.
import { env } from 'cloudflare:workers';
import { Client } from '@neondatabase/serverless';
import { configureDriver } from '../../workers/services/db';

export async function openClient(url: string = env.DATABASE_URL): Promise<Client> {
  configureDriver(env);
  const client = new Client({ connectionString: url });
  client.on('error', () => {}); // the socket closing at teardown is expected
  await client.connect();
  return client;
}

/** Runs fn with the client's RLS tenant set to tenantId, in a transaction. */
export async function asTenant<T>(client: Client, tenantId: string, fn: () => Promise<T>): Promise<T> {
  await client.query('begin');
  try {
    await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    const result = await fn();
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback');
    throw err;
  }
}

/** A contact with the given fields and a conversation on the tenant's widget channel. */
export async function insertThread(
  client: Client,
  tenantId: string,
  contact: { name?: string; phone?: string; cpfCnpj?: string },
): Promise<{ contactId: string; conversationId: string }> {
  return asTenant(client, tenantId, async () => {
    const c = await client.query<{ id: string }>(
      'insert into contacts (tenant_id, name, phone, cpf_cnpj) values ($1, $2, $3, $4) returning id',
      [tenantId, contact.name ?? null, contact.phone ?? null, contact.cpfCnpj ?? null],
    );
    const contactId = c.rows[0]?.id as string;
    const v = await client.query<{ id: string }>(
      `insert into conversations (tenant_id, channel_id, contact_id)
       select $1, id, $2 from channels where kind = 'widget' order by created_at limit 1 returning id`,
      [tenantId, contactId],
    );
    return { contactId, conversationId: v.rows[0]?.id as string };
  });
}

export interface TestEvent {
  seq: number;
  kind: 'message' | 'note';
  text: string;
  /** ISO time; now by default. */
  at?: string;
}

/** Stores events of one conversation as the archive would (message text or a private note). */
export async function insertEvents(
  client: Client,
  tenantId: string,
  conversationId: string,
  events: TestEvent[],
): Promise<void> {
  await asTenant(client, tenantId, async () => {
    for (const e of events) {
      const payload =
        e.kind === 'message'
          ? {
              type: 'message.created',
              message: { text: e.text, author: { kind: 'contact', id: 'c1' }, clientId: null },
            }
          : {
              type: 'note.created',
              note: { text: e.text, author: { kind: 'agent', id: 'a1', name: 'Agente' }, clientId: null },
            };
      await client.query(
        `insert into conversation_events (tenant_id, conversation_id, seq, type, author_kind, payload, created_at)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [
          tenantId,
          conversationId,
          e.seq,
          payload.type,
          e.kind === 'message' ? 'contact' : 'agent',
          payload,
          e.at ?? new Date().toISOString(),
        ],
      );
    }
  });
}

/** Waits until the read replica has replayed everything the primary has written so far. */
export async function replicaCaughtUp(primary: Client, replica: Client): Promise<void> {
  const { rows } = await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
  const target = rows[0]?.lsn as string;
  for (let attempt = 0; attempt < 500; attempt++) {
    const r = await replica.query<{ done: boolean }>(
      'select pg_last_wal_replay_lsn() >= $1::pg_lsn as done',
      [target],
    );
    if (r.rows[0]?.done) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`replica did not reach ${target}`);
}
