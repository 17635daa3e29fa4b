// The scale run's report: the table the README shows (setup, memory, delivery and archive lag for the
// baseline beside the many-tenant run, Postgres rows and connections, errors) in .fio/bench/scale.{json,md},
// and the per-message resource use the cost model reads, in scripts/cost/measured-usage.json.
import { writeFileSync } from 'node:fs';
import type { MeasuredUsage } from '../../cost/model';
import type { CpuUsage } from '../cpu';
import { writeReportFiles } from '../report-files';
import type { ClassStore } from './dostore';
import type { PhaseResult } from './measure';
import type { ConnectionPeak, PgCounts } from './probes';
import type { ScaleSettings } from './settings';

export interface ScaleReport {
  date: string;
  commit: string;
  settings: Record<string, unknown>;
  runTag: string;
  setup: {
    seedSeconds: number;
    /** created: in Postgres after the setup; real: by first messages (webhooks); cloned: copied in SQL. */
    conversations: {
      requested: number;
      created: number;
      real: number;
      cloned: number;
      seconds: number;
      cloneSeconds: number;
      errors: number;
    };
    /** HTTP Worker processes the sockets were spread over. */
    httpProcesses: number;
    sockets: {
      requested: number;
      open: number;
      dashboards: number;
      failed: number;
      seconds: number;
      closedEarly: number;
    };
  };
  memory: {
    processes: { pid: number; rss: number }[];
    rssIdle: number;
    rssObjectsNow: number;
    rssObjects: number;
    rssBeforeSockets: number;
    rssSockets: number;
    objectsCreated: number;
    socketsOpened: number;
  };
  baseline: PhaseResult | null;
  steady: PhaseResult;
  skipped: number;
  cpu: CpuUsage;
  postgres: { before: PgCounts; after: PgCounts; connections: ConnectionPeak };
  objects: {
    conversationsBefore: ClassStore;
    conversationsAfter: ClassStore;
    inboxBefore: ClassStore;
    inboxAfter: ClassStore;
  };
}

const f = (v: number, d = 1) =>
  Number.isFinite(v)
    ? v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
    : '—';
const kb = (b: number) => `${f(b / 1024, 1)} KB`;
const mb = (b: number) => `${f(b / 1e6, 0)} MB`;

/** Status webhooks the phone sends for every reply (sent, delivered, read), each a Worker request. */
const STATUSES_PER_REPLY = 3;

