// IXC's contract letters → the contract's status. `status` is the contract (A active, I inactive — how a
// cancelled contract shows —, D gave up, P pre-contract, N reported to credit bureaus but still served);
// `status_internet` the access (A, D disabled, CM manual block, CA automatic block, FA payment overdue,
// AA awaiting signature); `status_velocidade` R is the reduced speed ISPs apply for debt before blocking.
import type { ContractStatus } from '../tools';
import type { ContratoRow } from './schemas';

const BLOCKED = new Set(['CM', 'CA', 'FA']);

export function contractStatus(row: ContratoRow): ContractStatus {
  const contract = row.status.toUpperCase();
  const internet = (row.status_internet ?? 'A').toUpperCase();
  if (contract === 'I' || contract === 'D') return 'cancelled';
  if (contract === 'P') return 'inactive';
  if (BLOCKED.has(internet)) return 'suspended';
  if (internet === 'D' || internet === 'AA') return 'inactive';
  if ((row.status_velocidade ?? '').toUpperCase() === 'R') return 'reduced';
  return 'active';
}
