// BENCH_WEBHOOK_DIRECT=1: the bench talks to each Worker's own workerd socket instead of `wrangler dev`'s proxy
// (a second workerd that every local request crosses, and production does not have: on this machine it costs
// more CPU per request than the bare route's Worker itself). The Worker's socket is found among the listening
// ports of its workerd process (the one under the given wrangler that is not the proxy) as the one answering
// GET /health with a 200; the other sockets there (inspector, loopback services) answer otherwise.
import { isDescendant, listenerPid, listeningPorts, snapshot } from '../cpu';

const PROBE_TIMEOUT_MS = 2_000;

async function answersHealth(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/** The origin of the Worker behind `proxyUrl` (served by a workerd under `wranglerPid`), without the proxy. */
export async function directOrigin(proxyUrl: string, wranglerPid: number): Promise<string> {
  const proxy = listenerPid(Number(new URL(proxyUrl).port));
  const procs = snapshot().procs;
  for (const [pid, proc] of procs) {
    if (proc.comm !== 'workerd' || pid === proxy || !isDescendant(pid, wranglerPid, procs)) continue;
    for (const port of listeningPorts(pid)) if (await answersHealth(port)) return `http://127.0.0.1:${port}`;
  }
  throw new Error(`no Worker socket found behind ${proxyUrl} (wrangler pid ${wranglerPid})`);
}
