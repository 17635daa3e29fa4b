// findCustomer on SGP: consultacliente by cpfcnpj (digits) or telefone (national number); one answer row per
// contract, grouped by the first customer's clienteId. "Nada encontrado" / an empty list → not_found.
import { digitsOf, maskDocument, nationalPhone } from '../documents';
import { fail, ok, unexpected } from '../failures';
import type { ErpCustomer, ErpResult } from '../tools';
import { jsonOf, post, type SgpClient } from './client';
import { ConsultaAnswer } from './schemas';
import { contractStatus } from './status';

export async function findCustomer(
  client: SgpClient,
  query: { document?: string; phone?: string },
): Promise<ErpResult<ErpCustomer>> {
  const fields: Record<string, string> | null = query.document
    ? { cpfcnpj: digitsOf(query.document) }
    : query.phone
      ? { telefone: nationalPhone(query.phone) }
      : null;
  if (!fields) return fail('not_found', 'no document or phone given');
  const answer = await post(client, 'consultacliente', fields, 'read');
  if (!answer.ok) return answer;
  const parsed = ConsultaAnswer.safeParse(jsonOf(answer));
  if (!parsed.success) return unexpected('sgp consultacliente');
  const first = parsed.data.contratos[0];
  if (!first) return fail('not_found', `sgp consultacliente: ${parsed.data.msg ?? 'no contracts'}`);
  const rows = parsed.data.contratos.filter((c) => c.clienteId === first.clienteId);
  return ok({
    id: first.clienteId ?? first.contratoId,
    name: first.razaoSocial,
    maskedDocument: maskDocument(first.cpfCnpj ?? query.document ?? ''),
    contracts: rows.map((row) => ({
      id: row.contratoId,
      plan: row.servico_plano,
      status: contractStatus(row.contratoStatus),
      city: row.endereco_cidade,
      neighbourhood: row.endereco_bairro,
      pop: row.popNome,
    })),
  });
}
