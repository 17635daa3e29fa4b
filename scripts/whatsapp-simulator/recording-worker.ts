// A stand-in for the Fio Worker in simulator tests: records every webhook POST (path, headers, raw bytes)
// and answers with a configurable status, so tests can check exactly what the simulator delivered.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedHit {
  path: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

export interface RecordingWorker {
  url: string;
  hits: RecordedHit[];
  /** The parsed JSON body of hit `index`. */
  json(index: number): unknown;
  /** Status answered to the next POSTs (default 200). */
  answer(status: number): void;
  stop(): Promise<void>;
}

export async function startRecordingWorker(): Promise<RecordingWorker> {
  const hits: RecordedHit[] = [];
  let status = 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ path: req.url ?? '', headers: req.headers, raw: Buffer.concat(chunks) });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    json: (index) => JSON.parse(hits[index]?.raw.toString('utf8') ?? 'null'),
    answer: (s) => {
      status = s;
    },
    stop: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
