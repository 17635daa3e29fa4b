// The demo tenant's pt-BR ISP flow walked end to end, one branch per test, with the ERP's and the model's
// answers fed as inputs: identification (phone, then CPF/CNPJ), 2ª via, trust unlock, connection status
// (maintenance first, checklist, ERP ticket, hand-off), "falar com atendente" at any point, AI off or down.
import { afterAll, describe, expect, it } from 'vitest';
import { demoIspFlow } from '../../workers/bot/demo-flow';
import { checkFlow } from '../../workers/bot/flow-check';
import { Chat, CNPJ, CONTEXT, CPF, customer, ONE_CONTRACT, TEAMS } from './bot-fixtures';

const flow = demoIspFlow(TEAMS);
const chats: Chat[] = [];

/** A customer whose phone the ERP does not know: asked for the CPF, identified, at the main menu. */
function identifiedByDocument(context = CONTEXT): Chat {
  const chat = new Chat(flow, context);
  chats.push(chat);
  chat.start();
  chat.result('not_found', { code: 'not_found', message: 'Nada encontrado' }, 'find_customer');
  chat.send(CPF.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1.$2.$3-$4'));
  chat.result('ok', ONE_CONTRACT, 'find_customer');
  return chat;
}

/** A customer the ERP finds by the channel's phone, at the main menu. */
function identifiedByPhone(context = CONTEXT): Chat {
  const chat = new Chat(flow, context);
  chats.push(chat);
  chat.start();
  chat.result('ok', ONE_CONTRACT, 'find_customer');
  return chat;
}

const INVOICES = [
  {
    id: 'f-2',
    contractId: '1001',
    dueDate: '2026-12-10',
    amount: 99.9,
    digitableLine: '23790.00002 00000.000002 00000.000002 2 00000000009990',
    pixCode: '00020126580014br.gov.bcb.pix-f2',
    pdfUrl: null,
  },
  {
    id: 'f-1',
    contractId: '1001',
    dueDate: '2026-11-10',
    amount: 1289.9,
    digitableLine: '23790.00001 00000.000001 00000.000001 1 00000000128990',
    pixCode: '00020126580014br.gov.bcb.pix-f1',
    pdfUrl: 'https://isp.example/boleto/f-1.pdf',
  },
];

describe('the demo flow', () => {
  it('passes checkFlow', () => {
    expect(checkFlow(flow)).toEqual({ ok: true, flow });
  });

  it('2ª via: phone unknown, a wrong CPF refused then a right one, a typo in the request, codes and PDFs, resolved', () => {
    const chat = new Chat(flow);
    chats.push(chat);
    chat.start();
    expect(chat.said()).toEqual([
      'Olá! 👋 Sou o assistente virtual do seu provedor de internet. O protocolo deste atendimento é 20261203000042.',
    ]);
    expect(chat.pendingCall('find_customer').args).toEqual({ phone: '+5511987650000' });
    chat.result('not_found', { code: 'not_found', message: 'Nada encontrado' });
    expect(chat.said()).toEqual([
      'Para localizar seu cadastro, digite o CPF ou o CNPJ do titular do contrato (só os números).',
    ]);
    chat.send('529.982.247-24'); // wrong check digit
    expect(chat.said()).toEqual([
      'Esse CPF/CNPJ não é válido. 🤔 Confira os números e digite de novo, por favor.',
    ]);
    chat.send('529.982.247-25');
    expect(chat.pendingCall('find_customer')).toMatchObject({ args: { document: CPF }, demand: null });
    chat.result('ok', ONE_CONTRACT);
    expect(chat.said()[0]).toBe('Olá, Maria! Encontrei seu cadastro (documento ***.982.247-**). 😊');
    expect(chat.said()[1]).toMatch(/^Como posso ajudar\?/);
    chat.send('segunda via do bolto');
    expect(chat.pendingCall('list_open_invoices').args).toEqual({ contractId: '1001', customerId: 'c-7' });
    chat.result('ok', INVOICES);
    const pdfs = chat.last.flatMap((a) => (a.kind === 'send_invoice_pdf' ? [a.invoiceId] : []));
    expect(pdfs).toEqual(['f-1', 'f-2']); // most overdue first
    expect(chat.said()).toEqual([
      'Aqui está a 2ª via das suas faturas em aberto: 👇',
      '📄 Fatura de R$ 1.289,90 com vencimento em 10/11/2026 (vencida). A seguir, a linha digitável, o código PIX copia e cola e o boleto em PDF, cada um em uma mensagem para você copiar.',
      '23790.00001 00000.000001 00000.000001 1 00000000128990',
      '00020126580014br.gov.bcb.pix-f1',
      '📄 Fatura de R$ 99,90 com vencimento em 10/12/2026. A seguir, a linha digitável, o código PIX copia e cola e o boleto em PDF, cada um em uma mensagem para você copiar.',
      '23790.00002 00000.000002 00000.000002 2 00000000009990',
      '00020126580014br.gov.bcb.pix-f2',
      'Posso ajudar em algo mais?',
    ]);
    expect(chat.last).toContainEqual({ kind: 'activity', code: 'invoices_sent', params: { count: '2' } });
    chat.send('não, obrigado');
    expect(chat.last.at(-1)).toEqual({ kind: 'end', resolved: true });
    expect(chat.said()).toEqual([
      'Obrigado pelo contato! 😊 O protocolo deste atendimento é 20261203000042. Até logo!',
    ]);
    expect(chat.state.phase).toBe('ended');
    expect(chat.send('oi')).toEqual([]);
  });

  it('2ª via asked in the first message, with a typo: identified by CPF first, then straight to the invoices', () => {
    const chat = new Chat(flow);
    chats.push(chat);
    chat.send('Boa noite, quero a segunda via do bolto');
    expect(chat.said()[0]).toMatch(/^Olá! 👋/);
    chat.result('not_found', null, 'find_customer');
    chat.send('529.982.247-52'); // wrong check digits: refused, asked again
    expect(chat.said()).toEqual([
      'Esse CPF/CNPJ não é válido. 🤔 Confira os números e digite de novo, por favor.',
    ]);
    chat.send('52998224725');
    chat.result('ok', ONE_CONTRACT, 'find_customer');
    expect(chat.said().at(-1)).toBe('Certo: 2ª via do boleto.');
    chat.result('ok', [INVOICES[1]], 'list_open_invoices');
    expect(chat.last.filter((a) => a.kind === 'send_invoice_pdf')).toEqual([
      { kind: 'send_invoice_pdf', invoiceId: 'f-1' },
    ]);
  });

  it('a request typed while the ERP is asked is taken by the next menu; "falar com atendente" first goes to the sector', () => {
    const chat = new Chat(flow);
    chats.push(chat);
    chat.start();
    const find = chat.pendingCall('find_customer');
    expect(chat.send('desbloqueio')).toEqual([]);
    chat.feed({
      kind: 'tool_result',
      callId: find.callId,
      tool: 'find_customer',
      outcome: 'ok',
      data: ONE_CONTRACT,
    });
    expect(chat.said().at(-1)).toBe('Certo: Desbloqueio de confiança.');
    chat.pendingCall('trust_unlock');
    const human = new Chat(flow);
    chats.push(human);
    human.send('quero falar com um atendente');
    expect(human.said()[1]).toMatch(/^Com qual setor você quer falar\?/);
    human.send('1');
    expect(human.last.at(-1)).toEqual({ kind: 'handoff', teamId: TEAMS.financeiro, reason: 'Financeiro' });
  });

  it('2ª via: at most three invoices, the rest mentioned; none at all said clearly', () => {
    const many = identifiedByPhone();
    many.send('1');
    const five = [1, 2, 3, 4, 5].map((n) => ({ ...INVOICES[0], id: `f-${n}`, dueDate: `2026-0${n}-10` }));
    many.result('ok', five);
    expect(many.last.filter((a) => a.kind === 'send_invoice_pdf')).toHaveLength(3);
    expect(many.said()).toContain('Há mais 2 fatura(s) em aberto; o financeiro pode ajudar com elas.');
    const none = identifiedByPhone();
    none.send('fatura');
    none.result('ok', []);
    expect(none.said()[0]).toBe('Não encontrei faturas em aberto no seu cadastro: está tudo pago. 🎉');
    expect(none.last).toContainEqual({ kind: 'activity', code: 'no_open_invoices' });
    const notFound = identifiedByPhone();
    notFound.send('boleto');
    notFound.result('not_found', { code: 'not_found', message: 'Nenhuma fatura' });
    expect(notFound.said()[0]).toBe('Não encontrei faturas em aberto no seu cadastro: está tudo pago. 🎉');
  });

  it('trust unlock granted, then refused the second time with the refusal worded for the customer', () => {
    const chat = identifiedByPhone();
    chat.send('desbloquei');
    const first = chat.pendingCall('trust_unlock');
    expect(first.demand).toBe('trust_unlock:1001:desbloqueio');
    chat.result('ok', { days: 3, until: '2026-12-06', protocol: '77001', message: 'Liberado' });
    expect(chat.said()[0]).toMatch(/^Pronto! ✅ Seu serviço foi liberado até 06\/12\./);
    expect(chat.last).toContainEqual({
      kind: 'activity',
      code: 'unlock_granted',
      params: { until: '06/12', days: '3' },
    });
    chat.send('sim');
    chat.send('liberar');
    chat.result('already_done', {
      code: 'already_done',
      message: 'O recurso de promessa de pagamento já atingiu quantidade permitida',
    });
    expect(chat.last).toContainEqual({
      kind: 'activity',
      code: 'unlock_refused',
      params: { reason: 'O recurso de promessa de pagamento já atingiu quantidade permitida' },
    });
    expect(chat.said()[0]).toMatch(/^O desbloqueio de confiança já foi usado no seu contrato/);
    expect(chat.said()[1]).toMatch(/^Como prefere seguir\?/);
    chat.send('falar com o financeiro');
    expect(chat.last.at(-1)).toEqual({ kind: 'handoff', teamId: TEAMS.financeiro, reason: 'Financeiro' });
  });

  it('trust unlock not allowed → the financeiro is offered, the 2ª via too', () => {
    const chat = identifiedByPhone();
    chat.send('desbloqueio de confiança');
    chat.result('not_allowed', { code: 'not_allowed', message: 'Contrato não permite' });
    expect(chat.said()[0]).toMatch(/^Não é possível fazer o desbloqueio de confiança/);
    chat.send('1');
    chat.pendingCall('list_open_invoices');
  });

  it('no connection: maintenance in the area is told first, and that is the end', () => {
    const chat = identifiedByPhone();
    chat.send('minha internet caiu');
    expect(chat.pendingCall('planned_maintenance').args).toMatchObject({
      contractId: '1001',
      contract: { id: '1001', plan: 'Fibra 300 Mega' },
    });
    chat.result('active', [
      {
        description: 'troca de equipamento na central do bairro',
        startsAt: '2026-12-03T11:00:00Z',
        endsAt: '2026-12-03T18:00:00Z',
      },
    ]);
    expect(chat.kinds()).not.toContain('call_tool'); // the connection is not even checked
    expect(chat.said()).toEqual([
      '⚠️ Há uma manutenção na rede da sua região: troca de equipamento na central do bairro. Previsão de normalização: 03/12 às 15:00. Sua conexão volta sozinha quando o serviço terminar; não é preciso abrir chamado. Protocolo: 20261203000042.',
    ]);
    expect(chat.last).toContainEqual({
      kind: 'activity',
      code: 'maintenance_active',
      params: { until: '03/12 às 15:00' },
    });
    expect(chat.last.at(-1)).toEqual({ kind: 'end', resolved: true });
  });

  it('offline: checklist, not back, a ticket in the ERP with its protocol, hand-off to suporte', () => {
    const chat = identifiedByDocument();
    chat.send('sem internet');
    chat.result('none', []);
    chat.result('offline', {
      state: 'offline',
      login: 'maria',
      lastSessionStart: null,
      lastSessionStop: null,
      disconnectReason: 'LOS',
    });
    expect(chat.last).toContainEqual({ kind: 'activity', code: 'connection_offline' });
    const [checklist, question] = chat.said();
    expect(checklist).toMatch(/offline/);
    expect(checklist).toMatch(/ONU/);
    expect(checklist).toMatch(/roteador/);
    expect(checklist).toMatch(/cabos/);
    expect(checklist).toMatch(/LOS.*vermelha/);
    expect(question).toBe('Depois desses passos, a internet voltou a funcionar?');
    chat.send('não voltou');
    const ticket = chat.pendingCall('open_ticket');
    expect(ticket.demand).toBe('open_ticket:1001:abrir_chamado');
    expect(ticket.args).toMatchObject({ contractId: '1001', customerId: 'c-7', kind: 'technical' });
    expect(ticket.args.text).toContain('***.982.247-**');
    expect(ticket.args.text).not.toContain(CPF);
    chat.result('ok', { id: '5511', protocol: '202607581197' });
    expect(chat.last).toContainEqual({
      kind: 'activity',
      code: 'erp_ticket_opened',
      params: { protocol: '202607581197' },
    });
    expect(chat.said()[0]).toBe('Abri um chamado técnico para você: protocolo 202607581197. 🛠️');
    expect(chat.last.at(-1)).toEqual({
      kind: 'handoff',
      teamId: TEAMS.suporte,
      reason: 'Sem conexão após o checklist; chamado 202607581197',
    });
    expect(chat.state.phase).toBe('handed_off');
  });

  it('online and slow: checklist, back → resolved', () => {
    const chat = identifiedByPhone();
    chat.send('internet lenta');
    chat.result('none', []);
    chat.result('online', { state: 'online' });
    expect(chat.said()[0]).toMatch(/online/);
    chat.send('sim, voltou!');
    expect(chat.last.at(-1)).toEqual({ kind: 'end', resolved: true });
  });

  it('suspended for debt: explained, with the 2ª via and the unlock offered', () => {
    const chat = identifiedByPhone();
    chat.send('3');
    chat.result('none', []);
    chat.result('suspended', { state: 'suspended' });
    expect(chat.said()[0]).toMatch(/suspensa por pendência financeira/);
    chat.send('desbloqueio');
    chat.pendingCall('trust_unlock');
  });

  it('"falar com atendente" at any point: the sector, then the right team', () => {
    // While asked for the CPF.
    const atDocument = new Chat(flow);
    chats.push(atDocument);
    atDocument.start();
    atDocument.result('not_found', null);
    atDocument.send('quero falar com um atendente');
    expect(atDocument.said()[0]).toMatch(/^Com qual setor você quer falar\?/);
    atDocument.send('financeiro');
    expect(atDocument.last.at(-1)).toEqual({
      kind: 'handoff',
      teamId: TEAMS.financeiro,
      reason: 'Financeiro',
    });
    // While the ERP is being asked.
    const atTool = identifiedByPhone();
    atTool.send('2ª via');
    atTool.send('Falar com alguém, por favor');
    atTool.send('suporte técnico');
    expect(atTool.last.at(-1)).toEqual({ kind: 'handoff', teamId: TEAMS.suporte, reason: 'Suporte técnico' });
    // From the menu's option 4, by number.
    const byMenu = identifiedByPhone();
    byMenu.send('4');
    byMenu.send('3');
    expect(byMenu.last.at(-1)).toEqual({ kind: 'handoff', teamId: TEAMS.comercial, reason: 'Comercial' });
  });

  it('other questions: AI off → the menu; AI down → the menu; AI hands off with its reason', () => {
    const off = identifiedByPhone();
    off.send('outras dúvidas');
    expect(off.said()[0]).toMatch(/^Como posso ajudar\?/);
    const down = identifiedByPhone({ ...CONTEXT, aiEnabled: true });
    down.send('5');
    expect(down.said()).toEqual(['Pode perguntar! ✍️ Escreva sua dúvida que eu respondo.']);
    down.send('vocês atendem no sábado?');
    expect(down.last).toEqual([{ kind: 'ask_ai', text: 'vocês atendem no sábado?' }]);
    down.feed({ kind: 'ai_result', outcome: 'unavailable', reason: 'breaker_open' });
    expect(down.said()[0]).toMatch(/^Como posso ajudar\?/);
    const angry = identifiedByPhone({ ...CONTEXT, aiEnabled: true });
    angry.send('5');
    angry.send('que serviço péssimo');
    angry.feed({ kind: 'ai_result', outcome: 'handoff', reason: 'negative_sentiment' });
    angry.send('2');
    expect(angry.last.at(-1)).toEqual({
      kind: 'handoff',
      teamId: TEAMS.suporte,
      reason: 'negative_sentiment',
    });
  });

  it('the ERP down anywhere: a polite message and a hand-off', () => {
    const atStart = new Chat(flow);
    chats.push(atStart);
    atStart.start();
    atStart.result('erp_unavailable', { code: 'erp_unavailable', message: 'html_page' });
    expect(atStart.said()[0]).toMatch(/^Desculpe, nosso sistema está fora do ar/);
    expect(atStart.last.at(-1)).toEqual({ kind: 'handoff', teamId: null, reason: 'ERP indisponível' });
    const atUnlock = identifiedByPhone();
    atUnlock.send('2');
    atUnlock.result('erp_unavailable', { code: 'erp_unavailable', message: 'timeout' });
    expect(atUnlock.last.at(-1)).toEqual({ kind: 'handoff', teamId: null, reason: 'ERP indisponível' });
  });

  it('several contracts: the customer picks one, by CNPJ too', () => {
    const chat = new Chat(flow, { ...CONTEXT, phone: null });
    chats.push(chat);
    chat.start();
    expect(chat.said()[1]).toMatch(/^Para localizar seu cadastro/);
    chat.send('11.222.333/0001-81');
    expect(chat.pendingCall('find_customer').args).toEqual({ document: CNPJ });
    chat.result(
      'ok',
      customer(
        [
          { id: '1001', plan: 'Fibra 300 Mega', status: 'active' },
          { id: '3003', plan: 'Link Dedicado 1 Giga', status: 'reduced' },
        ],
        'PADARIA PAO QUENTE LTDA',
      ),
    );
    expect(chat.said()[1]).toBe(
      'Você tem mais de um contrato. Sobre qual deles quer falar?\n\n1. Fibra 300 Mega (ativo)\n2. Link Dedicado 1 Giga (velocidade reduzida)',
    );
    chat.send('2');
    chat.send('boleto');
    expect(chat.pendingCall('list_open_invoices').args.contractId).toBe('3003');
  });

  it('an unknown document: another one, or the comercial', () => {
    const chat = new Chat(flow);
    chats.push(chat);
    chat.start();
    chat.result('not_found', null);
    chat.send('39053344705');
    chat.result('not_found', null);
    expect(chat.said()[0]).toMatch(/^Não encontrei nenhum cadastro com esse CPF\/CNPJ/);
    chat.send('quero contratar');
    expect(chat.last.at(-1)).toEqual({ kind: 'handoff', teamId: TEAMS.comercial, reason: 'Comercial' });
  });

  afterAll(() => {
    // LGPD: across every walk above, no text the customer saw and no agents' line holds a whole document.
    expect(chats.length).toBeGreaterThan(10);
    for (const chat of chats) {
      for (const a of chat.all) {
        const shown = a.kind === 'say' ? a.text : a.kind === 'activity' ? JSON.stringify(a.params ?? {}) : '';
        for (const doc of [CPF, CNPJ, '39053344705']) expect(shown.replace(/\D/g, '')).not.toContain(doc);
      }
    }
  });
});
