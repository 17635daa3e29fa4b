// An inbox summary for client-side tests (inbox socket client, views): a queued, unassigned conversation
// with nothing unread; each test states what differs.
import type { InboxSummary } from '../../workers/contract';

const NOBODY = '00000000-0000-4000-8000-000000000000';

export function inboxSummary(
  fields: Partial<InboxSummary> & Pick<InboxSummary, 'conversationId'>,
): InboxSummary {
  return {
    channelId: NOBODY,
    channelKind: 'widget',
    contact: { id: NOBODY, name: null, phone: null },
    status: 'queued',
    protocol: null,
    priority: 3,
    teamId: null,
    teamName: null,
    assigneeId: null,
    assigneeName: null,
    tags: [],
    lastSeq: 1,
    lastMessage: null,
    unread: 0,
    waitingSince: null,
    updatedAt: '2026-11-21T12:00:00.000Z',
    ...fields,
  };
}
