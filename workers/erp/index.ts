// The ERP tools for a tenant's connection: the adapter for its ERP behind the one contract (tools.ts).
import { createIxcTools } from './ixc';
import { createSgpTools } from './sgp';
import type { ErpConnectionConfig, ErpTools } from './tools';

export { maskDocument } from './documents';
export type * from './tools';

export function createErpTools(config: ErpConnectionConfig): ErpTools {
  return config.kind === 'ixc' ? createIxcTools(config) : createSgpTools(config);
}
