// SGP's contratoStatus → the contract's status: 1 active, 2 inactive, 3 cancelled, 4 suspended,
// 5 technically unfeasible, 6 new, 7 active at reduced speed (4 and 7 mean debt).
import type { ContractStatus } from '../tools';

const STATUS: Record<string, ContractStatus> = {
  '1': 'active',
  '2': 'inactive',
  '3': 'cancelled',
  '4': 'suspended',
  '5': 'inactive',
  '6': 'inactive',
  '7': 'reduced',
};

export const contractStatus = (status: string): ContractStatus => STATUS[status.trim()] ?? 'inactive';

/** SGP says "not found" in words, with status 0. */
export const saysNotFound = (msg: string | null) =>
  /n[ãa]o encontrad|nada encontrad|inexistente/i.test(msg ?? '');
