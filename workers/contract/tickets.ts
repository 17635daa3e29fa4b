// REST shapes for what agents do to a conversation's ticket: take, assign, transfer, close, reopen, priority
// and tags. Each action is applied by the conversation's object (its one writer) and answered with the
// conversation's new inbox summary.
import { z } from 'zod';
import { Priority, TAGS_MAX, TagInput } from './events';
import { Seq, Uuid } from './ids';
import { InboxSummary } from './inbox';

export const TicketActionRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('take') }),
  z.object({ action: z.literal('assign'), assigneeId: Uuid }),
  /** To a team (and optionally one of its agents), or to an agent; the ticket goes back to the queue when no agent is named. */
  z.object({ action: z.literal('transfer'), teamId: Uuid.nullable(), assigneeId: Uuid.nullable() }),
  z.object({ action: z.literal('unassign') }),
  z.object({ action: z.literal('close') }),
  z.object({ action: z.literal('reopen') }),
  z.object({ action: z.literal('priority'), priority: Priority }),
  z.object({
    action: z.literal('tags'),
    tags: z
      .array(TagInput)
      .max(TAGS_MAX)
      .refine(
        (tags) => new Set(tags.map((t) => t.toLowerCase())).size === tags.length,
        'tags must be unique',
      ),
  }),
]);
export type TicketActionRequest = z.infer<typeof TicketActionRequest>;

export const TicketActionResponse = z.object({
  /** The seq of the ticket event the action appended (null when it changed nothing). */
  seq: Seq.nullable(),
  summary: InboxSummary,
});
export type TicketActionResponse = z.infer<typeof TicketActionResponse>;
