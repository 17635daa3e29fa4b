// What the SLA keeper remembers about the current ticket, kept in the object's meta table so clocks survive
// restarts and evictions: the ticket it belongs to, when it reached people, the SLA (clocks) it runs under,
// the hours those clocks count in, the policy's next-response target, breaches and the first response.
import type { TicketSla } from '../../../workers/contract';
import type { MetaTable } from '../../meta-table';
import type { BusinessWindow } from './sla-clock';

export interface LiveSla {
  ticketId: string;
  /** When the ticket reached people (queued or assigned): clocks count from here. null while the bot holds it. */
  startedAt: string | null;
  /** The policy was chosen (false while the tenant's setup was still loading: chosen when it arrives). */
  picked: boolean;
  /** Priority or team changed before the setup was loaded: choose again when it arrives. */
  repick: boolean;
  /** The clocks; null when no policy matched (the first response is still recorded). */
  sla: TicketSla | null;
  /** The hours the clocks count in (null: always open), kept so clocks move without the setup. */
  window: BusinessWindow;
  /** The chosen policy's next-response target (a turn starts with a customer message after an answer). */
  nextResponseMinutes: number | null;
  /** Targets breached on this ticket (next response: once per turn). */
  breaches: number;
  /** Object time of the first message by a person on this ticket. */
  firstResponseAt: string | null;
  closed: boolean;
}

const KEY = 'sla_live';

export function freshLive(ticketId: string): LiveSla {
  return {
    ticketId,
    startedAt: null,
    picked: false,
    repick: false,
    sla: null,
    window: null,
    nextResponseMinutes: null,
    breaches: 0,
    firstResponseAt: null,
    closed: false,
  };
}

export function readLive(meta: MetaTable): LiveSla | null {
  const raw = meta.get(KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as LiveSla;
  } catch {
    return null;
  }
}

export function saveLive(meta: MetaTable, live: LiveSla): void {
  meta.set(KEY, JSON.stringify(live));
}
