// What the bench process asks its load-driver child to run (a LoadSpec) and what comes back (a LoadResult),
// carried over the child's IPC channel.

export interface RoomSpec {
  /** Sends the messages; says hello like a real participant, but its own receipts are not counted. */
  senderUrl: string;
  /** Sockets whose receipt of each event is a delivery. */
  subscriberUrls: string[];
}

export type Pacing =
  /** Open loop: `perSecond` sends per room on a fixed schedule, `count` in all, never waiting for acks. */
  | { kind: 'rate'; perSecond: number; count: number }
  /** Closed loop: at most `window` unacked sends per room, refilled on each ack, for `seconds`. */
  | { kind: 'window'; window: number; seconds: number };

export interface LoadSpec {
  label: string;
  rooms: RoomSpec[];
  pacing: Pacing;
  /** Messages per room sent and acked one at a time before measuring (not counted). */
  warmup: number;
  textBytes: number;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface LoadResult {
  label: string;
  sockets: number;
  connectMs: number;
  /** Measured phase only (warmup excluded). */
  sent: number;
  acked: number;
  /** Acks that arrived within the send phase, over that phase's length: the sustained rate. */
  ackedInPhase: number;
  phaseSeconds: number;
  ratePerSecond: number;
  /** send → ack, ms. */
  ack: Summary;
  /** send → receipt at each subscriber, all receipts pooled, ms. */
  delivery: Summary;
  expectedDeliveries: number;
  deliveries: number;
  /** A subscriber saw a seq that was not exactly one above its previous one. */
  orderViolations: number;
  /** Per room, every acked message including warmup: the rows Postgres must end up holding. */
  ackedTotalPerRoom: number[];
  /** Wall clock (ms since the epoch) of the last ack, comparable with Postgres timestamps. */
  lastAckEpochMs: number;
  errors: string[];
}
