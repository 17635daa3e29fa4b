// The monthly bill for a load, as pure arithmetic: the load (ISPs, messages a day, sockets, open
// conversations) × the per-message and per-socket use `npm run bench:scale` measured (measured-usage.json)
// × the list prices (prices.ts), minus each plan's included allowance. No I/O here, so the test can check
// it on a hand-computed case; index.ts reads the files and prints the table.
import {
  DAYS_PER_MONTH,
  DO_BILLED_GB,
  HOURS_PER_MONTH,
  type PriceKey,
  type PriceTable,
  WS_MESSAGES_PER_BILLED_REQUEST,
} from './prices';

export interface Load {
  isps: number;
  messagesPerDay: number;
  /** Sockets open at once (agents' dashboards and conversations, widget customers). */
  sockets: number;
  /** Conversation objects that exist (each keeps its SQLite storage). */
  openConversations: number;
}

/** What the model cannot measure on one machine, stated and overridable (`npm run cost -- --help`). */
export interface Assumptions {
  /** Share of messages carrying a file (stored in R2). */
  mediaShare: number;
  /** Hours a day the average socket is open (24: every socket all day, the worst case). */
  socketHoursPerDay: number;
  /** Connects per socket per day (reconnects after a deploy, a network change, a laptop waking). */
  connectsPerSocketPerDay: number;
  /** Months messages are kept in Postgres and files in R2 before retention redacts them. */
  retentionMonths: number;
  /** The smallest Neon compute kept on (CU), for the primary and for each read replica. */
  neonMinCu: number;
  neonReplicas: number;
  /** Postgres CPU measured × this: a database run at most at 1/headroom of its compute. */
  neonHeadroom: number;
}

export const DEFAULT_ASSUMPTIONS: Assumptions = {
  mediaShare: 0.1,
  socketHoursPerDay: 24,
  connectsPerSocketPerDay: 4,
  retentionMonths: 12,
  neonMinCu: 2,
  neonReplicas: 1,
  neonHeadroom: 2,
};

/** The shape of scripts/cost/measured-usage.json (written by `npm run bench:scale`). */
export interface MeasuredUsage {
  measuredAt: string;
  commit: string;
  command: string;
  notes: string[];
  perMessage: {
    workerRequests: number;
    workerCpuMs: number;
    doRequests: number;
    /** Wall time objects are active per message (not hibernating), ms. */
    doActiveMs: number;
    sqliteRowsRead: number;
    sqliteRowsWritten: number;
    postgresRowsWritten: number;
    postgresBytes: number;
    postgresCpuMs: number;
    queueOperations: number;
    analyticsDataPoints: number;
  };
  perMediaMessage: { r2ClassA: number; r2ClassB: number; r2Bytes: number };
  perConversation: { sqliteBytes: number };
  perSocket: {
    /** Worker and DO requests a connect costs (the upgrade through the Worker into the object). */
    workerRequestsPerConnect: number;
    doRequestsPerConnect: number;
    /** Incoming frames per open hour (the app's keep-alive pings). */
    incomingMessagesPerHour: number;
  };
}

export interface CostLine {
  item: string;
  price: PriceKey;
  usage: number;
  unit: string;
  included: number;
  usd: number;
  /** How the usage was derived, for the table's reader. */
  how: string;
}

export interface Bill {
  lines: CostLine[];
  totalUsd: number;
  messagesPerMonth: number;
  perIspUsd: number;
  perThousandMessagesUsd: number;
}

const GB = 1e9;

function line(prices: PriceTable, price: PriceKey, item: string, usage: number, how: string): CostLine {
  const p = prices[price];
  const billable = Math.max(0, usage - p.included);
  return { item, price, usage, unit: p.unit, included: p.included, usd: (billable / p.per) * p.usd, how };
}

