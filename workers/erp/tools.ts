// The one tool contract every ERP adapter (IXC, SGP, later HubSoft, Voalle…) implements and the bot and the
// LLM call. Results, not exceptions: each call ends in a value or one of four failures, so a flow can branch
// on it. Adapters never return ERP secrets (PPPoE or portal passwords): those fields are dropped on parse.
import type { ErpErrorCode, TicketKind } from '../contract';

export type ErpResult<T> = { ok: true; value: T } | { ok: false; error: ErpFailure };

export interface ErpFailure {
  code: ErpErrorCode;
  /** The ERP's own words when it gave a reason (e.g. SGP's "já atingiu quantidade permitida"), else ours. */
  message: string;
  /** For logs: HTTP status, the ERP's code (IXC 107 …), "timeout", "html_page". Never a secret. */
  detail?: string;
}

export type ContractStatus = 'active' | 'reduced' | 'suspended' | 'cancelled' | 'inactive';

export interface ErpContract {
  id: string;
  plan: string;
  status: ContractStatus;
  /** Where the service is (for maintenance and outage matching), as the ERP names it. */
  city: string | null;
  neighbourhood: string | null;
  pop: string | null;
}

export interface ErpCustomer {
  id: string;
  name: string;
  /** CPF/CNPJ masked for display (***.181.720-**); the full number is never returned by the contract. */
  maskedDocument: string;
  contracts: ErpContract[];
}

export interface ErpInvoice {
  id: string;
  contractId: string | null;
  /** YYYY-MM-DD */
  dueDate: string;
  /** In reais, two decimals, as a number (ERPs send strings: "89.90"). */
  amount: number;
  digitableLine: string | null;
  pixCode: string | null;
  /** A public link to the PDF when the ERP gives one (SGP); IXC's PDF is fetched with `invoicePdf`. */
  pdfUrl: string | null;
}

export interface InvoicePdf {
  filename: string;
  bytes: Uint8Array;
}

export interface TrustUnlock {
  days: number;
  /** YYYY-MM-DD: the service stays unlocked until this day. */
  until: string | null;
  protocol: string | null;
  message: string | null;
}

export interface ConnectionStatus {
  state: 'online' | 'offline' | 'suspended';
  login: string | null;
  lastSessionStart: string | null;
  lastSessionStop: string | null;
  disconnectReason: string | null;
}

export interface Maintenance {
  description: string;
  /** ISO times when known. */
  startsAt: string | null;
  endsAt: string | null;
}

export interface ErpTicket {
  id: string | null;
  protocol: string;
}

export interface ErpTools {
  readonly kind: 'ixc' | 'sgp';
  findCustomer(query: { document?: string; phone?: string }): Promise<ErpResult<ErpCustomer>>;
  listOpenInvoices(contractId: string, customerId: string): Promise<ErpResult<ErpInvoice[]>>;
  invoicePdf(invoice: ErpInvoice): Promise<ErpResult<InvoicePdf>>;
  trustUnlock(contractId: string): Promise<ErpResult<TrustUnlock>>;
  connectionStatus(contractId: string): Promise<ErpResult<ConnectionStatus>>;
  /** Maintenance (or an outage the ERP knows about) now or soon in the contract's area; [] when none. */
  plannedMaintenance(contract: ErpContract): Promise<ErpResult<Maintenance[]>>;
  openTicket(
    contractId: string,
    customerId: string,
    text: string,
    kind: TicketKind,
  ): Promise<ErpResult<ErpTicket>>;
  /** A cheap authenticated read, for the admin's "test connection" button. */
  testConnection(): Promise<ErpResult<{ detail: string }>>;
}

/** What an adapter needs: where, how to authenticate (decrypted), and how to reach the network. */
export interface ErpConnectionConfig {
  kind: 'ixc' | 'sgp';
  baseUrl: string;
  /** IXC: { user, token }; SGP: { token, app }. */
  credentials: Record<string, string>;
  /** Per-call timeout (default 5 s). */
  timeoutMs?: number;
  /** Loopback/private origins this deployment allows (providerPrivateOrigins(env): the simulators locally). */
  privateOrigins: readonly string[];
  /** The runtime's fetch (tests may pass another); always used through the egress guard. */
  fetch: typeof fetch;
}
