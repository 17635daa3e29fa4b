// The integration's side: an HTTP server on loopback that takes Fio's deliveries the way a careful receiver
// would (signature checked over `${timestamp}.${body}` with the endpoint's secret, deduped by delivery id),
// answers 200 at once, and remembers when each arrived. The bench finds which customer message a delivery
// carries by the message's «marker», wherever the payload puts its text.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { WEBHOOK_HEADERS } from '../../../workers/contract/webhooks';

const MARK = /«(w\d+)»/;

export interface Arrival {
  /** Epoch ms (fractional) when the request's body had arrived. */
  at: number;
  deliveryId: string;
  event: string;
  /** The marker of the customer message it carries, if any. */
  key: string | null;
  signatureOk: boolean;
}

export class BenchReceiver {
  readonly arrivals: Arrival[] = [];
  /** First arrival per marker (a redelivery of the same delivery id is counted, not re-timed). */
  readonly byKey = new Map<string, Arrival>();
  readonly seenIds = new Set<string>();
  duplicates = 0;
  badSignatures = 0;
  secret: string | null = null;
  private server = createServer((req, res) => void this.handle(req, res));

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const at = performance.timeOrigin + performance.now();
    const raw = Buffer.concat(chunks).toString('utf8');
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
    };
    const deliveryId = header(WEBHOOK_HEADERS.id);
    const arrival: Arrival = {
      at,
      deliveryId,
      event: header(WEBHOOK_HEADERS.event),
      key: MARK.exec(raw)?.[1] ?? null,
      signatureOk: this.verify(header(WEBHOOK_HEADERS.timestamp), header(WEBHOOK_HEADERS.signature), raw),
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    this.arrivals.push(arrival);
    if (!arrival.signatureOk) this.badSignatures++;
    if (this.seenIds.has(deliveryId)) {
      this.duplicates++;
      return;
    }
    this.seenIds.add(deliveryId);
    if (arrival.key && !this.byKey.has(arrival.key)) this.byKey.set(arrival.key, arrival);
  }

  private verify(timestamp: string, signature: string, raw: string): boolean {
    if (!this.secret || !timestamp || !signature.startsWith('v1=')) return false;
    const expected = createHmac('sha256', this.secret).update(`${timestamp}.${raw}`).digest();
    const given = Buffer.from(signature.slice(3), 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
