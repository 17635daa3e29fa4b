// The ERP simulator (scripts/erp-simulator) seen from tests in workerd: adapters configured at a fresh ISP
// path (each test file gets its own copy of the seeded customers, so unlocks and tickets never cross
// files), faults, recorded requests and side effects through the control API.
import { env } from 'cloudflare:workers';
import { createErpTools } from '../../workers/erp';
import type { ErpTools } from '../../workers/erp/tools';

export const ERP = env.FIO_TEST_ERP_URL;
const PRIVATE = (env.PROVIDER_PRIVATE_ORIGINS ?? '').split(',');

/** What the simulator accepts (scripts/erp-simulator/seed.ts SIM_CREDENTIALS). */
export const IXC_CREDENTIALS = { user: '1', token: 'ixc-sim-token-0123456789' };
export const SGP_CREDENTIALS = { token: 'sgp-sim-token-0123456789', app: 'fio' };
/** Every seeded secret (PPPoE and portal passwords) contains this. */
export const SECRET_MARKER = 'S3cr3t';

/** The seeded customers (README "ERP tools"): document digits, E.164 phone, contract. */
export const SEEDED = {
  ana: { document: '52998224725', phone: '+5511988880001', customer: '101', contract: '1001' },
  bruno: { document: '11144477735', phone: '+5511988880002', customer: '102', contract: '1002' },
  carla: { document: '39053344705', phone: '+5511988880003', customer: '103', contract: '1003' },
  daniel: { document: '12345678909', phone: '+5511988880004', customer: '104', contract: '1004' },
  eduarda: { document: '98765432100', phone: '+5511988880005', customer: '105', contract: '1005' },
  felipe: { document: '45612378955', phone: '+5511988880006', customer: '106', contract: '1006' },
  gabriela: { document: '17518172020', phone: '+5511988880007', customer: '107', contract: '1007' },
  mercado: { document: '11222333000181', phone: '+5511988880008', customer: '108', contract: '1008' },
} as const;

export const newIsp = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

export function tools(
  kind: 'ixc' | 'sgp',
  isp: string,
  options: { credentials?: Record<string, string>; timeoutMs?: number } = {},
): ErpTools {
  return createErpTools({
    kind,
    baseUrl: kind === 'ixc' ? `${ERP}/ixc/${isp}` : `${ERP}/sgp/${isp}`,
    credentials: options.credentials ?? (kind === 'ixc' ? IXC_CREDENTIALS : SGP_CREDENTIALS),
    timeoutMs: options.timeoutMs,
    privateOrigins: PRIVATE,
    fetch: (input, init) => fetch(input, init),
  });
}

async function controlJson<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${ERP}/_control${path}`, init);
  if (!res.ok) throw new Error(`control ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface Recorded {
  method: string;
  path: string;
  route: string;
  headers: Record<string, string>;
  body: Record<string, unknown> | string | null;
  status: number;
  fault: string | null;
}

export const requests = async (isp: string, route?: string) =>
  (
    await controlJson<{ requests: Recorded[] }>(
      `/requests?isp=${isp}${route ? `&route=${encodeURIComponent(route)}` : ''}`,
    )
  ).requests;

export interface SideEffects {
  occurrences: { contract: string }[];
  tickets: { id: string; protocol: string; contractId: string; text: string }[];
  unlocks: { contractId: string; until: string }[];
}

export const sideEffects = (isp: string) => controlJson<SideEffects>(`/state?isp=${isp}`);

export type FailureKind = 'http500' | 'html' | 'reset' | 'hang';

export const setFaults = (
  isp: string,
  faults: { latencyMs?: number; failure?: { kind: FailureKind; times?: number; route?: string } },
) =>
  controlJson(`/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ isp, ...faults }),
  });

export const clearFaults = (isp: string) => controlJson(`/faults?isp=${isp}`, { method: 'DELETE' });