export function monthlyBill(load: Load, usage: MeasuredUsage, prices: PriceTable, a: Assumptions): Bill {
  const m = usage.perMessage;
  const msgs = load.messagesPerDay * DAYS_PER_MONTH;
  const media = msgs * a.mediaShare;
  const connects = load.sockets * a.connectsPerSocketPerDay * DAYS_PER_MONTH;
  const socketHours = load.sockets * a.socketHoursPerDay * DAYS_PER_MONTH;
  const wsIncoming = socketHours * usage.perSocket.incomingMessagesPerHour;
  const pgCpuHours = (msgs * m.postgresCpuMs) / 3_600_000;
  const neonFloor = a.neonMinCu * HOURS_PER_MONTH;
  const primaryCu = Math.max(neonFloor, pgCpuHours * a.neonHeadroom);
  const lines: CostLine[] = [
    line(prices, 'workersPaidBase', 'Workers Paid plan', 1, 'one account'),
    line(
      prices,
      'workerRequests',
      'Worker requests',
      msgs * m.workerRequests + connects * usage.perSocket.workerRequestsPerConnect,
      `${m.workerRequests} per message + ${usage.perSocket.workerRequestsPerConnect} per socket connect`,
    ),
    line(prices, 'workerCpuMs', 'Worker CPU', msgs * m.workerCpuMs, `${m.workerCpuMs} ms per message`),
    line(
      prices,
      'doRequests',
      'Durable Object requests',
      msgs * m.doRequests +
        connects * usage.perSocket.doRequestsPerConnect +
        wsIncoming / WS_MESSAGES_PER_BILLED_REQUEST,
      `${m.doRequests} per message + connects + socket frames ÷ ${WS_MESSAGES_PER_BILLED_REQUEST}`,
    ),
    line(
      prices,
      'doDurationGbS',
      'Durable Object duration',
      ((msgs * m.doActiveMs) / 1000) * DO_BILLED_GB,
      `${m.doActiveMs} ms active per message × 128 MB (sockets hibernate)`,
    ),
    line(
      prices,
      'doSqlRowsRead',
      'DO SQLite rows read',
      msgs * m.sqliteRowsRead,
      `${m.sqliteRowsRead} per message`,
    ),
    line(
      prices,
      'doSqlRowsWritten',
      'DO SQLite rows written',
      msgs * m.sqliteRowsWritten,
      `${m.sqliteRowsWritten} per message`,
    ),
    line(
      prices,
      'doSqlStorageGbMonth',
      'DO SQLite storage',
      (load.openConversations * usage.perConversation.sqliteBytes) / GB,
      `${Math.round(usage.perConversation.sqliteBytes)} B per conversation object`,
    ),
    line(
      prices,
      'queueOperations',
      'Queue operations',
      msgs * m.queueOperations,
      `${m.queueOperations} per message`,
    ),
    line(
      prices,
      'r2ClassA',
      'R2 writes (class A)',
      media * usage.perMediaMessage.r2ClassA,
      `${a.mediaShare * 100} % media × ${usage.perMediaMessage.r2ClassA}`,
    ),
    line(
      prices,
      'r2ClassB',
      'R2 reads (class B)',
      media * usage.perMediaMessage.r2ClassB,
      `${a.mediaShare * 100} % media × ${usage.perMediaMessage.r2ClassB}`,
    ),
    line(
      prices,
      'r2StorageGbMonth',
      'R2 storage',
      (media * usage.perMediaMessage.r2Bytes * a.retentionMonths) / GB,
      `${a.retentionMonths} months of files`,
    ),
    line(
      prices,
      'analyticsDataPoints',
      'Analytics Engine data points',
      msgs * m.analyticsDataPoints,
      `${m.analyticsDataPoints} per message`,
    ),
    line(
      prices,
      'neonComputeCuHours',
      'Neon compute',
      primaryCu + a.neonReplicas * neonFloor,
      `primary max(${a.neonMinCu} CU always on, ${m.postgresCpuMs} CPU ms/msg × ${a.neonHeadroom}) + ${a.neonReplicas} replica(s)`,
    ),
    line(
      prices,
      'neonStorageGbMonth',
      'Neon storage',
      (msgs * m.postgresBytes * a.retentionMonths) / GB,
      `${Math.round(m.postgresBytes)} B per message × ${a.retentionMonths} months`,
    ),
  ];
  const totalUsd = lines.reduce((s, l) => s + l.usd, 0);
  return {
    lines,
    totalUsd,
    messagesPerMonth: msgs,
    perIspUsd: load.isps > 0 ? totalUsd / load.isps : 0,
    perThousandMessagesUsd: msgs > 0 ? (totalUsd / msgs) * 1000 : 0,
  };
}
