// The admin's flow API: versions (draft → published → retired), validation answers that point at steps, and
// the preview chat (the engine run server-side against the posted flow, tool outcomes chosen or simulated).
import { z } from 'zod';
import { BotFlow, FlowIssue } from './bot-flow';
import { ToolName } from './bot-tools';
import { Uuid } from './ids';

export const FlowVersionState = z.enum(['draft', 'published', 'retired']);
export type FlowVersionState = z.infer<typeof FlowVersionState>;

/** A version number as a path segment: 1, 2, 3 … (anything else names nothing: 404). */
export const FlowVersionNumber = z.coerce.number().int().min(1).max(2_000_000_000);

export const FlowVersionSummary = z.object({
  version: z.number().int(),
  state: FlowVersionState,
  createdAt: z.string(),
  /** Who saved it (null when that user is gone). */
  createdBy: z.object({ id: Uuid, name: z.string() }).nullable(),
  /** When it last went live (a restored version: the restore). */
  publishedAt: z.string().nullable(),
});
export type FlowVersionSummary = z.infer<typeof FlowVersionSummary>;

export const FlowVersionList = z.object({
  /** Newest first. */
  versions: z.array(FlowVersionSummary),
  /** The live version, if any. */
  published: z.number().int().nullable(),
});
export type FlowVersionList = z.infer<typeof FlowVersionList>;

export const FlowVersionView = FlowVersionSummary.extend({ flow: BotFlow });
export type FlowVersionView = z.infer<typeof FlowVersionView>;

/** The flow goes in unchecked (`unknown`): the checker answers with issues pointing at steps, not zod paths. */
export const FlowRequest = z.object({ flow: z.unknown() });

/** 422 `flow_invalid`: `details.issues` says what is wrong, step by step. */
export const FlowIssuesDetails = z.object({ issues: z.array(FlowIssue) });
export const FlowValidation = z.object({ issues: z.array(FlowIssue) });

// ---- preview ------------------------------------------------------------------------------------------------

/** The engine's state as the preview hands it back and forth (it lives in the admin's browser between turns). */
export const PreviewState = z.object({
  stepId: z.string().max(40).nullable(),
  attempts: z.number().int().min(0).max(100),
  vars: z.record(z.string().max(60), z.string().max(2000)),
  data: z.record(z.string().max(60), z.unknown()),
  phase: z.enum(['running', 'handed_off', 'ended']),
});
export type PreviewState = z.infer<typeof PreviewState>;

/** What the admin does: start the conversation, write as the customer, or pick a pending tool's outcome. */
export const PreviewInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start') }),
  z.object({
    kind: z.literal('message'),
    text: z.string().trim().min(1).max(4096),
    choiceId: z.string().max(200).nullable().optional(),
  }),
  z.object({
    kind: z.literal('tool_result'),
    callId: z.string().min(1).max(100),
    tool: ToolName,
    outcome: z.string().min(1).max(40),
  }),
]);
export type PreviewInput = z.infer<typeof PreviewInput>;

export const PreviewRequest = z.object({
  flow: z.unknown(),
  /** Absent (or null) with a `start` input: a new conversation. */
  state: PreviewState.nullable().optional(),
  input: PreviewInput,
});

/** One thing the bot did besides talking, for the preview's side notes. */
export const PreviewAction = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('tool'),
    tool: ToolName,
    outcome: z.string(),
    /** erp: the tenant's ERP answered; simulated: a write tool (never called from a preview); chosen: by the admin. */
    source: z.enum(['erp', 'simulated', 'chosen']),
  }),
  z.object({ kind: z.literal('invoice_pdf'), invoiceId: z.string() }),
  z.object({
    kind: z.literal('set_ticket'),
    tags: z.array(z.string()).optional(),
    priority: z.number().int().optional(),
    teamId: z.string().nullable().optional(),
  }),
  z.object({ kind: z.literal('handoff'), teamId: z.string().nullable(), reason: z.string() }),
  z.object({ kind: z.literal('end'), resolved: z.boolean() }),
  z.object({ kind: z.literal('ai'), text: z.string() }),
]);
export type PreviewAction = z.infer<typeof PreviewAction>;

export const PreviewReply = z.object({
  text: z.string(),
  choices: z.array(z.object({ id: z.string(), title: z.string() })).optional(),
});
export type PreviewReply = z.infer<typeof PreviewReply>;

export const PreviewResponse = z.object({
  state: PreviewState,
  replies: z.array(PreviewReply),
  actions: z.array(PreviewAction),
  /** A tool call waiting for the admin to pick its outcome (no ERP configured), else null. */
  pending: z.object({ callId: z.string(), tool: ToolName, outcomes: z.array(z.string()) }).nullable(),
  /** When the flow itself is invalid nothing runs: these say why. */
  issues: z.array(FlowIssue),
});
export type PreviewResponse = z.infer<typeof PreviewResponse>;
