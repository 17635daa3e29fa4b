// The SGP adapter against the real simulator over sockets: every tool for customers in each state, and
// SGP's quirks — loose types (4 / "4", "True", money as number or string), verificaacesso wrapped in a
// list, 2ª via that opens an occurrence unless nao_gerar_os=1 (always sent), "já atingiu quantidade
// permitida" on a second promise, consultacliente handing out servico_senha / contratoCentralSenha.
import { beforeAll, describe, expect, it } from 'vitest';
import { ERP, newIsp, requests, SECRET_MARKER, SEEDED, sideEffects, tools } from './erp-sim';

const isp = newIsp('sgp');
const sgp = tools('sgp', isp);
const results: unknown[] = [];
const keep = <T>(result: T): T => {
  results.push(result);
  return result;
};
const firstOf = <T>(list: T[]): T => {
  const [first] = list;
  if (first === undefined) throw new Error('empty list');
  return first;
};
const form = (fields: Record<string, string>) =>
  fetch(`${ERP}/sgp/${isp}/api/ura/${fields.route}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: 'sgp-sim-token-0123456789', app: 'fio', ...fields }).toString(),
  });

beforeAll(async () => {
  // What the adapter must drop is really on the wire.
  const raw = await (await form({ route: 'consultacliente', cpfcnpj: SEEDED.ana.document })).text();
  expect(raw).toContain('servico_senha');
  expect(raw).toContain('contratoCentralSenha');
  expect(raw).toContain(SECRET_MARKER);
});

describe('SGP: findCustomer', () => {
  it('finds customers by CPF in every state (contratoStatus 1/7/4/3, as numbers or strings)', async () => {
    const expected = {
      ana: 'active',
      bruno: 'reduced',
      carla: 'suspended',
      daniel: 'active',
      eduarda: 'active',
      felipe: 'active',
      gabriela: 'cancelled',
    } as const;
    for (const [who, status] of Object.entries(expected)) {
      const seeded = SEEDED[who as keyof typeof expected];
      const found = keep(await sgp.findCustomer({ document: seeded.document }));
      if (!found.ok) throw new Error(`${who}: ${found.error.detail}`);
      expect(found.value.id).toBe(seeded.customer);
      expect(found.value.contracts.map((c) => [c.id, c.status])).toEqual([[seeded.contract, status]]);
      expect(found.value.maskedDocument).toMatch(/^\*\*\*\.\d{3}\.\d{3}-\*\*$/);
    }
  });

  it('finds by phone (national number), a company with its two contracts and their POPs', async () => {
    const byPhone = keep(await sgp.findCustomer({ phone: SEEDED.felipe.phone }));
    if (!byPhone.ok) throw new Error(byPhone.error.message);
    expect(byPhone.value.name).toBe('Felipe Costa');
    expect(firstOf(byPhone.value.contracts)).toMatchObject({
      neighbourhood: 'Vila Mariana',
      pop: 'POP Vila Mariana',
      city: 'São Paulo',
    });
    const sent = (await requests(isp, 'consultacliente')).at(-1)?.body;
    expect(sent).toMatchObject({ telefone: '11988880006', token: '***', app: 'fio' });
    const legacy = keep(await sgp.findCustomer({ phone: '+551188880006' }));
    expect(legacy.ok && legacy.value.name).toBe('Felipe Costa');
    const company = keep(await sgp.findCustomer({ document: SEEDED.mercado.document }));
    expect(company.ok && company.value.contracts.map((c) => c.id)).toEqual(['1008', '1009']);
  });

  it('is not_found for "Nada encontrado"', async () => {
    const unknown = keep(await sgp.findCustomer({ document: '11144477700' }));
    expect(unknown.ok || unknown.error.code).toBe('not_found');
  });
});

describe('SGP: invoices', () => {
  it('always sends nao_gerar_os=1, so listing invoices never opens an occurrence', async () => {
    for (const who of ['ana', 'bruno', 'carla', 'mercado'] as const) {
      const listed = keep(await sgp.listOpenInvoices(SEEDED[who].contract, SEEDED[who].customer));
      expect(listed.ok).toBe(true);
    }
    const sent = await requests(isp, 'fatura2via');
    expect(sent.length).toBeGreaterThanOrEqual(4);
    for (const r of sent) expect(r.body).toMatchObject({ nao_gerar_os: '1' });
    expect((await sideEffects(isp)).occurrences).toEqual([]);
    // Without it, SGP does open one (what the flag prevents).
    await form({ route: 'fatura2via', contrato: '1001' });
    expect((await sideEffects(isp)).occurrences).toEqual([expect.objectContaining({ contract: '1001' })]);
  });

  it('returns digitable line, PIX (from pagamento/pix when 2ª via omits it), amount as a number and the PDF link', async () => {
    // Contract 1002 (even id): valor as a string and no codigopix in the 2ª via.
    const bruno = keep(await sgp.listOpenInvoices(SEEDED.bruno.contract, SEEDED.bruno.customer));
    if (!bruno.ok) throw new Error(bruno.error.message);
    const invoice = firstOf(bruno.value);
    expect(invoice).toMatchObject({ id: '10021', contractId: '1002', amount: 119.9 });
    expect(invoice.pixCode).toMatch(/^000201.*6304[0-9A-F]{4}$/);
    expect(invoice.pdfUrl).toBe(`${ERP}/sgp/${isp}/boleto/10021.pdf`);
    expect((await requests(isp, 'pagamento/pix')).map((r) => r.path)).toContain(
      `/sgp/${isp}/api/ura/pagamento/pix/10021/`,
    );
    const pdf = await sgp.invoicePdf(invoice);
    if (!pdf.ok) throw new Error(pdf.error.message);
    expect(new TextDecoder().decode(pdf.value.bytes.slice(0, 5))).toBe('%PDF-');
    const carla = keep(await sgp.listOpenInvoices(SEEDED.carla.contract, SEEDED.carla.customer));
    expect(carla.ok && carla.value.map((i) => [i.id, i.amount])).toEqual([
      ['10031', 89.9],
      ['10032', 89.9],
    ]);
    const none = keep(await sgp.listOpenInvoices(SEEDED.gabriela.contract, SEEDED.gabriela.customer));
    expect(none).toEqual({ ok: true, value: [] });
  });

  it('refuses a PDF link outside the ERP origin without connecting', async () => {
    const pdf = await sgp.invoicePdf({
      id: '1',
      contractId: '1002',
      dueDate: '2026-12-01',
      amount: 1,
      digitableLine: null,
      pixCode: null,
      pdfUrl: 'http://169.254.169.254/latest/meta-data',
    });
    expect(pdf.ok || [pdf.error.code, pdf.error.detail?.startsWith('sgp boleto: refused')]).toEqual([
      'erp_unavailable',
      true,
    ]);
  });
});

describe('SGP: trust unlock ("promessa de pagamento")', () => {
  it('grants once (liberado "True", days as a string), then refuses with SGP words: already_done', async () => {
    const first = keep(await sgp.trustUnlock(SEEDED.carla.contract));
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value).toMatchObject({ days: 3, message: 'Contrato liberado por 3 dias.' });
    expect(first.value.until).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(first.value.protocol).toMatch(/^\d{12,}$/);
    const second = keep(await sgp.trustUnlock(SEEDED.carla.contract));
    if (second.ok) throw new Error('granted twice');
    expect(second.error.code).toBe('already_done');
    expect(second.error.message).toContain('já atingiu quantidade permitida');
    expect((await sideEffects(isp)).unlocks).toHaveLength(1);
  });

  it('maps the other answers: already promised, not suspended, unknown contract', async () => {
    const daniel = keep(await sgp.trustUnlock(SEEDED.daniel.contract));
    expect(daniel.ok || daniel.error.code).toBe('already_done');
    const ana = keep(await sgp.trustUnlock(SEEDED.ana.contract));
    expect(ana.ok || [ana.error.code, ana.error.message]).toEqual([
      'not_allowed',
      'Contrato não está suspenso; não há o que liberar.',
    ]);
    const unknown = keep(await sgp.trustUnlock('99999'));
    expect(unknown.ok || unknown.error.code).toBe('not_found');
  });
});

describe('SGP: connection, maintenance, tickets', () => {
  it('reads verificaacesso 1/2/4, plain or wrapped in a list', async () => {
    const state = async (contract: string) => {
      const r = keep(await sgp.connectionStatus(contract));
      return r.ok ? r.value.state : r.error.code;
    };
    expect(await state(SEEDED.ana.contract)).toBe('online');
    expect(await state(SEEDED.eduarda.contract)).toBe('offline'); // wrapped, status "2"
    expect(await state(SEEDED.mercado.contract)).toBe('online'); // wrapped, status "1"
    expect(await state(SEEDED.felipe.contract)).toBe('offline');
    expect(await state('99999')).toBe('not_found');
    const fresh = tools('sgp', newIsp('sgp'));
    const carla = await fresh.connectionStatus(SEEDED.carla.contract);
    expect(carla.ok && carla.value.state).toBe('suspended');
  });

  it('tells the maintenance covering the contract POP, none elsewhere', async () => {
    const felipe = await sgp.findCustomer({ document: SEEDED.felipe.document });
    const ana = await sgp.findCustomer({ document: SEEDED.ana.document });
    if (!felipe.ok || !ana.ok) throw new Error('seed');
    const there = keep(await sgp.plannedMaintenance(firstOf(felipe.value.contracts)));
    expect(there.ok && there.value.map((m) => m.description.split(':')[0])).toEqual([
      'Manutenção programada na rede de fibra',
    ]);
    expect(keep(await sgp.plannedMaintenance(firstOf(ana.value.contracts)))).toEqual({ ok: true, value: [] });
  });

  it('opens a chamado once, with the protocol SGP gives', async () => {
    const ticket = keep(
      await sgp.openTicket(SEEDED.eduarda.contract, SEEDED.eduarda.customer, 'LOS vermelho', 'technical'),
    );
    if (!ticket.ok) throw new Error(ticket.error.message);
    expect(ticket.value.protocol).toMatch(/^\d{12,}$/);
    expect(await requests(isp, 'chamado')).toHaveLength(1);
    expect((await sideEffects(isp)).tickets).toEqual([
      expect.objectContaining({ protocol: ticket.value.protocol, contractId: '1005', text: 'LOS vermelho' }),
    ]);
    const unknown = keep(await sgp.openTicket('99999', '1', 'x', 'technical'));
    expect(unknown.ok || unknown.error.code).toBe('not_found');
  });

  it('tests the connection with a cheap authenticated read', async () => {
    expect((await sgp.testConnection()).ok).toBe(true);
  });
});

describe('SGP: secrets', () => {
  it('never returns servico_senha, contratoCentralSenha or a whole document in any result above', () => {
    expect(results.length).toBeGreaterThan(20);
    const all = JSON.stringify(results);
    expect(all).not.toContain(SECRET_MARKER);
    expect(all).not.toMatch(/senha/i);
    for (const seeded of Object.values(SEEDED)) expect(all).not.toContain(seeded.document);
  });
});