export function measuredUsage(r: ScaleReport): MeasuredUsage {
  const st = r.steady;
  const inbound = st.webhooks.ok;
  const outbound = st.replies.ok;
  const messages = Math.max(1, inbound + outbound);
  const cpuMs = (role: string) => (r.cpu.cores[role] ?? 0) * r.cpu.seconds * 1000;
  const sqliteRows =
    r.objects.conversationsAfter.rows -
    r.objects.conversationsBefore.rows +
    (r.objects.inboxAfter.rows - r.objects.inboxBefore.rows);
  const activeMs = (st.webhooks.ack.p50 * inbound + st.replies.ack.p50 * outbound) / messages;
  const perConv = r.objects.conversationsAfter.objects
    ? r.objects.conversationsAfter.bytes / r.objects.conversationsAfter.objects
    : 0;
  const round = (v: number, d = 3) => Math.round(v * 10 ** d) / 10 ** d;
  // Durable Object requests by code path (workerd counts none locally): a customer message is the
  // conversation object's receiveInbound, its inbox push and its archive flush (≤ 1, batched); a reply is
  // the tenant access check, the per-user rate limiter, postMessage, the number's send limiter, the inbox
  // push, the archive flush, and one conversation-object call per status webhook.
  const doRequests = (3 * inbound + (6 + STATUSES_PER_REPLY) * outbound) / messages;
  return {
    measuredAt: r.date,
    commit: r.commit,
    command: `npm run bench:scale (${r.settings.tenants} tenants, ${r.settings.minutes} min)`,
    notes: [
      `${inbound} customer messages and ${outbound} agent replies in ${r.settings.minutes} min over ${r.setup.sockets.open} open sockets`,
      'workerCpuMs: every workerd process of the stack (the Worker and its objects) over the messages: an upper bound for Worker CPU',
      'doRequests: counted along the code path (workerd does not count locally); see scripts/bench/scale/report.ts',
      'doActiveMs: the request p50 (the object is active while the Worker awaits it), an estimate',
      'sqliteRowsWritten: rows added to the conversation and inbox objects (updates are not visible from outside: a lower bound); sqliteRowsRead: 5 × that, an estimate (priced at $0.001/M it cannot move the bill)',
      'queueOperations: text messages use no queue; a media message is 3 (MEDIA_QUEUE write, read, delete)',
      'analyticsDataPoints: at most one per message: the metrics module writes one data point per counter series per flush, so batching makes it fewer (an upper bound)',
      'perMediaMessage: by design (one R2 put per download, two gets: the agent viewing and a resend), 200 KB average',
    ],
    perMessage: {
      workerRequests: round((inbound + outbound * (1 + STATUSES_PER_REPLY)) / messages),
      workerCpuMs: round(cpuMs('workerd (app + DOs)') / messages),
      doRequests: round(doRequests),
      doActiveMs: round(activeMs),
      sqliteRowsWritten: round(Math.max(0, sqliteRows) / messages),
      sqliteRowsRead: round((5 * Math.max(0, sqliteRows)) / messages),
      postgresRowsWritten: round((r.postgres.after.writes - r.postgres.before.writes) / messages),
      postgresBytes: round(
        Math.max(0, r.postgres.after.databaseBytes - r.postgres.before.databaseBytes) / messages,
        0,
      ),
      postgresCpuMs: round(cpuMs('postgres') / messages),
      queueOperations: 0,
      analyticsDataPoints: 1,
    },
    perMediaMessage: { r2ClassA: 1, r2ClassB: 2, r2Bytes: 200_000 },
    perConversation: { sqliteBytes: Math.round(perConv) },
    perSocket: { workerRequestsPerConnect: 1, doRequestsPerConnect: 2, incomingMessagesPerHour: 180 },
  };
}

function phaseRow(label: string, p: PhaseResult | null): string {
  if (!p) return `| ${label} | not run | | | | | | |`;
  const errs = p.webhooks.sent - p.webhooks.ok + (p.replies.sent - p.replies.ok);
  return (
    `| ${label} | ${p.webhooks.ok}/${p.webhooks.sent} · ${p.replies.ok}/${p.replies.sent} | ` +
    `${f(p.webhooks.ack.p99, 0)} | ${f(p.delivery.webhooks.p50, 0)} / ${f(p.delivery.webhooks.p99, 0)} | ` +
    `${f(p.delivery.replies.p50, 0)} / ${f(p.delivery.replies.p99, 0)} | ${f(p.archiveLag.p50, 0)} / ${f(p.archiveLag.p99, 0)} | ` +
    `${errs} | ${p.lost.socket + p.lost.graph + p.lost.postgres} / ${p.duplicated.socket + p.duplicated.graph + p.duplicated.postgres} |`
  );
}

