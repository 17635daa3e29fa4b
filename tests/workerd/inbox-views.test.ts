// The inbox's views and order as agents see them: which conversations each view holds (mine, my teams,
// queue…), priority 5 first then the longest wait, live counts; and canned responses filtered by the `/`
// shortcut with their variables filled.
import { describe, expect, it } from 'vitest';
import { cannedQuery, cannedValues, fillCanned, filterCanned } from '../../app/lib/canned';
import { viewCounts, viewList } from '../../app/lib/inbox-views';
import type { CannedResponse, InboxSummary } from '../../workers/contract';
import { inboxSummary } from './inbox-summary-fixture';

const me = {
  userId: '00000000-0000-4000-8000-0000000000a1',
  teamIds: ['00000000-0000-4000-8000-0000000000f1'],
};
const other = '00000000-0000-4000-8000-0000000000a2';
let n = 0;
function s(extra: Partial<InboxSummary>): InboxSummary {
  n++;
  return inboxSummary({
    conversationId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    channelId: me.userId,
    channelKind: 'whatsapp_cloud',
    contact: { id: me.userId, name: `C${n}`, phone: null },
    updatedAt: new Date().toISOString(),
    ...extra,
  });
}

describe('inbox views', () => {
  it('sorts by priority, then by who has waited longest', () => {
    const calm = s({ priority: 3, waitingSince: '2026-11-21T12:00:00.000Z' });
    const older = s({ priority: 3, waitingSince: '2026-11-21T11:00:00.000Z' });
    const urgent = s({ priority: 5, waitingSince: '2026-11-21T12:30:00.000Z' });
    const answered = s({ priority: 3, waitingSince: null });
    const list = viewList('queue', [calm, answered, older, urgent], me);
    expect(list.map((x) => x.conversationId)).toEqual(
      [urgent, older, calm, answered].map((x) => x.conversationId),
    );
  });

  it('puts each conversation in the views an agent expects, with counts', () => {
    const all = [
      s({ status: 'bot' }),
      s({ status: 'queued', teamId: me.teamIds[0] }),
      s({ status: 'assigned', assigneeId: me.userId }),
      s({ status: 'assigned', assigneeId: other, teamId: me.teamIds[0] }),
      s({ status: 'closed', assigneeId: me.userId }),
      s({ status: 'closed', updatedAt: '2020-01-01T00:00:00.000Z' }),
    ];
    expect(viewCounts(all, me)).toEqual({ bot: 1, queue: 1, mine: 1, teams: 2, all: 4, closed: 1 });
    expect(viewList('mine', all, me).map((x) => x.assigneeId)).toEqual([me.userId]);
  });
});

describe('canned responses', () => {
  const canned = (shortcut: string, title: string, body = ''): CannedResponse => ({
    id: shortcut,
    shortcut,
    title,
    body,
    createdAt: '2026-11-21T12:00:00.000Z',
  });
  const all = [
    canned('ola', 'Saudação'),
    canned('protocolo', 'Número de protocolo'),
    canned('boleto', 'Segunda via'),
  ];

  it('opens on a slash and filters by shortcut first, then by title', () => {
    expect(cannedQuery('/')).toBe('');
    expect(cannedQuery('/pro')).toBe('pro');
    expect(cannedQuery('/pro mais')).toBeNull();
    expect(cannedQuery('texto /pro')).toBeNull();
    expect(filterCanned(all, '').map((c) => c.shortcut)).toEqual(['ola', 'protocolo', 'boleto']);
    expect(filterCanned(all, 'pro').map((c) => c.shortcut)).toEqual(['protocolo']);
    expect(filterCanned(all, 'via').map((c) => c.shortcut)).toEqual(['boleto']);
  });

  it('fills known variables and leaves unknown ones as written', () => {
    const body =
      'Olá {{contact.name}}, aqui é {{ agent.name }}. Protocolo {{protocol}}. {{contact.phone}} {{x.y}}';
    expect(
      fillCanned(body, {
        'contact.name': 'Paula',
        'contact.phone': null,
        'agent.name': 'Bruno',
        protocol: '20261121000001',
      }),
    ).toBe('Olá Paula, aqui é Bruno. Protocolo 20261121000001.  {{x.y}}');
  });

  it("fills the contact's phone as people write it, not raw digits", () => {
    const values = cannedValues(
      { contact: { id: crypto.randomUUID(), name: 'Paula', phone: '5511987654321' }, protocol: '1' },
      'Bruno',
    );
    expect(fillCanned('Seu número: {{contact.phone}}', values)).toBe('Seu número: +55 (11) 98765-4321');
    const none = cannedValues(
      { contact: { id: crypto.randomUUID(), name: null, phone: null }, protocol: null },
      'Bruno',
    );
    expect(fillCanned('[{{contact.phone}}]', none)).toBe('[]');
  });
});
