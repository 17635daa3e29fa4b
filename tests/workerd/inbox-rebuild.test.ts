// The first time a tenant's inbox object runs it reads the open conversations from Postgres: a conversation
// whose object never published anything (a widget session with no message yet) is listed with its ticket.
// Its own file, so this tenant's inbox object is new here.
import { describe, expect, it } from 'vitest';
import type { InboxServerFrame } from '../../workers/contract';
import { ACME } from '../support/fixtures';
import { login, openInbox, widgetSession } from './helpers';

const acmeAgent = ACME.users[1] as (typeof ACME.users)[number];

describe('inbox rebuild', () => {
  it('lists conversations that are only in Postgres, with their ticket, on the first hello', async () => {
    const session = await widgetSession('acme', { name: 'Seu Joaquim' });
    const { token } = await login(acmeAgent.email, acmeAgent.password);
    const inbox = await openInbox(token);
    inbox.send({ type: 'hello', since: 0 });
    await inbox.next('ready');
    const summaries = inbox.frames.filter(
      (f): f is Extract<InboxServerFrame, { type: 'summary' }> => f.type === 'summary',
    );
    const mine = summaries.find((f) => f.summary.conversationId === session.conversationId);
    expect(mine?.summary).toMatchObject({
      status: 'queued',
      protocol: session.protocol,
      contact: { name: 'Seu Joaquim' },
      assigneeId: null,
      unread: 0,
      lastMessage: null,
    });
    expect(mine?.summary.waitingSince).not.toBeNull();
    // Versions are strictly increasing, so a dashboard can resume from the last one it holds.
    const versions = summaries.map((f) => f.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    inbox.close();
  });
});
