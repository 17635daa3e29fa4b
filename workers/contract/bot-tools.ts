// The ERP tools the bot's flows and the LLM call, by name, with their arguments and the outcomes a flow can
// branch on. One list for the flow editor, the engine, the model's function definitions and the adapters.
import { z } from 'zod';

export const ToolName = z.enum([
  'find_customer',
  'list_open_invoices',
  'trust_unlock',
  'connection_status',
  'planned_maintenance',
  'open_ticket',
]);
export type ToolName = z.infer<typeof ToolName>;

/** The tools that change something in the ERP: run at most once per demand, never retried blindly. */
export const WRITE_TOOLS: readonly ToolName[] = ['trust_unlock', 'open_ticket'];

/** How an ERP call can fail (HTML error pages and timeouts count as `erp_unavailable`). */
export const ErpErrorCode = z.enum(['not_found', 'not_allowed', 'already_done', 'erp_unavailable']);
export type ErpErrorCode = z.infer<typeof ErpErrorCode>;

/** A CPF (11 digits) or CNPJ (14 digits), digits only; the check digits are validated by the bot. */
export const DocumentDigits = z.string().regex(/^(\d{11}|\d{14})$/, 'CPF (11 digits) or CNPJ (14 digits)');
/** An ERP's contract id as the ERP spells it (IXC and SGP use numeric strings). */
export const ContractId = z.string().trim().min(1).max(40);
export const TicketKind = z.enum(['technical', 'financial', 'commercial']);
export type TicketKind = z.infer<typeof TicketKind>;

/** Arguments per tool (the LLM's function parameters are generated from these). */
export const ToolArgs = {
  find_customer: z
    .object({
      document: DocumentDigits.optional(),
      phone: z
        .string()
        .regex(/^\+\d{10,15}$/)
        .optional(),
    })
    .refine((a) => a.document !== undefined || a.phone !== undefined, 'a document or a phone'),
  list_open_invoices: z.object({ contractId: ContractId }),
  trust_unlock: z.object({ contractId: ContractId }),
  connection_status: z.object({ contractId: ContractId }),
  planned_maintenance: z.object({ contractId: ContractId }),
  open_ticket: z.object({
    contractId: ContractId,
    text: z.string().trim().min(1).max(2000),
    kind: TicketKind,
  }),
} satisfies Record<ToolName, z.ZodType>;

/**
 * What a flow's tool step branches on. Every tool can end in `erp_unavailable`; the others per tool:
 * connection_status says `online` / `offline` (or `suspended`), planned_maintenance `active` / `none`.
 */
export const TOOL_OUTCOMES = {
  find_customer: ['ok', 'not_found', 'erp_unavailable'],
  list_open_invoices: ['ok', 'not_found', 'erp_unavailable'],
  trust_unlock: ['ok', 'not_allowed', 'already_done', 'not_found', 'erp_unavailable'],
  connection_status: ['online', 'offline', 'suspended', 'not_found', 'erp_unavailable'],
  planned_maintenance: ['active', 'none', 'erp_unavailable'],
  open_ticket: ['ok', 'not_found', 'erp_unavailable'],
} as const satisfies Record<ToolName, readonly string[]>;
export type ToolOutcome<T extends ToolName = ToolName> = (typeof TOOL_OUTCOMES)[T][number];
