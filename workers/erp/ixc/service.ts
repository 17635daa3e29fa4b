// The service-side tools on IXC: trust unlock (`desbloqueio_confianca`, a write: never retried; codes 106
// not found, 107 already unlocked, 109 not allowed, with IXC's own sentence kept), connection status
// (`radusuarios`, then the contract for blocks), planned maintenance by neighbourhood, tickets
// (`gerar_protocolo_atendimento` then a `su_ticket` insert, both writes) and the admin's connection test.
import type { TicketKind } from '../../contract';
import { fail, ok, unexpected } from '../failures';
import { isoDay, isoTime } from '../loose';
import type { ConnectionStatus, ErpContract, ErpResult, ErpTicket, Maintenance, TrustUnlock } from '../tools';
import { type IxcClient, list, post } from './client';
import { ClienteRow, ContratoRow, InsertAnswer, ManutencaoRow, RadusuarioRow, UnlockAnswer } from './schemas';
import { contractStatus } from './status';

/** IXC does not say how long a trust unlock lasts unless its message does; its usual default. */
const DEFAULT_UNLOCK_DAYS = 3;

const UNLOCK_REFUSALS: Record<string, 'not_found' | 'already_done' | 'not_allowed'> = {
  '106': 'not_found',
  '107': 'already_done',
  '109': 'not_allowed',
};

export async function trustUnlock(client: IxcClient, contractId: string): Promise<ErpResult<TrustUnlock>> {
  const answer = await post(client, 'desbloqueio_confianca', { id: contractId }, 'write');
  if (!answer.ok) return answer;
  const parsed = answer.body.kind === 'json' ? UnlockAnswer.safeParse(answer.body.value) : null;
  if (!parsed?.success) return unexpected('ixc desbloqueio_confianca');
  const { tipo, mensagem, codigo } = parsed.data;
  if (tipo.toLowerCase() !== 'sucesso') {
    const code = UNLOCK_REFUSALS[codigo ?? ''] ?? 'not_allowed';
    return fail(code, `ixc desbloqueio_confianca: codigo ${codigo ?? '?'}`, mensagem);
  }
  const days = Number(/(\d+)\s*dias?/i.exec(mensagem ?? '')?.[1] ?? DEFAULT_UNLOCK_DAYS);
  const until = isoDay(/até\s+(\d{2}\/\d{2}\/\d{4})/i.exec(mensagem ?? '')?.[1] ?? null);
  const fallbackUntil = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return ok({ days, until: until ?? fallbackUntil, protocol: null, message: mensagem });
}

async function contractRow(client: IxcClient, contractId: string) {
  const listed = await list(
    client,
    'cliente_contrato',
    { qtype: 'cliente_contrato.id', query: contractId, rp: 1 },
    ContratoRow,
  );
  if (!listed.ok) return listed;
  return { ok: true as const, row: listed.rows[0] ?? null };
}

export async function connectionStatus(
  client: IxcClient,
  contractId: string,
): Promise<ErpResult<ConnectionStatus>> {
  const radius = await list(
    client,
    'radusuarios',
    { qtype: 'radusuarios.id_contrato', query: contractId, rp: 10 },
    RadusuarioRow,
  );
  if (!radius.ok) return radius;
  const login = radius.rows.find((r) => (r.online ?? '').toUpperCase() === 'S') ?? radius.rows[0];
  const online = (login?.online ?? '').toUpperCase() === 'S';
  let state: ConnectionStatus['state'] = online ? 'online' : 'offline';
  if (!online) {
    const contract = await contractRow(client, contractId);
    if (!contract.ok) return contract;
    if (!contract.row && !login) return fail('not_found', 'ixc radusuarios/cliente_contrato: no registros');
    if (contract.row && contractStatus(contract.row) === 'suspended') state = 'suspended';
  }
  return ok({
    state,
    login: login?.login ?? null,
    lastSessionStart: isoTime(login?.ultima_conexao_inicial ?? null),
    lastSessionStop: online ? null : isoTime(login?.ultima_conexao_final ?? null),
    disconnectReason: online ? null : (login?.motivo_desconexao ?? null),
  });
}

export async function plannedMaintenance(
  client: IxcClient,
  contract: ErpContract,
): Promise<ErpResult<Maintenance[]>> {
  if (!contract.neighbourhood) return ok([]);
  const listed = await list(
    client,
    'manutencao',
    { qtype: 'manutencao.bairro', query: contract.neighbourhood, rp: 20 },
    ManutencaoRow,
  );
  if (!listed.ok) return listed;
  const now = Date.now();
  return ok(
    listed.rows
      .map((row) => ({
        description: [row.titulo, row.descricao].filter(Boolean).join(': '),
        startsAt: isoTime(row.data_inicio),
        endsAt: isoTime(row.data_final),
      }))
      .filter((m) => m.endsAt === null || Date.parse(m.endsAt) > now),
  );
}

/** IXC subject ids (`id_assunto`) for the ticket kinds; ISPs number their subjects, these are the defaults. */
const SUBJECT: Record<TicketKind, string> = { technical: '1', financial: '2', commercial: '3' };
const TITLE: Record<TicketKind, string> = {
  technical: 'Suporte técnico (atendimento automático)',
  financial: 'Financeiro (atendimento automático)',
  commercial: 'Comercial (atendimento automático)',
};

export async function openTicket(
  client: IxcClient,
  contractId: string,
  customerId: string,
  text: string,
  kind: TicketKind,
): Promise<ErpResult<ErpTicket>> {
  const generated = await post(client, 'gerar_protocolo_atendimento', {}, 'write');
  if (!generated.ok) return generated;
  const body = generated.body;
  const protocol =
    body.kind === 'json' && (typeof body.value === 'string' || typeof body.value === 'number')
      ? String(body.value).trim()
      : body.kind === 'text'
        ? body.value.trim()
        : '';
  if (!/^\d{4,30}$/.test(protocol)) return unexpected('ixc gerar_protocolo_atendimento');
  const inserted = await post(
    client,
    'su_ticket',
    {
      tipo: 'C',
      protocolo: protocol,
      id_cliente: customerId,
      id_contrato: contractId,
      id_assunto: SUBJECT[kind],
      titulo: TITLE[kind],
      menssagem: text,
      prioridade: 'M',
      su_status: 'N',
    },
    'write',
  );
  if (!inserted.ok) return inserted;
  const parsed = inserted.body.kind === 'json' ? InsertAnswer.safeParse(inserted.body.value) : null;
  if (!parsed?.success) return unexpected('ixc su_ticket');
  if (parsed.data.type.toLowerCase() !== 'success') {
    const notFound = /não encontrad|nao encontrad|not found/i.test(parsed.data.message ?? '');
    return fail(notFound ? 'not_found' : 'erp_unavailable', 'ixc su_ticket: error', parsed.data.message);
  }
  return ok({ id: parsed.data.id, protocol });
}

export async function testConnection(client: IxcClient): Promise<ErpResult<{ detail: string }>> {
  const listed = await list(
    client,
    'cliente',
    { qtype: 'cliente.id', query: '0', oper: '>', rp: 1 },
    ClienteRow,
  );
  if (!listed.ok) return listed;
  return ok({ detail: `IXC respondeu com as credenciais (IXC answered; ${listed.total} clientes)` });
}
