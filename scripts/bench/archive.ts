// The Postgres side of a Fio run, read as the database owner: waiting until every acked event is archived,
// checking the rows are exact (no loss, no duplicate), and the flush lag archived_at - created_at.
import pg from 'pg';

const POLL_MS = 10;

export interface PgCounters {
  /** Sessions (connections) ever opened to the database, and transactions committed. */
  sessions: number;
  commits: number;
}

/** Cumulative counters from pg_stat_database; Postgres publishes them up to ~1 s late. */
export async function pgCounters(ownerUrl: string): Promise<PgCounters> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const res = await client.query<{ sessions: string; commits: string }>(
      'select sessions, xact_commit as commits from pg_stat_database where datname = current_database()',
    );
    const r = res.rows[0];
    return { sessions: Number(r?.sessions ?? 0), commits: Number(r?.commits ?? 0) };
  } finally {
    await client.end();
  }
}

export interface ArchiveResult {
  expectedRows: number;
  rows: number;
  /** Rows already archived when the load run returned (just after its last ack and delivery). */
  rowsWhenLoadEnded: number;
  /** Each conversation holds seq 1..N once each, with N distinct client ids, N = its acked messages. */
  exact: boolean;
  detail: string;
  /** From the last ack until a count(*) first saw every row; null if it never did within the timeout. */
  catchUpMs: number | null;
  lag: { n: number; p50: number; p99: number; max: number };
  /** Postgres sessions and commits from the start of the run until every row was archived. */
  activity: PgCounters | null;
}

interface CountRow {
  conversation_id: string;
  n: number;
  seqs: number;
  min_seq: number | null;
  max_seq: number | null;
  client_ids: number;
}

async function totalRows(client: pg.Client, ids: string[]): Promise<number> {
  const res = await client.query<{ n: number }>(
    'select count(*)::int as n from conversation_events where conversation_id = any($1::uuid[])',
    [ids],
  );
  return res.rows[0]?.n ?? 0;
}

async function exactness(
  client: pg.Client,
  expected: Map<string, number>,
): Promise<{ exact: boolean; detail: string }> {
  const res = await client.query<CountRow>(
    `select conversation_id, count(*)::int as n, count(distinct seq)::int as seqs, min(seq)::int as min_seq,
            max(seq)::int as max_seq, count(distinct client_id)::int as client_ids
       from conversation_events where conversation_id = any($1::uuid[]) group by conversation_id`,
    [[...expected.keys()]],
  );
  const found = new Map(res.rows.map((r) => [r.conversation_id, r]));
  const problems: string[] = [];
  for (const [id, n] of expected) {
    const r = found.get(id);
    const ok = r
      ? r.n === n && r.seqs === n && r.client_ids === n && (n === 0 || (r.min_seq === 1 && r.max_seq === n))
      : n === 0;
    if (!ok)
      problems.push(
        `${id}: expected ${n}, got rows=${r?.n ?? 0} distinct seq=${r?.seqs ?? 0} seq ${r?.min_seq}..${r?.max_seq} client ids=${r?.client_ids ?? 0}`,
      );
  }
  return {
    exact: problems.length === 0,
    detail:
      problems.length === 0
        ? 'exact'
        : `${problems.length} conversation(s) off: ${problems.slice(0, 3).join('; ')}`,
  };
}

/** Steady-state flush lag: warm-up rows (seq <= warmup) are left out, as they are for latency. */
async function flushLag(client: pg.Client, ids: string[], warmup: number): Promise<ArchiveResult['lag']> {
  const res = await client.query<{ n: number; p50: number | null; p99: number | null; max: number | null }>(
    `with l as (select extract(epoch from archived_at - created_at) * 1000 as ms
                  from conversation_events where conversation_id = any($1::uuid[]) and seq > $2)
     select count(*)::int as n,
            percentile_disc(0.5) within group (order by ms)::float8 as p50,
            percentile_disc(0.99) within group (order by ms)::float8 as p99,
            max(ms)::float8 as max
       from l`,
    [ids, warmup],
  );
  const r = res.rows[0];
  return { n: r?.n ?? 0, p50: r?.p50 ?? Number.NaN, p99: r?.p99 ?? Number.NaN, max: r?.max ?? Number.NaN };
}

/** Waits (bounded) until Postgres holds every acked row of these conversations, then checks and measures them. */
export async function checkArchive(
  ownerUrl: string,
  expected: Map<string, number>,
  lastAckEpochMs: number,
  timeoutMs: number,
  warmup: number,
): Promise<ArchiveResult> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const ids = [...expected.keys()];
    const expectedRows = [...expected.values()].reduce((a, b) => a + b, 0);
    const deadline = Date.now() + timeoutMs;
    let rows = await totalRows(client, ids);
    const rowsWhenLoadEnded = rows;
    let caughtUpAt: number | null = rows >= expectedRows ? Date.now() : null;
    while (caughtUpAt === null && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      rows = await totalRows(client, ids);
      if (rows >= expectedRows) caughtUpAt = Date.now();
    }
    const { exact, detail } = await exactness(client, expected);
    return {
      expectedRows,
      rows,
      rowsWhenLoadEnded,
      exact,
      detail,
      catchUpMs: caughtUpAt === null ? null : Math.max(0, caughtUpAt - lastAckEpochMs),
      lag: await flushLag(client, ids, warmup),
      activity: null,
    };
  } finally {
    await client.end();
  }
}
