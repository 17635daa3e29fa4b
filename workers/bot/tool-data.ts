// What a tool_result's `data` holds, read leniently: on success the ERP tool's value (workers/erp/tools.ts:
// ErpCustomer, ErpInvoice[], TrustUnlock, ConnectionStatus, Maintenance[], ErpTicket), on failure its
// ErpFailure {code, message}. The engine never trusts it blindly: a field that does not parse is left out.
import { z } from 'zod';

const Str = z.coerce.string();
const OptStr = z.string().nullish().catch(null);

export const ContractData = z.object({
  id: Str,
  plan: z.string().catch(''),
  status: z.string().catch('active'),
  city: OptStr,
  neighbourhood: OptStr,
  pop: OptStr,
});
export type ContractData = z.infer<typeof ContractData>;

export const CustomerData = z.object({
  id: Str,
  name: z.string().catch(''),
  maskedDocument: z.string().catch(''),
  contracts: z.array(ContractData).catch([]),
});
export type CustomerData = z.infer<typeof CustomerData>;

export const InvoiceData = z.object({
  id: Str,
  contractId: OptStr,
  dueDate: z.string(),
  amount: z.coerce.number(),
  digitableLine: OptStr,
  pixCode: OptStr,
  pdfUrl: OptStr,
});
export type InvoiceData = z.infer<typeof InvoiceData>;
export const InvoiceList = z.array(InvoiceData);

export const UnlockData = z.object({
  days: z.coerce.number().int().nullish().catch(null),
  until: OptStr,
  protocol: z.coerce.string().nullish().catch(null),
  message: OptStr,
});

export const MaintenanceData = z.object({
  description: z.string().catch(''),
  startsAt: OptStr,
  endsAt: OptStr,
});
/** A list (the contract) or one item (lenient). */
export const MaintenanceList = z.union([z.array(MaintenanceData), MaintenanceData.transform((m) => [m])]);

export const TicketData = z.object({ id: z.coerce.string().nullish().catch(null), protocol: Str });

export const FailureData = z.object({ code: z.string().optional(), message: z.string().catch('') });
