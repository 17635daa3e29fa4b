// What the bench process asks the webhook driver child to send (a WebhookSpec) and what comes back (a
// WebhookResult), carried over the child's IPC channel; wamids are rebuilt from `runTag` and the index.

export type WebhookPacing =
  /** One webhook per customer (new customers: contact + conversation are created), `concurrency` at once. */
  | { kind: 'once'; concurrency: number }
  /** Open loop: `perSecond` webhooks on a fixed schedule for `seconds`, never waiting for answers. */
  | { kind: 'rate'; perSecond: number; seconds: number }
  /** Closed loop: `inFlight` requests outstanding, each answer starting the next, for `seconds`. */
  | { kind: 'closed'; inFlight: number; seconds: number };

export interface WebhookSpec {
  label: string;
  url: string;
  appSecret: string;
  number: { phoneNumberId: string; displayPhoneNumber: string; wabaId: string };
  customers: number;
  pacing: WebhookPacing;
  /** Unique per run: request n carries wamid `wamid.bench.<runTag>.<n>`. */
  runTag: string;
  /** Fio answers `{"stored":1,…}`; a 200 without it is reported (the bare route answers an empty body). */
  expectStored: boolean;
}

export interface WebhookResult {
  label: string;
  sent: number;
  /** Per request n: wall clock at request start (ms since the epoch, fractional), and start→200 in ms. */
  startEpochMs: number[];
  /** NaN where the answer was not a 200. */
  ackMs: number[];
  ok: number;
  /** Non-200 answers and transport failures, by kind ("HTTP 503 retry", "ECONNRESET", …). */
  errors: Record<string, number>;
  errorCount: number;
  /** The first few error answers verbatim (status and body), to see what a 503 or 500 said. */
  errorSamples: string[];
  /** 200s whose body did not say the message was stored (Fio only). */
  notStored: number;
  /** 200s received within the send phase, over that phase's length. */
  okInPhase: number;
  phaseSeconds: number;
  /** Driver-side cost: building + signing one body (µs, mean), and how late the paced schedule ran. */
  buildSignUs: number;
  lateMsP99: number;
  /** Driver process CPU over the run, in cores busy on average. */
  driverCores: number;
  /** TCP connections the keep-alive agent opened. */
  connections: number;
}
