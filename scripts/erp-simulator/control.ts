// The control API tests and the dev stack use (JSON, zod-validated; 400 with the reason otherwise):
//   POST   /_control/faults   {isp, latencyMs?, failure?: {kind: http500|html|reset|hang, times?, route?}}
//   GET    /_control/faults?isp=…         the ISP's current fault modes
//   DELETE /_control/faults?isp=…         back to a healthy, fast ERP
//   GET    /_control/requests?isp=&route=  recorded requests (method, path, headers minus auth, body)
//   DELETE /_control/requests?isp=…
//   GET    /_control/state?isp=…           side effects: occurrences, tickets, unlocks, protocols
//   POST   /_control/reset {isp?}          seed state again (that ISP's faults and requests too)
//   GET    /_control/customers             the seeded customers (what README's table shows)
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { readJson } from '../whatsapp-simulator/http';
import { type Answer, json } from './answers';
import { formatDocument } from './documents';
import type { SimulatorState } from './state';

const Isp = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lowercase letters, digits, - and _');

export const FaultsBody = z.strictObject({
  isp: Isp,
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  failure: z
    .strictObject({
      // http500: nginx's 500 page; html: a PHP error page with 200; reset: the socket dropped; hang: no answer.
      kind: z.enum(['http500', 'html', 'reset', 'hang']),
      /** How many requests fail (default: all until cleared). */
      times: z.number().int().min(1).max(1000).optional(),
      /** Only requests whose IXC table or SGP route starts with this. */
      route: z.string().min(1).max(100).optional(),
    })
    .optional(),
});

const ResetBody = z.strictObject({ isp: Isp.optional() }).default({});

function query(url: URL, name: string): string | undefined {
  return url.searchParams.get(name) ?? undefined;
}

export async function control(
  sim: SimulatorState,
  method: string,
  url: URL,
  req: IncomingMessage,
): Promise<Answer> {
  const path = url.pathname.replace(/^\/_control/, '');
  if (method === 'POST' && path === '/faults') {
    const parsed = FaultsBody.safeParse(await readJson(req));
    if (!parsed.success) return json({ error: z.prettifyError(parsed.error) }, 400);
    const { isp, latencyMs, failure } = parsed.data;
    sim.setFaults(isp, {
      latencyMs: latencyMs ?? 0,
      failure: failure
        ? { kind: failure.kind, remaining: failure.times ?? null, route: failure.route ?? null }
        : null,
    });
    return json({ ok: true, faults: sim.faultsOf(isp) });
  }
  if (method === 'GET' && path === '/faults') {
    const isp = Isp.safeParse(query(url, 'isp'));
    if (!isp.success) return json({ error: 'isp: required' }, 400);
    return json({ faults: sim.faultsOf(isp.data) });
  }
  if (method === 'DELETE' && path === '/faults') {
    const isp = Isp.safeParse(query(url, 'isp'));
    if (!isp.success) return json({ error: 'isp: required' }, 400);
    sim.setFaults(isp.data, null);
    return json({ ok: true });
  }
  if (method === 'GET' && path === '/requests') {
    const isp = query(url, 'isp');
    const route = query(url, 'route');
    const requests = sim.requests(isp).filter((r) => route === undefined || r.route === route);
    return json({ requests });
  }
  if (method === 'DELETE' && path === '/requests') {
    const isp = query(url, 'isp');
    sim.clearRequests(isp);
    return json({ ok: true });
  }
  if (method === 'GET' && path === '/state') {
    const isp = Isp.safeParse(query(url, 'isp'));
    if (!isp.success) return json({ error: 'isp: required' }, 400);
    const { occurrences, tickets, unlocks, protocols } = sim.isp(isp.data);
    return json({ occurrences, tickets, unlocks, protocols });
  }
  if (method === 'POST' && path === '/reset') {
    const raw = await readJson(req);
    const parsed = ResetBody.safeParse(raw ?? {});
    if (!parsed.success) return json({ error: z.prettifyError(parsed.error) }, 400);
    sim.reset(parsed.data.isp);
    return json({ ok: true });
  }
  if (method === 'GET' && path === '/customers') {
    const state = sim.isp(query(url, 'isp') ?? 'demo');
    return json({
      customers: state.customers.map((c) => ({
        id: c.id,
        name: c.name,
        document: formatDocument(c.document),
        phone: c.phone,
        contracts: state.contracts
          .filter((k) => k.customerId === c.id)
          .map((k) => ({ id: k.id, status: k.status, online: k.online, neighbourhood: k.neighbourhood })),
      })),
    });
  }
  return json({ error: 'no such control route' }, 404);
}
