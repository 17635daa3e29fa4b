// The simulator's memory: one state per ISP path segment (created from the seed on first use, so each test
// file can take its own ISP and never share unlocks or tickets), the fault modes set through /_control, and
// every request received (auth stripped) for tests to assert what the adapters sent.
import { type SeedData, seedData } from './seed';

export type Protocol = 'ixc' | 'sgp';

/** What the ERP did that a caller cannot see in its answer (SGP's occurrence opened by fatura2via …). */
export interface SideEffects {
  /** SGP opens an occurrence ("OS") on every fatura2via without nao_gerar_os=1. */
  occurrences: { contract: string; at: string; route: string }[];
  tickets: {
    id: string;
    protocol: string;
    contractId: string;
    customerId: string;
    kind: string;
    text: string;
  }[];
  unlocks: { contractId: string; at: string; until: string }[];
  protocols: string[];
}

export interface IspState extends SeedData, SideEffects {
  isp: string;
  nextId: number;
}

export type Failure = 'http500' | 'html' | 'reset' | 'hang';

export interface Faults {
  latencyMs: number;
  failure: { kind: Failure; remaining: number | null; route: string | null } | null;
}

export interface RecordedRequest {
  at: string;
  isp: string;
  protocol: Protocol;
  method: string;
  path: string;
  /** IXC table or SGP route (`fatura2via`, `pagamento/pix`). */
  route: string;
  headers: Record<string, string>;
  /** Parsed JSON or form fields (SGP's token shown as "***"), else the raw text. */
  body: unknown;
  /** What the simulator answered (0 = connection dropped or held open). */
  status: number;
  fault: Failure | null;
}

/** Per ISP, so a busy ISP (a bench) never pushes out what a test's ISP recorded. */
const MAX_RECORDED_PER_ISP = 5000;

export class SimulatorState {
  private isps = new Map<string, IspState>();
  private faults = new Map<string, Faults>();
  private recorded = new Map<string, RecordedRequest[]>();

  isp(name: string): IspState {
    let state = this.isps.get(name);
    if (!state) {
      state = fresh(name);
      this.isps.set(name, state);
    }
    return state;
  }

  faultsOf(isp: string): Faults {
    return this.faults.get(isp) ?? { latencyMs: 0, failure: null };
  }

  setFaults(isp: string, faults: Faults | null): void {
    if (faults) this.faults.set(isp, faults);
    else this.faults.delete(isp);
  }

  record(request: RecordedRequest): void {
    const list = this.recorded.get(request.isp) ?? [];
    list.push(request);
    if (list.length > MAX_RECORDED_PER_ISP) list.splice(0, list.length - MAX_RECORDED_PER_ISP);
    this.recorded.set(request.isp, list);
  }

  /** Recorded requests of one ISP, or of all in arrival order. */
  requests(isp?: string): RecordedRequest[] {
    if (isp !== undefined) return this.recorded.get(isp) ?? [];
    return [...this.recorded.values()].flat().sort((a, b) => a.at.localeCompare(b.at));
  }

  clearRequests(isp?: string): void {
    if (isp === undefined) this.recorded.clear();
    else this.recorded.delete(isp);
  }

  /** Back to the seed: one ISP (its faults and recorded requests too) or everything. */
  reset(isp?: string): void {
    if (isp === undefined) {
      this.isps.clear();
      this.faults.clear();
      this.recorded.clear();
      return;
    }
    this.isps.set(isp, fresh(isp));
    this.faults.delete(isp);
    this.recorded.delete(isp);
  }
}

function fresh(isp: string): IspState {
  return {
    isp,
    ...seedData(new Date(), isp),
    occurrences: [],
    tickets: [],
    unlocks: [],
    protocols: [],
    nextId: 5000,
  };
}

/** A new id in this ISP (tickets, protocols). */
export function nextId(state: IspState): string {
  state.nextId += 1;
  return String(state.nextId);
}

/** A protocol number shaped like the ERPs' (`202612035001`). */
export function newProtocol(state: IspState): string {
  const protocol = `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}${nextId(state)}`;
  state.protocols.push(protocol);
  return protocol;
}

export const today = () => new Date().toISOString().slice(0, 10);
export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
