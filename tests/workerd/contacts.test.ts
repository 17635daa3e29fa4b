// The contact panel: details and every ticket (newest first) with protocol, assignee and team; agents correct
// name, email and CPF/CNPJ (stored as digits); bad input stores nothing; another tenant's contact is a 404.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactPanelResponse, type DirectoryResponse } from '../../workers/contract';
import { ACME, GLOBEX } from '../support/fixtures';
import { asTenant, insertThread, openClient } from './db-helpers';
import { api, errorCode, login, widgetSession } from './helpers';

const acmeAgent = ACME.users[1] as (typeof ACME.users)[number];
const globexAgent = GLOBEX.users[0] as (typeof GLOBEX.users)[number];

let client: Client;
let agent: string;
let tenantId: string;

beforeAll(async () => {
  client = await openClient();
  ({ token: agent, tenantId } = await login(acmeAgent.email, acmeAgent.password));
});
afterAll(() => client.end());

async function contactOf(conversationId: string): Promise<string> {
  return asTenant(client, tenantId, async () => {
    const r = await client.query<{ contact_id: string }>(
      'select contact_id from conversations where id = $1',
      [conversationId],
    );
    return r.rows[0]?.contact_id as string;
  });
}

describe('contact panel', () => {
  it('shows the contact and every ticket newest first, with protocol, assignee and team names', async () => {
    const session = await widgetSession('acme', { name: 'Joana Cliente' });
    const contactId = await contactOf(session.conversationId);
    const directory = (await api<DirectoryResponse>('GET', '/api/directory', agent)).body;
    const me = directory.agents.find((a) => a.name === acmeAgent.name);
    const suporte = directory.teams.find((t) => t.name === 'Suporte');
    // An earlier, closed ticket handled by the agent for the Suporte team.
    await asTenant(client, tenantId, () =>
      client.query(
        `insert into tickets (tenant_id, conversation_id, protocol, status, priority, team_id, assignee_id, tags,
           opened_at, closed_at)
         values ($1, $2, '20250101000001', 'closed', 2, $3, $4, '{internet,lentidao}',
           '2025-01-01T10:00:00Z', '2025-01-01T11:00:00Z')`,
        [tenantId, session.conversationId, suporte?.id, me?.id],
      ),
    );
    const res = await api<ContactPanelResponse>('GET', `/api/contacts/${contactId}`, agent);
    expect(res.status).toBe(200);
    expect(ContactPanelResponse.safeParse(res.body).success).toBe(true);
    expect(res.body.contact).toMatchObject({ id: contactId, name: 'Joana Cliente', cpfCnpj: null });
    expect(res.body.tickets.map((t) => t.protocol)).toEqual([session.protocol, '20250101000001']);
    expect(res.body.tickets[0]).toMatchObject({
      status: 'queued',
      assigneeName: null,
      teamName: null,
      closedAt: null,
    });
    expect(res.body.tickets[1]).toMatchObject({
      conversationId: session.conversationId,
      status: 'closed',
      priority: 2,
      assigneeName: acmeAgent.name,
      teamName: 'Suporte',
      tags: ['internet', 'lentidao'],
      closedAt: '2025-01-01T11:00:00.000Z',
    });
  });

  it('saves name, email and CPF/CNPJ (digits only), and clears them with null', async () => {
    const session = await widgetSession('acme');
    const contactId = await contactOf(session.conversationId);
    const res = await api<ContactPanelResponse>('PATCH', `/api/contacts/${contactId}`, agent, {
      name: 'Marcos Souza',
      email: 'marcos@example.com',
      cpfCnpj: '123.456.789-09',
    });
    expect(res.status).toBe(200);
    expect(res.body.contact).toMatchObject({
      name: 'Marcos Souza',
      email: 'marcos@example.com',
      cpfCnpj: '12345678909',
    });
    expect(res.body.tickets).toHaveLength(1);
    const cnpj = await api<ContactPanelResponse>('PATCH', `/api/contacts/${contactId}`, agent, {
      cpfCnpj: '12.345.678/0001-95',
    });
    expect(cnpj.body.contact).toMatchObject({ name: 'Marcos Souza', cpfCnpj: '12345678000195' });
    const cleared = await api<ContactPanelResponse>('PATCH', `/api/contacts/${contactId}`, agent, {
      email: null,
      cpfCnpj: null,
    });
    expect(cleared.body.contact).toMatchObject({ name: 'Marcos Souza', email: null, cpfCnpj: null });
    const again = await api<ContactPanelResponse>('GET', `/api/contacts/${contactId}`, agent);
    expect(again.body.contact).toEqual(cleared.body.contact);
  });

  it('rejects bad input with a 400 and changes nothing', async () => {
    const { contactId } = await insertThread(client, tenantId, { name: 'Paula', phone: '5511900001111' });
    const before = (await api<ContactPanelResponse>('GET', `/api/contacts/${contactId}`, agent)).body;
    for (const body of [
      {},
      { cpfCnpj: '123' },
      { cpfCnpj: '123.456.789-0a' },
      { email: 'não é email' },
      { name: '' },
      { name: 'Ok', cpfCnpj: '1234567890123' },
    ]) {
      const res = await api('PATCH', `/api/contacts/${contactId}`, agent, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
    }
    // The phone is the WhatsApp identity: not editable here (unknown keys are ignored, so nothing to change).
    expect((await api('PATCH', `/api/contacts/${contactId}`, agent, { phone: '5511999999999' })).status).toBe(
      400,
    );
    expect((await api<ContactPanelResponse>('GET', `/api/contacts/${contactId}`, agent)).body).toEqual(
      before,
    );
  });

  it('refuses a CPF/CNPJ whose check digits are wrong (or all one digit), saying so, and stores nothing', async () => {
    const { contactId } = await insertThread(client, tenantId, {
      name: 'Rita',
      phone: '5511900002222',
      cpfCnpj: '52998224725',
    });
    const before = (await api<ContactPanelResponse>('GET', `/api/contacts/${contactId}`, agent)).body;
    for (const [cpfCnpj, words] of [
      ['123.456.789-00', /CPF is invalid: its check digits/],
      ['111.111.111-11', /CPF is invalid/],
      ['12.345.678/0001-96', /CNPJ is invalid: its check digits/],
      ['00.000.000/0000-00', /CNPJ is invalid/],
      ['1234567890', /11 digits and a CNPJ 14/],
    ] as const) {
      // With a valid name beside it: the whole change is refused, the name is not saved either.
      const res = await api<{ error: { details: { path: string; message: string }[] } }>(
        'PATCH',
        `/api/contacts/${contactId}`,
        agent,
        { name: 'Rita Mudada', cpfCnpj },
      );
      expect(res.status, cpfCnpj).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
      expect(res.body.error.details).toEqual([{ path: 'cpfCnpj', message: expect.stringMatching(words) }]);
    }
    expect((await api<ContactPanelResponse>('GET', `/api/contacts/${contactId}`, agent)).body).toEqual(
      before,
    );
    const stored = await asTenant(client, tenantId, () =>
      client.query<{ name: string; cpf_cnpj: string }>('select name, cpf_cnpj from contacts where id = $1', [
        contactId,
      ]),
    );
    expect(stored.rows[0]).toEqual({ name: 'Rita', cpf_cnpj: '52998224725' });
  });

  it("answers 404 for another tenant's contact, an unknown id and a malformed one", async () => {
    const session = await widgetSession('acme', { name: 'Privado' });
    const contactId = await contactOf(session.conversationId);
    const globex = (await login(globexAgent.email, globexAgent.password)).token;
    expect((await api('GET', `/api/contacts/${contactId}`, globex)).status).toBe(404);
    expect((await api('PATCH', `/api/contacts/${contactId}`, globex, { name: 'Roubado' })).status).toBe(404);
    expect((await api('GET', `/api/contacts/${crypto.randomUUID()}`, agent)).status).toBe(404);
    expect((await api('GET', '/api/contacts/nope', agent)).status).toBe(404);
    const mine = await api<ContactPanelResponse>('GET', `/api/contacts/${contactId}`, agent);
    expect(mine.body.contact.name).toBe('Privado');
  });
});
