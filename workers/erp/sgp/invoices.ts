// Open invoices on SGP: fatura2via by contract, ALWAYS with nao_gerar_os=1 (without it SGP opens an
// occurrence on every call, so a read would write); the PIX from pagamento/pix/{fatura} when the 2ª via
// left it out; the PDF from the public link SGP gives, fetched on the ERP's own origin only.
import { fail, ok, unexpected } from '../failures';
import { isoDay } from '../loose';
import type { ErpInvoice, ErpResult, InvoicePdf } from '../tools';
import { download, jsonOf, post, type SgpClient } from './client';
import { Fatura2viaAnswer, PixAnswer } from './schemas';
import { saysNotFound } from './status';

const MAX_INVOICES = 6;

async function pixOf(client: SgpClient, contractId: string, invoiceId: string): Promise<string | null> {
  const answer = await post(
    client,
    `pagamento/pix/${encodeURIComponent(invoiceId)}`,
    { contrato: contractId },
    'read',
  );
  if (!answer.ok) return null;
  const parsed = PixAnswer.safeParse(jsonOf(answer));
  return parsed.success && parsed.data.status === '1' ? parsed.data.pix : null;
}

export async function listOpenInvoices(
  client: SgpClient,
  contractId: string,
): Promise<ErpResult<ErpInvoice[]>> {
  const answer = await post(client, 'fatura2via', { contrato: contractId, nao_gerar_os: '1' }, 'read');
  if (!answer.ok) return answer;
  const parsed = Fatura2viaAnswer.safeParse(jsonOf(answer));
  if (!parsed.success) return unexpected('sgp fatura2via');
  if (parsed.data.links.length === 0 && saysNotFound(parsed.data.msg))
    return fail('not_found', 'sgp fatura2via: contract not found', parsed.data.msg);
  const links = parsed.data.links
    .map((link) => ({ link, dueDate: isoDay(link.vencimento) }))
    .filter((l): l is typeof l & { dueDate: string } => l.dueDate !== null)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
    .slice(0, MAX_INVOICES);
  const invoices: ErpInvoice[] = [];
  for (const { link, dueDate } of links) {
    invoices.push({
      id: link.fatura,
      contractId,
      dueDate,
      amount: link.valor,
      digitableLine: link.linhadigitavel,
      pixCode: link.codigopix ?? (await pixOf(client, contractId, link.fatura)),
      pdfUrl: link.link,
    });
  }
  return ok(invoices);
}

const isPdf = (bytes: Uint8Array) =>
  bytes.length > 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46;

export async function invoicePdf(client: SgpClient, invoice: ErpInvoice): Promise<ErpResult<InvoicePdf>> {
  if (!invoice.pdfUrl) return fail('not_found', 'sgp: the invoice has no PDF link');
  const answer = await download(client, invoice.pdfUrl);
  if (!answer.ok) return answer;
  const bytes = answer.body.kind === 'bytes' ? answer.body.value : null;
  if (!bytes || !isPdf(bytes)) return fail('erp_unavailable', 'sgp boleto: not a PDF');
  return ok({ filename: `fatura-${invoice.id}.pdf`, bytes });
}
