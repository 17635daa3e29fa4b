// findCustomer on IXC: `cliente` by document — stored masked (`390.533.447-05`) on most installations and
// digits only on some, so both spellings are tried — or by mobile/WhatsApp number as IXC stores it
// ("(11) 98888-0001", else digits); then the customer's contracts from `cliente_contrato`.
import { digitsOf, formattedPhone, maskDocument, nationalPhone, punctuatedDocument } from '../documents';
import { fail, ok } from '../failures';
import type { ErpContract, ErpCustomer, ErpResult } from '../tools';
import { type IxcClient, list } from './client';
import { ClienteRow, ContratoRow } from './schemas';
import { contractStatus } from './status';

type Cliente = ReturnType<typeof ClienteRow.parse>;

/** The searches to try, in order, until one finds the customer. */
function searches(query: { document?: string; phone?: string }): { qtype: string; query: string }[] {
  if (query.document) {
    const digits = digitsOf(query.document);
    return [
      { qtype: 'cliente.cnpj_cpf', query: punctuatedDocument(digits) },
      { qtype: 'cliente.cnpj_cpf', query: digits },
    ];
  }
  const national = nationalPhone(query.phone ?? '');
  return [
    { qtype: 'cliente.telefone_celular', query: formattedPhone(national) },
    { qtype: 'cliente.whatsapp', query: formattedPhone(national) },
    { qtype: 'cliente.telefone_celular', query: national },
  ];
}

export async function findCustomer(
  client: IxcClient,
  query: { document?: string; phone?: string },
): Promise<ErpResult<ErpCustomer>> {
  if (!query.document && !query.phone) return fail('not_found', 'no document or phone given');
  let found: Cliente | null = null;
  for (const search of searches(query)) {
    const listed = await list(client, 'cliente', { ...search, rp: 5 }, ClienteRow);
    if (!listed.ok) return listed;
    found = listed.rows[0] ?? null;
    if (found) break;
  }
  if (!found) return fail('not_found', 'ixc cliente: no registros');
  const contracts = await list(
    client,
    'cliente_contrato',
    { qtype: 'cliente_contrato.id_cliente', query: found.id, rp: 50 },
    ContratoRow,
  );
  if (!contracts.ok) return contracts;
  const customer = found;
  return ok({
    id: customer.id,
    name: customer.razao,
    maskedDocument: maskDocument(customer.cnpj_cpf || (query.document ?? '')),
    contracts: contracts.rows.map(
      (row): ErpContract => ({
        id: row.id,
        plan: row.contrato,
        status: contractStatus(row),
        city: row.cidade ?? customer.cidade,
        neighbourhood: row.bairro ?? customer.bairro,
        pop: null,
      }),
    ),
  });
}
