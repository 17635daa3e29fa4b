// Free loopback ports for the processes a stack starts (Postgres, wrangler dev, simulators given a port).
// A port found free here is bound by its process only seconds later (wrangler bundles and boots workerd
// first), and on a machine running several stacks at once (the e2e files run in parallel) two things went
// wrong when we asked the kernel for "any free port": another stack's process could be handed the same
// number meanwhile, and so could any socket bound to port 0 (the kernel's ephemeral range), so `wrangler
// dev` exited with "Address already in use". So ports come from below the ephemeral range, where nothing
// binds by accident, at random, and each one handed out is reserved for a while in a file every stack on
// the machine sees.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';

const RESERVATIONS = join(os.tmpdir(), 'fio-port-reservations');
/** Long enough for the slowest `wrangler dev` start we have seen on a loaded machine. */
const RESERVED_FOR_MS = 10 * 60_000;
const LOWEST = 15_000;

function ephemeralFloor(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const n = Number(low);
    if (Number.isInteger(n) && n > LOWEST + 1_000) return n;
  } catch {
    // not Linux: the IANA dynamic range starts at 49152
  }
  return 49_152;
}

/** True when this process now holds the machine-wide reservation of `port`. */
function reserve(port: number): boolean {
  mkdirSync(RESERVATIONS, { recursive: true });
  const file = join(RESERVATIONS, String(port));
  try {
    if (Date.now() - statSync(file).mtimeMs < RESERVED_FOR_MS) return false;
    rmSync(file, { force: true });
  } catch {
    // no reservation yet
  }
  try {
    closeSync(openSync(file, 'wx'));
    return true;
  } catch {
    return false; // another process reserved it a moment ago
  }
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function findFreePort(): Promise<number> {
  const ceiling = ephemeralFloor();
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * (ceiling - LOWEST));
    if (!reserve(port)) continue;
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port between ${LOWEST} and ${ceiling} after 200 tries`);
}
