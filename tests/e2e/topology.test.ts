// The two-script layout (scripts/lib/worker-process.ts): the HTTP Worker and the Durable Objects run as two
// wrangler dev processes joined by the stack's own dev registry. A socket upgraded by the HTTP Worker reaches
// its conversation object in the other process; the objects' process being down is a clear error, not a hang;
// a restart restarts both and the objects' storage survives it (seq continues, Postgres exact). A burst of
// webhooks crosses the two processes without a stall (they once shared wrangler's SQLite trace store).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type Stack } from '../../scripts/lib/stack';
import { checkTopology, singleConfig } from '../../scripts/lib/wrangler-configs';
import { command, descendants, isNodeExecutable } from '../../scripts/lib/wrangler-nice';
import { testDataDir } from '../support/test-data';
import { archivedRows, eventually, RecordingClient, socketUrl, startE2eStack, widget } from './stack';
import { webhookBurst } from './webhook-burst';

describe('the two wrangler configs', () => {
  it('agree: vars, bucket, compatibility, every binding names a class of fio-objects with its migration', () => {
    expect(checkTopology(ROOT)).toEqual([]);
  });

  it('derive the one-script layout with every class bound locally and migrated', () => {
    const single = singleConfig(ROOT) as {
      main: string;
      durable_objects: { bindings: { class_name: string; script_name?: string }[] };
      migrations: { new_sqlite_classes?: string[] }[];
    };
    expect(single.main).toMatch(/workers\/single\.ts$/);
    const classes = single.durable_objects.bindings.map((b) => b.class_name).sort();
    expect(classes.length).toBeGreaterThanOrEqual(7);
    expect(single.durable_objects.bindings.every((b) => b.script_name === undefined)).toBe(true);
    expect(single.migrations.flatMap((m) => m.new_sqlite_classes ?? []).sort()).toEqual(classes);
  });
});

