// The ERP tools of one tenant, counted: every call (fio_erp_calls_total), its milliseconds
// (fio_erp_latency_ms_sum) and the ERP failing (fio_erp_errors_total: an `erp_unavailable` answer — timeouts,
// 5xx, unreachable, an unreadable answer — or an adapter that threw). Business answers (not_found,
// not_allowed, already_done) are the ERP working, not errors. Labels: the ERP kind and the method.
import type { Env } from '../env';
import type { ErpTools } from '../erp/tools';
import { countMetric } from './metrics';

type Method = Exclude<keyof ErpTools, 'kind'>;
const METHODS: readonly Method[] = [
  'findCustomer',
  'listOpenInvoices',
  'invoicePdf',
  'trustUnlock',
  'connectionStatus',
  'plannedMaintenance',
  'openTicket',
  'testConnection',
];

export function observedErpTools(env: Env, tenantId: string, tools: ErpTools): ErpTools {
  const observed: Record<string, unknown> = { kind: tools.kind };
  for (const method of METHODS) {
    const original = tools[method] as (
      ...args: unknown[]
    ) => Promise<{ ok: boolean; error?: { code: string } }>;
    observed[method] = async (...args: unknown[]) => {
      const started = Date.now();
      const labels = { erp: tools.kind, call: method };
      const done = (failed: string | null) => {
        countMetric(env, 'fio_erp_calls_total', tenantId, labels);
        countMetric(env, 'fio_erp_latency_ms_sum', tenantId, labels, Date.now() - started);
        if (failed) countMetric(env, 'fio_erp_errors_total', tenantId, { ...labels, reason: failed });
      };
      try {
        const result = await original.apply(tools, args);
        done(!result.ok && result.error?.code === 'erp_unavailable' ? 'erp_unavailable' : null);
        return result;
      } catch (err) {
        done('threw');
        throw err;
      }
    };
  }
  return observed as unknown as ErpTools;
}
