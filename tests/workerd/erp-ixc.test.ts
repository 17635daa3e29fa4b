// The IXC adapter against the real simulator over sockets: every tool for customers in each state, and
// IXC's quirks — string values, `registros` missing when nothing matches, documents stored masked on one
// installation and digits-only on another (both searched), refusals by code (106/107/109) in IXC's own
// words, passwords handed out by cliente/radusuarios and never returned.
import { beforeAll, describe, expect, it } from 'vitest';
import { ERP, newIsp, requests, SECRET_MARKER, SEEDED, sideEffects, tools } from './erp-sim';

const isp = newIsp('ixc');
const ixc = tools('ixc', isp);
const results: unknown[] = [];
const firstOf = <T>(list: T[]): T => {
  const [first] = list;
  if (first === undefined) throw new Error('empty list');
  return first;
};
const keep = <T>(result: T): T => {
  results.push(result);
  return result;
};

beforeAll(async () => {
  // The simulator does hand out the secrets the adapter must drop.
  const res = await fetch(`${ERP}/ixc/${isp}/webservice/v1/radusuarios`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${btoa('1:ixc-sim-token-0123456789')}`,
      ixcsoft: 'listar',
      'content-type': 'application/json',
    },
    body: JSON.stringify({ qtype: 'radusuarios.id_contrato', query: '1001', oper: '=' }),
  });
  expect(await res.text()).toContain(SECRET_MARKER);
});

describe('IXC: findCustomer', () => {
  it('finds customers by CPF in every state, masked, with their contracts mapped', async () => {
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
      const found = keep(await ixc.findCustomer({ document: seeded.document }));
      if (!found.ok) throw new Error(`${who}: ${found.error.detail}`);
      expect(found.value.id).toBe(seeded.customer);
      expect(found.value.contracts.map((c) => [c.id, c.status])).toEqual([[seeded.contract, status]]);
      expect(found.value.maskedDocument).toBe(
        `***.${seeded.document.slice(3, 6)}.${seeded.document.slice(6, 9)}-**`,
      );
      expect(JSON.stringify(found)).not.toContain(seeded.document);
    }
  });

  it('searches the masked spelling first and digits only next (an installation that stored digits)', async () => {
    const before = (await requests(isp, 'cliente')).length;
    const carla = keep(await ixc.findCustomer({ document: SEEDED.carla.document }));
    expect(carla.ok).toBe(true);
    const carlaQueries = (await requests(isp, 'cliente'))
      .slice(before)
      .map((r) => (r.body as { query: string }).query);
    expect(carlaQueries).toEqual(['390.533.447-05']);

    const mid = (await requests(isp, 'cliente')).length;
    const eduarda = keep(await ixc.findCustomer({ document: SEEDED.eduarda.document }));
    expect(eduarda.ok && eduarda.value.name).toBe('Eduarda Alves');
    const eduardaQueries = (await requests(isp, 'cliente'))
      .slice(mid)
      .map((r) => (r.body as { query: string }).query);
    expect(eduardaQueries).toEqual(['987.654.321-00', '98765432100']);
  });

  it('finds by the WhatsApp number as IXC stores it, and a company with two contracts', async () => {
    const byPhone = keep(await ixc.findCustomer({ phone: SEEDED.bruno.phone }));
    expect(byPhone.ok && byPhone.value.name).toBe('Bruno Lima');
    // WhatsApp ids often lack a Brazilian mobile's 9th digit: 55 11 8888-0002.
    const legacy = keep(await ixc.findCustomer({ phone: '+551188880002' }));
    expect(legacy.ok && legacy.value.name).toBe('Bruno Lima');
    const company = keep(await ixc.findCustomer({ document: SEEDED.mercado.document }));
    if (!company.ok) throw new Error(company.error.message);
    expect(company.value.maskedDocument).toBe('**.222.333/****-**');
    expect(company.value.contracts.map((c) => c.id)).toEqual(['1008', '1009']);
    expect(company.value.contracts.every((c) => c.neighbourhood === 'Centro')).toBe(true);
  });

  it('is not_found when IXC leaves registros out (unknown CPF, unknown phone)', async () => {
    const unknown = keep(await ixc.findCustomer({ document: '11144477700' }));
    expect(unknown.ok || unknown.error.code).toBe('not_found');
    const phone = keep(await ixc.findCustomer({ phone: '+5511977770000' }));
    expect(phone.ok || phone.error.code).toBe('not_found');
  });
});

describe('IXC: invoices', () => {
  it('lists open invoices oldest first with digitable line and PIX, amounts as numbers, received ones left out', async () => {
    const carla = keep(await ixc.listOpenInvoices(SEEDED.carla.contract, SEEDED.carla.customer));
    if (!carla.ok) throw new Error(carla.error.message);
    expect(carla.value.map((i) => i.id)).toEqual(['10031', '10032']);
    expect(carla.value.map((i) => i.dueDate).every((d, n, all) => n === 0 || (all[n - 1] ?? '') < d)).toBe(
      true,
    );
    for (const invoice of carla.value) {
      expect(invoice.amount).toBe(89.9);
      expect(invoice.digitableLine).toMatch(/^\d{5}\.\d{5} \d{5}\.\d{6} \d{5}\.\d{6} \d \d{14}$/);
      expect(invoice.pixCode).toMatch(/^000201.*6304[0-9A-F]{4}$/);
    }
    const ana = keep(await ixc.listOpenInvoices(SEEDED.ana.contract, SEEDED.ana.customer));
    expect(ana.ok && ana.value.map((i) => i.id)).toEqual(['10011']);
    const cancelled = keep(await ixc.listOpenInvoices(SEEDED.gabriela.contract, SEEDED.gabriela.customer));
    expect(cancelled).toEqual({ ok: true, value: [] });
  });

  it('fetches the PDF (get_boleto base64) as real PDF bytes', async () => {
    const listed = await ixc.listOpenInvoices(SEEDED.bruno.contract, SEEDED.bruno.customer);
    if (!listed.ok || !listed.value[0]) throw new Error('no invoice');
    const pdf = await ixc.invoicePdf(listed.value[0]);
    if (!pdf.ok) throw new Error(pdf.error.message);
    expect(pdf.value.filename).toBe('fatura-10021.pdf');
    expect(new TextDecoder().decode(pdf.value.bytes.slice(0, 8))).toBe('%PDF-1.4');
    const body = (await requests(isp, 'get_boleto')).at(-1)?.body;
    expect(body).toMatchObject({ boletos: '10021', tipo_boleto: 'arquivo', base64: 'S' });
  });
});

describe('IXC: trust unlock', () => {
  it('grants a suspended contract once; the second gets IXC 107 in its own words, already_done', async () => {
    const first = keep(await ixc.trustUnlock(SEEDED.carla.contract));
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.days).toBe(3);
    expect(first.value.until).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const second = keep(await ixc.trustUnlock(SEEDED.carla.contract));
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.error.code).toBe('already_done');
    expect(second.error.message).toContain('já foi desbloqueado em confiança');
    expect(
      (await sideEffects(isp)).unlocks.filter((u) => u.contractId === SEEDED.carla.contract),
    ).toHaveLength(1);
    const after = await ixc.findCustomer({ document: SEEDED.carla.document });
    expect(after.ok && after.value.contracts[0]?.status).toBe('active');
  });

  it('maps the other refusals: already unlocked (107), active or cancelled (109), unknown contract (106)', async () => {
    const daniel = keep(await ixc.trustUnlock(SEEDED.daniel.contract));
    expect(daniel.ok || daniel.error.code).toBe('already_done');
    const ana = keep(await ixc.trustUnlock(SEEDED.ana.contract));
    expect(ana.ok || [ana.error.code, ana.error.detail]).toEqual([
      'not_allowed',
      'ixc desbloqueio_confianca: codigo 109',
    ]);
    const gabriela = keep(await ixc.trustUnlock(SEEDED.gabriela.contract));
    expect(gabriela.ok || gabriela.error.code).toBe('not_allowed');
    const unknown = keep(await ixc.trustUnlock('99999'));
    expect(unknown.ok || unknown.error.code).toBe('not_found');
  });
});

describe('IXC: connection, maintenance, tickets', () => {
  it('reads RADIUS: online, offline with the reason and last session, suspended for a blocked contract', async () => {
    const state = async (contract: string) => {
      const r = keep(await ixc.connectionStatus(contract));
      return r.ok ? r.value.state : r.error.code;
    };
    expect(await state(SEEDED.ana.contract)).toBe('online');
    expect(await state(SEEDED.bruno.contract)).toBe('online');
    expect(await state(SEEDED.daniel.contract)).toBe('online');
    expect(await state(SEEDED.felipe.contract)).toBe('offline');
    expect(await state('99999')).toBe('not_found');
    const eduarda = keep(await ixc.connectionStatus(SEEDED.eduarda.contract));
    expect(eduarda.ok && eduarda.value).toMatchObject({ state: 'offline', disconnectReason: 'Lost-Carrier' });
    expect(eduarda.ok && eduarda.value.lastSessionStop).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // A fresh ISP copy: Carla still blocked (this file's copy was unlocked above).
    const fresh = tools('ixc', newIsp('ixc'));
    const carla = await fresh.connectionStatus(SEEDED.carla.contract);
    expect(carla.ok && carla.value.state).toBe('suspended');
  });

  it('tells planned maintenance in the contract area only while it lasts', async () => {
    const felipe = await ixc.findCustomer({ document: SEEDED.felipe.document });
    const ana = await ixc.findCustomer({ document: SEEDED.ana.document });
    if (!felipe.ok || !ana.ok) throw new Error('seed');
    const there = keep(await ixc.plannedMaintenance(firstOf(felipe.value.contracts)));
    expect(there.ok && there.value).toHaveLength(1);
    expect(there.ok && there.value[0]?.description).toContain('Manutenção programada');
    // Centro only had a window that already ended.
    expect(keep(await ixc.plannedMaintenance(firstOf(ana.value.contracts)))).toEqual({ ok: true, value: [] });
  });

  it('opens a ticket with a protocol from gerar_protocolo_atendimento, once', async () => {
    const ticket = keep(
      await ixc.openTicket(
        SEEDED.eduarda.contract,
        SEEDED.eduarda.customer,
        'Sem conexão; LOS vermelho',
        'technical',
      ),
    );
    if (!ticket.ok) throw new Error(ticket.error.message);
    expect(ticket.value.protocol).toMatch(/^\d{12,}$/);
    const stored = (await sideEffects(isp)).tickets.filter((t) => t.protocol === ticket.value.protocol);
    expect(stored).toEqual([
      expect.objectContaining({ id: ticket.value.id, text: 'Sem conexão; LOS vermelho' }),
    ]);
    const sent = await requests(isp, 'su_ticket');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toMatchObject({
      tipo: 'C',
      id_cliente: '105',
      id_contrato: '1005',
      su_status: 'N',
    });
    const wrong = keep(await ixc.openTicket('1005', '99999', 'x', 'technical'));
    expect(wrong.ok || wrong.error.code).toBe('not_found');
  });

  it('tests the connection with a cheap authenticated read', async () => {
    const test = await ixc.testConnection();
    expect(test.ok).toBe(true);
  });
});

describe('IXC: secrets', () => {
  it('never returns a PPPoE or portal password, nor a whole document, in any result above', () => {
    expect(results.length).toBeGreaterThan(20);
    const all = JSON.stringify(results);
    expect(all).not.toContain(SECRET_MARKER);
    expect(all).not.toMatch(/senha/i);
    for (const seeded of Object.values(SEEDED)) expect(all).not.toContain(seeded.document);
  });
});