describe('split topology on the real stack', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startE2eStack('topology');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('runs the HTTP Worker and the objects as two processes, a socket crossing from one to the other', async () => {
    expect(stack.worker.topology).toBe('split');
    const { http, objects } = stack.worker.pids();
    expect(http).toBeTypeOf('number');
    expect(objects).toBeTypeOf('number');
    expect(http).not.toBe(objects);

    const session = await widget(stack);
    const client = new RecordingClient(socketUrl(stack, session.conversationId, session.token));
    await client.live();
    const ids = [1, 2, 3].map((i) => client.client.send(`before ${i}`));
    await eventually('3 acks', () => ids.every((id) => client.acks.has(id)));
    await eventually('3 rows in Postgres', async () => {
      const rows = await archivedRows(stack.ownerUrl, session.conversationId);
      return ids.every((id) => rows.some((r) => r.clientId === id));
    });
    client.client.close();
  });

  it("runs workerd at the stack's own priority and only wrangler's node processes at the lowest", () => {
    const { http, objects } = stack.worker.pids();
    const tree = [http, objects]
      .flatMap((pid) => (pid === undefined ? [] : descendants(pid)))
      .map((pid) => ({ exe: command(pid), nice: getPriority(pid) }))
      .filter((p) => p.exe !== '');
    const workerds = tree.filter((p) => /(^|\/)workerd$/.test(p.exe));
    const nodes = tree.filter((p) => isNodeExecutable(p.exe));
    // At least one per script (wrangler may run more than one workerd for a script).
    expect(workerds.length).toBeGreaterThanOrEqual(2);
    expect(nodes.length).toBeGreaterThanOrEqual(2);
    // workerd's path is under node_modules: a name match on "node" once lowered it with wrangler.
    for (const w of workerds) expect(w.nice).toBe(getPriority());
    for (const n of nodes) expect(n.nice).toBe(19);
  });

  it('answers a burst of 300 signed webhooks, each 200 and stored once, and still answers afterwards', async () => {
    const dataDir = testDataDir('e2e', 'topology');
    // The processes share --persist-to; nothing in it may be a SQLite file both write on every request.
    expect(existsSync(join(dataDir, 'worker', 'wrangler', 'v3', 'observability'))).toBe(false);
    // Only the burst's own lines count: a boot that lost the metadata.sqlite race logs SQLITE_BUSY and is retried
    // (scripts/lib/wrangler-process.ts); that is the start, not a stall under traffic.
    const logFile = join(dataDir, 'worker.log');
    const logFrom = statSync(logFile).size;
    // 32 outstanding over 40 conversations; a request is bounded (a stall shows as aborts, not a hang).
    const burst = await webhookBurst(stack, {
      count: 300,
      customers: 40,
      concurrency: 32,
      requestTimeoutMs: 120_000,
    });
    expect(Object.fromEntries(burst.statuses)).toEqual({ '200': 300 });
    const owner = new pg.Client({ connectionString: stack.ownerUrl });
    await owner.connect();
    try {
      const rows = async () =>
        (
          await owner.query<{ wamid: string; n: number }>(
            `select payload->'message'->>'externalId' as wamid, count(*)::int as n from conversation_events
              where type = 'message.created' and payload->'message'->>'externalId' like $1 group by 1`,
            [`${burst.wamidPrefix}%`],
          )
        ).rows;
      await eventually('300 messages in Postgres', async () => (await rows()).length === 300, 180_000);
      expect((await rows()).every((r) => r.n === 1)).toBe(true);
    } finally {
      await owner.end();
    }
    // Both processes still serve: a widget session needs the objects, a socket crosses to them.
    const session = await widget(stack);
    const client = new RecordingClient(socketUrl(stack, session.conversationId, session.token));
    await client.live();
    const id = client.client.send('depois da rajada');
    await eventually('ack after the burst', () => client.acks.has(id));
    client.client.close();
    const log = readFileSync(logFile).subarray(logFrom).toString('utf8');
    expect(log).toMatch(/POST \/webhooks\/whatsapp 200/);
    expect(log).not.toMatch(/database is locked|SQLITE_BUSY/);
  }, 420_000);

  it('answers an error envelope while the objects are down, then a restart brings both back with state', async () => {
    const session = await widget(stack);
    const client = new RecordingClient(socketUrl(stack, session.conversationId, session.token));
    await client.live();
    const first = client.client.send('first');
    await eventually('first ack', () => client.acks.has(first));
    client.client.close();

    const before = stack.worker.pids();
    process.kill(-(before.objects as number), 'SIGKILL');
    // The HTTP Worker itself still answers; what needs an object fails fast with the one error envelope.
    expect((await fetch(`${stack.workerUrl}/health`)).status).toBe(200);
    await eventually('a refused widget session while the objects are down', async () => {
      const res = await fetch(`${stack.workerUrl}/api/widget/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant: 'acme' }),
      });
      if (res.status < 500) return false;
      const body = (await res.json()) as { error?: { code?: string; requestId?: string } };
      return typeof body.error?.code === 'string' && typeof body.error.requestId === 'string';
    });

    await stack.worker.restart();
    const after = stack.worker.pids();
    expect(after.http).not.toBe(before.http);
    expect(after.objects).not.toBe(before.objects);

    const again = new RecordingClient(socketUrl(stack, session.conversationId, session.token));
    await again.live();
    const second = again.client.send('second');
    await eventually('second ack', () => again.acks.has(second));
    // The object's storage survived: the new message follows the old one, nothing before it lost.
    expect(again.acks.get(second)).toBe((client.acks.get(first) as number) + 1);
    await eventually('both rows in Postgres, once each', async () => {
      const rows = await archivedRows(stack.ownerUrl, session.conversationId);
      const mine = rows.filter((r) => r.clientId === first || r.clientId === second);
      return mine.length === 2 && mine[1]?.seq === (mine[0]?.seq as number) + 1;
    });
    again.client.close();
    // A restart of two wrangler processes takes up to a minute and a half on a busy 2-core machine.
  }, 180_000);
});
