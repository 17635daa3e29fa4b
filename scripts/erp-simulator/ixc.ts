// IXC Provedor's webservice (`/webservice/v1/<table>`) for one ISP: Basic auth of "<userId>:<token>" (a
// wrong one gets the HTML error page), listings with `ixcsoft: listar`, and the POST actions the bot uses —
// get_boleto (base64 PDF), get_pix, desbloqueio_confianca (tipo sucesso|erro, codes 106/107/109),
// gerar_protocolo_atendimento (a bare number) and su_ticket inserts ({type, message, id}).
import { type Answer, ixcErrorPage, json } from './answers';
import { ixcList } from './ixc-list';
import { invoicePdf } from './pdf';
import { SIM_CREDENTIALS } from './seed';
import { type IspState, inDays, newProtocol, nextId } from './state';

export interface IxcRequest {
  table: string;
  headers: Record<string, string | undefined>;
  body: unknown;
}

const UNLOCK_DAYS = 3;

function authorized(header: string | undefined): boolean {
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  return decoded === `${SIM_CREDENTIALS.ixc.user}:${SIM_CREDENTIALS.ixc.token}`;
}

const field = (body: unknown, name: string): string => {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return value === undefined || value === null ? '' : String(value);
};

const text = (value: string): Answer => ({
  status: 200,
  kind: 'bytes',
  body: Buffer.from(value),
  contentType: 'text/html; charset=utf-8',
});

function trustUnlock(state: IspState, body: unknown): Answer {
  const contract = state.contracts.find((c) => c.id === field(body, 'id'));
  if (!contract) return json({ tipo: 'erro', mensagem: 'Contrato não encontrado!', codigo: 106 });
  if (contract.unlockedUntil || contract.unlockUsed)
    return json({
      tipo: 'erro',
      mensagem:
        'Este contrato já foi desbloqueado em confiança e não pode ser desbloqueado novamente até o pagamento.',
      codigo: 107,
    });
  if (contract.status !== 'suspended' && contract.status !== 'reduced')
    return json({
      tipo: 'erro',
      mensagem: 'Desbloqueio de confiança não permitido para este contrato.',
      codigo: 109,
    });
  const until = inDays(UNLOCK_DAYS);
  contract.status = 'active';
  contract.online = true;
  contract.unlockUsed = true;
  contract.unlockedUntil = until;
  state.unlocks.push({ contractId: contract.id, at: new Date().toISOString(), until });
  const shown = until.split('-').reverse().join('/');
  return json({
    tipo: 'sucesso',
    mensagem: `Desbloqueio de confiança realizado com sucesso! Liberado por ${UNLOCK_DAYS} dias, até ${shown}.`,
  });
}

function insertTicket(state: IspState, body: unknown): Answer {
  const customerId = field(body, 'id_cliente');
  if (!state.customers.some((c) => c.id === customerId))
    return json({ type: 'error', message: 'Cliente não encontrado!' });
  const contractId = field(body, 'id_contrato');
  if (contractId && !state.contracts.some((c) => c.id === contractId && c.customerId === customerId))
    return json({ type: 'error', message: 'Contrato não encontrado para este cliente!' });
  if (!field(body, 'id_assunto')) return json({ type: 'error', message: 'O campo Assunto é obrigatório!' });
  if (!field(body, 'menssagem')) return json({ type: 'error', message: 'O campo Mensagem é obrigatório!' });
  const id = nextId(state);
  const protocol = field(body, 'protocolo') || newProtocol(state);
  state.tickets.push({
    id,
    protocol,
    contractId,
    customerId,
    kind: field(body, 'id_assunto'),
    text: field(body, 'menssagem'),
  });
  return json({ type: 'success', message: 'Registro inserido com sucesso!', id });
}

function action(state: IspState, table: string, body: unknown): Answer {
  switch (table) {
    case 'get_boleto': {
      const invoice = state.invoices.find((i) => i.id === field(body, 'boletos'));
      if (!invoice) return json({ type: 'error', message: 'Boleto não encontrado!' });
      return text(invoicePdf(invoice.id, invoice.amount, invoice.dueDate).toString('base64'));
    }
    case 'get_pix': {
      const invoice = state.invoices.find((i) => i.id === field(body, 'id_areceber'));
      if (invoice?.status !== 'A') return json({ type: 'error', message: 'Título não encontrado!' });
      return json({
        type: 'success',
        pix: { qrCode: { qrcode: invoice.pixCode, txid: `FAT${invoice.id}` } },
      });
    }
    case 'desbloqueio_confianca':
      return trustUnlock(state, body);
    case 'gerar_protocolo_atendimento':
      return text(newProtocol(state));
    case 'su_ticket':
      return insertTicket(state, body);
    default:
      return json({ type: 'error', message: `Operação não permitida na tabela ${table}` });
  }
}

export function ixc(state: IspState, request: IxcRequest): Answer {
  if (!authorized(request.headers.authorization))
    return ixcErrorPage('Token de acesso inválido ou usuário sem permissão ao webservice.', 401);
  if (request.headers.ixcsoft?.toLowerCase() === 'listar') return ixcList(state, request.table, request.body);
  return action(state, request.table, request.body);
}
