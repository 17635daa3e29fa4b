// SGP's URA API (`/api/ura/<route>/`) for one ISP: `token` and `app` in the form (or JSON) body, a wrong one
// gets the HTML login page; loose types on purpose (ids as numbers, statuses "4" or 4, `liberado` true or
// "True", verificaacesso sometimes wrapped in a list); consultacliente hands out the PPPoE and portal
// passwords; fatura2via without nao_gerar_os=1 opens an occurrence (recorded in the state, as SGP would).
import { type Answer, html, json, notFoundPage, sgpLoginPage } from './answers';
import { formatDocument, onlyDigits } from './documents';
import { invoicePdf } from './pdf';
import { SIM_CREDENTIALS, type SimContract, type SimStatus } from './seed';
import { type IspState, inDays, newProtocol } from './state';

export interface SgpRequest {
  route: string;
  body: Record<string, unknown>;
  /** This simulator's own origin, for the invoices' PDF links. */
  origin: string;
}

const UNLOCK_DAYS = 3;
const STATUS: Record<SimStatus, [number, string]> = {
  active: [1, 'Ativo'],
  reduced: [7, 'Ativo V. Reduzida'],
  suspended: [4, 'Suspenso'],
  cancelled: [3, 'Cancelado'],
};

const field = (body: Record<string, unknown>, name: string) => {
  const value = body[name];
  return value === undefined || value === null ? '' : String(value);
};
const truthy = (value: string) => ['1', 'true', 's', 'sim'].includes(value.trim().toLowerCase());
/** Loose typing: odd ids get numbers, even ids strings, as different SGP versions do. */
const loose = (id: string, value: number): number | string => (Number(id) % 2 ? value : String(value));

function contractOf(state: IspState, body: Record<string, unknown>): SimContract | null {
  const id = field(body, 'contrato');
  if (id) return state.contracts.find((c) => c.id === id) ?? null;
  const doc = onlyDigits(field(body, 'cpfcnpj'));
  const customer = doc ? state.customers.find((c) => c.document === doc) : undefined;
  return customer ? (state.contracts.find((c) => c.customerId === customer.id) ?? null) : null;
}

function consultacliente(state: IspState, body: Record<string, unknown>): Answer {
  const doc = onlyDigits(field(body, 'cpfcnpj'));
  const phone = onlyDigits(field(body, 'telefone'));
  const contract = field(body, 'contrato');
  const found = state.contracts.filter((k) => {
    const customer = state.customers.find((c) => c.id === k.customerId);
    if (!customer) return false;
    if (contract) return k.id === contract;
    if (doc) return customer.document === doc;
    // The ERP stores "(11) 98888-0001"; callers send 11988880001 or 5511988880001.
    return (
      phone.length >= 10 &&
      (onlyDigits(customer.phone) === phone || `55${onlyDigits(customer.phone)}` === phone)
    );
  });
  if (found.length === 0) return json({ msg: 'Nada encontrado', contratos: [] });
  return json({
    msg: 'Contrato(s) Localizado(s)',
    contratos: found.map((k) => {
      const customer = state.customers.find((c) => c.id === k.customerId);
      const [status, display] = STATUS[k.status];
      return {
        contratoId: loose(k.id, Number(k.id)),
        clienteId: Number(k.customerId),
        cpfCnpj: formatDocument(customer?.document ?? ''),
        razaoSocial: customer?.name ?? '',
        contratoStatus: loose(k.id, status),
        contratoStatusDisplay: display,
        contratoValorAberto: state.invoices
          .filter((i) => i.contractId === k.id && i.status === 'A')
          .reduce((sum, i) => sum + i.amount, 0)
          .toFixed(2),
        servico_plano: k.plan,
        servico_login: k.login,
        servico_senha: k.pppoePassword,
        contratoCentralSenha: customer?.portalPassword ?? '',
        endereco_bairro: k.neighbourhood,
        endereco_cidade: k.city,
        popNome: k.pop,
        telefones: [customer?.phone ?? ''],
        emails: [customer?.email ?? ''],
      };
    }),
  });
}

function fatura2via(state: IspState, req: SgpRequest): Answer {
  const contract = contractOf(state, req.body);
  if (!contract) return json({ status: 0, msg: 'Contrato não encontrado', links: [] });
  if (!truthy(field(req.body, 'nao_gerar_os')))
    state.occurrences.push({ contract: contract.id, at: new Date().toISOString(), route: 'fatura2via' });
  const open = state.invoices.filter((i) => i.contractId === contract.id && i.status === 'A');
  if (open.length === 0) return json({ status: 0, msg: 'Nenhuma fatura em aberto', links: [] });
  return json({
    status: 1,
    links: open.map((i) => ({
      fatura: Number(i.id),
      vencimento: i.dueDate,
      valor: Number(contract.id) % 2 ? i.amount : i.amount.toFixed(2),
      valorcorrigido: i.amount.toFixed(2),
      linhadigitavel: i.digitableLine,
      // Older SGP versions leave the PIX out of 2ª via: the adapter asks pagamento/pix then.
      codigopix: Number(contract.id) % 2 ? i.pixCode : '',
      link: `${req.origin}/sgp/${state.isp}/boleto/${i.id}.pdf`,
    })),
  });
}

