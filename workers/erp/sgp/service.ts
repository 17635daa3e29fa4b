// The service-side tools on SGP: liberacaopromessa (a write: never retried; status 2 "já atingiu quantidade
// permitida" is the promise already used → already_done, with SGP's sentence for the customer),
// verificaacesso (1 online, 2 offline, 4 suspended), manutencao/list filtered to the contract's area,
// chamado (a write) and the admin's connection test.
import type { TicketKind } from '../../contract';
import { fail, ok, unexpected } from '../failures';
import { isoDay, isoTime } from '../loose';
import type { ConnectionStatus, ErpContract, ErpResult, ErpTicket, Maintenance, TrustUnlock } from '../tools';
import { jsonOf, post, type SgpClient } from './client';
import {
  AcessoAnswer,
  ChamadoAnswer,
  ConsultaAnswer,
  ManutencaoAnswer,
  ManutencaoRow,
  PromessaAnswer,
} from './schemas';
import { saysNotFound } from './status';

const DEFAULT_UNLOCK_DAYS = 3;

export async function trustUnlock(client: SgpClient, contractId: string): Promise<ErpResult<TrustUnlock>> {
  const answer = await post(client, 'liberacaopromessa', { contrato: contractId }, 'write');
  if (!answer.ok) return answer;
  const parsed = PromessaAnswer.safeParse(jsonOf(answer));
  if (!parsed.success) return unexpected('sgp liberacaopromessa');
  const { status, liberado, liberado_dias, data_promessa, protocolo, msg } = parsed.data;
  if (status === '1' && liberado) {
    const days = liberado_dias ?? DEFAULT_UNLOCK_DAYS;
    return ok({ days, until: isoDay(data_promessa), protocol: protocolo, message: msg });
  }
  if (saysNotFound(msg)) return fail('not_found', `sgp liberacaopromessa: status ${status}`, msg);
  const already = status === '2' || /j[áa] (atingiu|liberad|possui)/i.test(msg ?? '');
  return fail(already ? 'already_done' : 'not_allowed', `sgp liberacaopromessa: status ${status}`, msg);
}

const ACCESS: Record<string, ConnectionStatus['state']> = { '1': 'online', '2': 'offline', '4': 'suspended' };

export async function connectionStatus(
  client: SgpClient,
  contractId: string,
): Promise<ErpResult<ConnectionStatus>> {
  const answer = await post(client, 'verificaacesso', { contrato: contractId }, 'read');
  if (!answer.ok) return answer;
  const parsed = AcessoAnswer.safeParse(jsonOf(answer));
  if (!parsed.success) return unexpected('sgp verificaacesso');
  const { status, msg, login } = parsed.data;
  if (status === '0' || saysNotFound(msg))
    return fail('not_found', `sgp verificaacesso: status ${status}`, msg);
  return ok({
    state: ACCESS[status] ?? 'offline',
    login,
    lastSessionStart: null,
    lastSessionStop: null,
    disconnectReason: ACCESS[status] ? null : msg,
  });
}

const same = (a: string | null, b: string | null) =>
  a !== null && b !== null && a.localeCompare(b, 'pt-BR', { sensitivity: 'base' }) === 0;

/** Whether a maintenance covers the contract: by POP or neighbourhood, else by city when it names only that. */
function covers(m: ReturnType<typeof ManutencaoRow.parse>, contract: ErpContract): boolean {
  if (m.pops.some((p) => same(p, contract.pop))) return true;
  if (m.bairros.some((b) => same(b, contract.neighbourhood))) return true;
  if (m.pops.length === 0 && m.bairros.length === 0)
    return m.cidade === null || same(m.cidade, contract.city);
  return false;
}

export async function plannedMaintenance(
  client: SgpClient,
  contract: ErpContract,
): Promise<ErpResult<Maintenance[]>> {
  const answer = await post(client, 'manutencao/list', { contrato: contract.id }, 'read');
  if (!answer.ok) return answer;
  const parsed = ManutencaoAnswer.safeParse(jsonOf(answer));
  if (!parsed.success) return unexpected('sgp manutencao/list');
  const now = Date.now();
  const found: Maintenance[] = [];
  for (const raw of parsed.data) {
    const m = ManutencaoRow.safeParse(raw);
    if (!m.success || !covers(m.data, contract)) continue;
    const endsAt = isoTime(m.data.data_fim);
    if (endsAt !== null && Date.parse(endsAt) <= now) continue;
    found.push({
      description: [m.data.titulo, m.data.descricao].filter(Boolean).join(': '),
      startsAt: isoTime(m.data.data_inicio),
      endsAt,
    });
  }
  return ok(found);
}

/** SGP occurrence types (`ocorrenciatipo`) for the ticket kinds; ISPs number their own, these are defaults. */
const OCCURRENCE: Record<TicketKind, string> = { technical: '1', financial: '2', commercial: '3' };

export async function openTicket(
  client: SgpClient,
  contractId: string,
  text: string,
  kind: TicketKind,
): Promise<ErpResult<ErpTicket>> {
  const answer = await post(
    client,
    'chamado',
    {
      contrato: contractId,
      ocorrenciatipo: OCCURRENCE[kind],
      conteudo: text,
      contato_nome: '',
      contato_telefone: '',
    },
    'write',
  );
  if (!answer.ok) return answer;
  const parsed = ChamadoAnswer.safeParse(jsonOf(answer));
  if (!parsed.success) return unexpected('sgp chamado');
  const { status, protocolo, msg } = parsed.data;
  if (status === '1' && protocolo) return ok({ id: protocolo, protocol: protocolo });
  return fail(saysNotFound(msg) ? 'not_found' : 'erp_unavailable', `sgp chamado: status ${status}`, msg);
}

export async function testConnection(client: SgpClient): Promise<ErpResult<{ detail: string }>> {
  const answer = await post(client, 'consultacliente', { contrato: '0' }, 'read');
  if (!answer.ok) return answer;
  if (!ConsultaAnswer.safeParse(jsonOf(answer)).success) return unexpected('sgp consultacliente');
  return ok({ detail: 'SGP respondeu com as credenciais (SGP answered)' });
}