export function renderScale(r: ScaleReport, u: MeasuredUsage): string {
  const mem = r.memory;
  const perObject = (mem.rssObjects - mem.rssIdle) / Math.max(1, mem.objectsCreated);
  const perSocket = (mem.rssSockets - mem.rssBeforeSockets) / Math.max(1, mem.socketsOpened);
  const tables = Object.entries(r.postgres.after.rows)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`)
    .join(', ');
  const conns = Object.entries(r.postgres.connections.byRoleState)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const cores = Object.entries(r.cpu.cores)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${f(v, 2)}`)
    .join(', ');
  const errors = { ...r.steady.webhooks.errors, ...r.steady.replies.errors };
  return [
    `### scale run ${r.date} (${r.commit}, run ${r.runTag})`,
    '',
    `Setup: ${r.settings.tenants} tenants seeded in ${f(r.setup.seedSeconds)} s; ` +
      `${r.setup.conversations.created.toLocaleString('en-US')} conversations: ` +
      `${r.setup.conversations.real.toLocaleString('en-US')} created by first messages in ` +
      `${f(r.setup.conversations.seconds)} s (${f(r.setup.conversations.real / r.setup.conversations.seconds)}/s, ` +
      `${r.setup.conversations.errors} errors), ${r.setup.conversations.cloned.toLocaleString('en-US')} copied from ` +
      `them in SQL in ${f(r.setup.conversations.cloneSeconds)} s; ${r.setup.sockets.open.toLocaleString('en-US')} sockets open ` +
      `(${r.setup.sockets.dashboards} dashboards) over ${r.setup.httpProcesses} HTTP Worker processes in ` +
      `${f(r.setup.sockets.seconds)} s, ${r.setup.sockets.failed} failed, ` +
      `${r.setup.sockets.closedEarly} closed by the server during the run.`,
    '',
    '| phase | webhooks ok · replies ok | webhook ack p99 ms | webhook → socket p50 / p99 ms | reply → Graph API p50 / p99 ms | archive lag p50 / p99 ms | non-2xx | lost / duplicated |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    phaseRow(`baseline: 1 tenant, ${r.settings.baselineMinutes} min`, r.baseline),
    phaseRow(`all ${r.settings.tenants} tenants, ${r.settings.minutes} min`, r.steady),
    '',
    `| memory (workerd RSS) | value |`,
    '| --- | ---: |',
    `| idle (after warm-up) | ${mb(mem.rssIdle)} |`,
    `| after creating ${mem.objectsCreated.toLocaleString('en-US')} objects (now / settled) | ${mb(mem.rssObjectsNow)} / ${mb(mem.rssObjects)} |`,
    `| per idle conversation object | ${kb(perObject)} |`,
    `| before / after ${mem.socketsOpened.toLocaleString('en-US')} sockets | ${mb(mem.rssBeforeSockets)} / ${mb(mem.rssSockets)} |`,
    `| per open socket | ${kb(perSocket)} |`,
    `| processes at the end | ${mem.processes.map((p) => `${p.pid}: ${mb(p.rss)}`).join(', ')} |`,
    '',
    `Postgres: peak ${r.postgres.connections.maxTotal} client connections (${conns}); largest tables ${tables}; ` +
      `database ${mb(r.postgres.after.databaseBytes)}. Conversation objects: ${r.objects.conversationsAfter.objects.toLocaleString('en-US')} ` +
      `(${mb(r.objects.conversationsAfter.bytes)} of SQLite, ${f(u.perConversation.sqliteBytes / 1024)} KB each).`,
    `CPU during the many-tenant phase (cores): ${cores}; machine ${f(r.cpu.machineBusy * 100, 0)} % busy. ` +
      `Sends skipped by the driver's in-flight cap: ${r.skipped}.`,
    Object.keys(errors).length ? `Errors: ${JSON.stringify(errors)}` : 'Errors: none.',
    '',
    '| per message (measured → scripts/cost/measured-usage.json) | value |',
    '| --- | ---: |',
    ...Object.entries(u.perMessage).map(([k, v]) => `| ${k} | ${v} |`),
  ].join('\n');
}

export function writeScaleReport(r: ScaleReport, s: ScaleSettings, log: (l: string) => void): void {
  const u = measuredUsage(r);
  const md = renderScale(r, u);
  process.stdout.write(`\n${md}\n`);
  const files = writeReportFiles(s.reportDir, 'scale', { ...r, usage: u }, `${md}\n`);
  // A phase that lost or refused messages measured a stalled stack, not the product's cost per message:
  // the cost model keeps the last healthy measurement rather than a wrong one.
  const st = r.steady;
  const failed = st.webhooks.sent - st.webhooks.ok + (st.replies.sent - st.replies.ok);
  const lost = st.lost.socket + st.lost.graph + st.lost.postgres;
  if (failed > 0 || lost > 0) {
    log(
      `wrote ${files.json} and ${files.md}; ${s.usageFile} kept (${failed} failed and ${lost} lost messages)`,
    );
    return;
  }
  writeFileSync(s.usageFile, `${JSON.stringify(u, null, 2)}\n`);
  log(`wrote ${files.json}, ${files.md} and ${s.usageFile}`);
}
