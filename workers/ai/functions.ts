// The functions the model may call: the ERP tools (parameters generated from the contract's zod shapes, so
// the model's schema is the one the bot validates with) plus `handoff`, the tiny protocol by which the model
// says "a person should take this": a reason and its confidence in answering.
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { ToolArgs, ToolName } from '../contract';

export const HANDOFF_FUNCTION = 'handoff';

/** What the model sends when it calls `handoff`. */
export const HandoffArgs = z.object({
  reason: z.enum(['requested', 'low_confidence', 'negative_sentiment']),
  /** How sure the model is it could answer without a person, 0..1 (below 0.5 counts as low confidence). */
  confidence: z.number().min(0).max(1).optional(),
});
export type HandoffArgs = z.infer<typeof HandoffArgs>;

const DESCRIPTIONS: Record<ToolName, string> = {
  find_customer: "Find the ISP's customer by CPF/CNPJ (digits only) or phone (+55…): contracts and status.",
  list_open_invoices: "List the contract's open invoices (due date, amount, digitable line, PIX code).",
  trust_unlock: 'Ask the ERP for a trust unlock of a contract suspended for debt (the ERP may refuse).',
  connection_status: "The contract's connection status (online, offline, suspended) and last session.",
  planned_maintenance: "Planned maintenance or a known outage in the contract's area, now or soon.",
  open_ticket: 'Open a ticket in the ERP (technical, financial or commercial) and get its protocol.',
};

/** JSON schema of a zod shape as function parameters (refinements are checked by the bot, not the model). */
const parameters = (shape: z.ZodType) => {
  const { $schema: _drop, ...schema } = z.toJSONSchema(shape, { io: 'input', unrepresentable: 'any' }) as {
    $schema?: string;
  } & Record<string, unknown>;
  return schema;
};

export function functionDefinitions(allowed: readonly ToolName[]): ChatCompletionFunctionTool[] {
  const tools: ChatCompletionFunctionTool[] = allowed.map((name) => ({
    type: 'function',
    function: { name, description: DESCRIPTIONS[name], parameters: parameters(ToolArgs[name]) },
  }));
  tools.push({
    type: 'function',
    function: {
      name: HANDOFF_FUNCTION,
      description:
        'Hand the conversation to a human agent: when the customer asks for a person, is upset, or you ' +
        'cannot answer from the passages and tool results (say how confident you are, 0..1).',
      parameters: parameters(HandoffArgs),
    },
  });
  return tools;
}

/** The model's arguments for a tool, or null when it sent something unreadable. */
export function parseArguments(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

export const isToolName = (name: string): name is ToolName => ToolName.safeParse(name).success;