function pix(state: IspState, invoiceId: string): Answer {
  const invoice = state.invoices.find((i) => i.id === invoiceId && i.status === 'A');
  return invoice
    ? json({ status: 1, pix: invoice.pixCode })
    : json({ status: 0, msg: 'Fatura não encontrada' });
}

function liberacaopromessa(state: IspState, body: Record<string, unknown>): Answer {
  const contract = contractOf(state, body);
  if (!contract) return json({ status: 0, liberado: false, msg: 'Contrato não encontrado' });
  if (contract.unlockUsed || contract.unlockedUntil)
    return json({
      status: 2,
      liberado: false,
      msg: 'O recurso de promessa de pagamento já atingiu quantidade permitida para este contrato.',
    });
  if (contract.status !== 'suspended' && contract.status !== 'reduced')
    return json({ status: 0, liberado: 'False', msg: 'Contrato não está suspenso; não há o que liberar.' });
  const until = inDays(UNLOCK_DAYS);
  contract.status = 'active';
  contract.online = true;
  contract.unlockUsed = true;
  contract.unlockedUntil = until;
  state.unlocks.push({ contractId: contract.id, at: new Date().toISOString(), until });
  return json({
    status: 1,
    liberado: 'True',
    liberado_dias: String(UNLOCK_DAYS),
    data_promessa: until,
    protocolo: newProtocol(state),
    msg: `Contrato liberado por ${UNLOCK_DAYS} dias.`,
  });
}

function verificaacesso(state: IspState, body: Record<string, unknown>): Answer {
  const contract = contractOf(state, body);
  if (!contract) return json({ status: 0, msg: 'Contrato não encontrado' });
  const [status, msg] =
    contract.status === 'suspended'
      ? [4, 'Contrato suspenso']
      : contract.status === 'cancelled' || !contract.online
        ? [2, 'Cliente offline']
        : [1, 'Cliente online'];
  const answer = {
    status: contract.sgpListWrapped ? String(status) : status,
    msg,
    contratoId: Number(contract.id),
    login: contract.login,
  };
  return json(contract.sgpListWrapped ? [answer] : answer);
}

function chamado(state: IspState, body: Record<string, unknown>): Answer {
  const contract = contractOf(state, body);
  if (!contract) return json({ status: 0, msg: 'Contrato não encontrado' });
  if (!field(body, 'conteudo')) return json({ status: 0, msg: 'Informe o conteúdo do chamado' });
  const protocol = newProtocol(state);
  state.tickets.push({
    id: protocol,
    protocol,
    contractId: contract.id,
    customerId: contract.customerId,
    kind: field(body, 'ocorrenciatipo'),
    text: field(body, 'conteudo'),
  });
  return json({ status: 1, protocolo: protocol, msg: 'Chamado aberto com sucesso' });
}

function manutencoes(state: IspState): Answer {
  const now = Date.now();
  return json({
    status: 1,
    manutencoes: state.maintenance
      .filter((m) => Date.parse(m.endsAt) > now)
      .map((m) => ({
        id: Number(m.id),
        titulo: m.title,
        descricao: m.description,
        data_inicio: m.startsAt,
        data_fim: m.endsAt,
        cidade: m.city,
        bairros: [m.neighbourhood],
        pops: [m.pop],
      })),
  });
}

export function sgp(state: IspState, req: SgpRequest): Answer {
  const route = req.route.replace(/\/+$/, '');
  if (
    field(req.body, 'token') !== SIM_CREDENTIALS.sgp.token ||
    field(req.body, 'app') !== SIM_CREDENTIALS.sgp.app
  )
    return sgpLoginPage();
  if (route === 'consultacliente') return consultacliente(state, req.body);
  if (route === 'fatura2via') return fatura2via(state, req);
  if (route.startsWith('pagamento/pix/')) return pix(state, route.slice('pagamento/pix/'.length));
  if (route === 'liberacaopromessa') return liberacaopromessa(state, req.body);
  if (route === 'verificaacesso') return verificaacesso(state, req.body);
  if (route === 'chamado') return chamado(state, req.body);
  if (route === 'manutencao/list') return manutencoes(state);
  return notFoundPage();
}

/** The public PDF link fatura2via hands out (`/sgp/<isp>/boleto/<id>.pdf`, no token, as SGP's). */
export function sgpBoleto(state: IspState, invoiceId: string): Answer {
  const invoice = state.invoices.find((i) => i.id === invoiceId);
  if (!invoice) return html('<h1>Boleto não encontrado</h1>', 404);
  return {
    status: 200,
    kind: 'bytes',
    body: invoicePdf(invoice.id, invoice.amount, invoice.dueDate),
    contentType: 'application/pdf',
  };
}
