// A tenant's bot flow as data: steps with ids, validated by zod here (shape) and by the bot's flow checker
// (references, reachability, branches), stored as versions, edited in the admin's structured editor.
// Texts may carry placeholders such as {{protocol}}, {{customer.name}}, {{unlock.until}} (see the README).
import { z } from 'zod';
import { TicketKind, TOOL_OUTCOMES, ToolName } from './bot-tools';
import { Priority, TagInput } from './events';
import { Uuid } from './ids';

export const StepId = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _, starting with a letter (max 40)');
export type StepId = z.infer<typeof StepId>;
export const VarName = z.string().regex(/^[a-z][a-z0-9_]{0,29}$/, 'lowercase letters, digits and _');
const FlowText = z.string().trim().min(1).max(1000);
const Attempts = z.number().int().min(1).max(5);
/** Words that match an option besides its number and label (typos are matched by distance, not listed). */
const Synonyms = z.array(z.string().trim().min(1).max(60)).max(30);

const base = { id: StepId, title: z.string().trim().max(80).optional() };

export const MessageStep = z.object({ ...base, type: z.literal('message'), text: FlowText, next: StepId });

export const MenuOption = z.object({
  label: z.string().trim().min(1).max(80),
  synonyms: Synonyms,
  next: StepId,
});
/** Numbered options (1, 2, 3 … in order), matched by number, label, synonym or a near spelling of them. */
export const MenuStep = z.object({
  ...base,
  type: z.literal('menu'),
  text: FlowText,
  options: z.array(MenuOption).min(1).max(10),
  invalidText: FlowText,
  maxAttempts: Attempts,
  onFail: StepId,
});

/** Asks and validates: a CPF/CNPJ (check digits), a yes/no, a choice among the customer's contracts, free text. */
export const AskStep = z.object({
  ...base,
  type: z.literal('ask'),
  input: z.enum(['cpf_cnpj', 'yes_no', 'contract', 'text']),
  text: FlowText,
  invalidText: FlowText,
  saveAs: VarName,
  maxAttempts: Attempts,
  onFail: StepId,
  next: StepId,
  /** yes_no only: where a "não" goes (`next` takes the "sim"). */
  noNext: StepId.optional(),
});

export const ToolStep = z.object({
  ...base,
  type: z.literal('tool'),
  tool: ToolName,
  /** open_ticket only: the ticket's text (placeholders allowed) and kind. */
  ticketText: FlowText.optional(),
  ticketKind: TicketKind.optional(),
  /** Outcome → next step; every outcome TOOL_OUTCOMES lists for the tool must be mapped. */
  on: z.record(z.string(), StepId),
});

/** Sends what list_open_invoices found: the digitable line, the PIX copy-and-paste code, the PDF. */
export const SendInvoicesStep = z.object({
  ...base,
  type: z.literal('send_invoices'),
  parts: z
    .array(z.enum(['digitable_line', 'pix', 'pdf']))
    .min(1)
    .max(3),
  text: FlowText.optional(),
  next: StepId,
});

export const SetStep = z.object({
  ...base,
  type: z.literal('set'),
  tags: z.array(TagInput).max(10).optional(),
  priority: Priority.optional(),
  teamId: Uuid.nullable().optional(),
  next: StepId,
});

export const HandoffStep = z.object({
  ...base,
  type: z.literal('handoff'),
  text: FlowText,
  teamId: Uuid.nullable(),
  reason: z.string().trim().min(1).max(80),
});

export const EndStep = z.object({ ...base, type: z.literal('end'), text: FlowText, resolved: z.boolean() });

/** LLM mode: the model answers from the knowledge base and calls tools; without AI it goes to `fallback`. */
export const AiStep = z.object({
  ...base,
  type: z.literal('ai'),
  text: FlowText.optional(),
  fallback: StepId,
  handoffTeamId: Uuid.nullable(),
});

export const FlowStep = z.discriminatedUnion('type', [
  MessageStep,
  MenuStep,
  AskStep,
  ToolStep,
  SendInvoicesStep,
  SetStep,
  HandoffStep,
  EndStep,
  AiStep,
]);
export type FlowStep = z.infer<typeof FlowStep>;
export type FlowStepType = FlowStep['type'];

export const FLOW_STEPS_MAX = 200;

export const BotFlow = z.object({
  schema: z.literal(1),
  name: z.string().trim().min(1).max(120),
  /** Said once when the bot starts a ticket; {{protocol}} is the ticket's protocol number. */
  greeting: FlowText,
  start: StepId,
  steps: z.array(FlowStep).min(1).max(FLOW_STEPS_MAX),
  /** "falar com atendente" and the like: at any point, go to `handoffStep`. */
  handoffKeywords: z.array(z.string().trim().min(1).max(60)).max(30),
  handoffStep: StepId,
  /** Where the bot goes when it cannot go on (a step failed, the watchdog fired): usually a hand-off. */
  fallbackStep: StepId,
});
export type BotFlow = z.infer<typeof BotFlow>;

/** One problem found in a flow, pointing at the step (and field) it is about. */
/** What kind of problem an issue is, so the editor can word it in the admin's language (`message` stays English). */
export const FlowIssueCode = z.enum([
  'invalid_value',
  'unknown_step_type',
  'duplicate_id',
  'unknown_step',
  'missing_outcome',
  'unknown_outcome',
  'missing_field',
  'missing_no_branch',
  'no_branch_not_yes_no',
  'option_clash',
  'unreachable',
  'loop',
  'foreign_team',
  'text_not_storable',
]);
export type FlowIssueCode = z.infer<typeof FlowIssueCode>;

export const FlowIssue = z.object({
  stepId: StepId.nullable(),
  path: z.string().max(200),
  /** English, for API callers and logs; the editor words `code` + `params` instead when it knows the code. */
  message: z.string().max(500),
  code: FlowIssueCode.optional(),
  /** The names and values the message is made of (step ids, the tool, the outcome…), for the wording. */
  params: z.record(z.string().max(40), z.string().max(500)).optional(),
});
export type FlowIssue = z.infer<typeof FlowIssue>;

export { TOOL_OUTCOMES };
