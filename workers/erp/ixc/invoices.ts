// Open invoices on IXC: `fn_areceber` of the contract with status A (open), oldest due first, each with its
// PIX copy-and-paste from `get_pix`; the PDF from `get_boleto` as base64 (checked to be a PDF). All reads.
import { base64ToBytes } from '../../channels/http';
import { fail, ok } from '../failures';
import { Amount, isoDay } from '../loose';
import type { ErpInvoice, ErpResult, InvoicePdf } from '../tools';
import { type IxcClient, list, post } from './client';
import { AreceberRow, InsertAnswer, PixAnswer } from './schemas';

/** More open invoices than this are not sent one by one in a chat: the oldest ones matter. */
const MAX_INVOICES = 6;

async function pixOf(client: IxcClient, invoiceId: string): Promise<string | null> {
  const answer = await post(client, 'get_pix', { id_areceber: invoiceId }, 'read');
  if (!answer.ok || answer.body.kind !== 'json') return null;
  const parsed = PixAnswer.safeParse(answer.body.value);
  return parsed.success ? (parsed.data.pix?.qrCode.qrcode ?? null) : null;
}

export async function listOpenInvoices(
  client: IxcClient,
  contractId: string,
): Promise<ErpResult<ErpInvoice[]>> {
  const listed = await list(
    client,
    'fn_areceber',
    {
      qtype: 'fn_areceber.id_contrato',
      query: contractId,
      rp: 50,
      sortname: 'fn_areceber.data_vencimento',
      grid: [{ TB: 'fn_areceber.status', OP: '=', P: 'A' }],
    },
    AreceberRow,
  );
  if (!listed.ok) return listed;
  const open = listed.rows
    .filter((row) => row.status.toUpperCase() === 'A')
    .map((row) => ({ row, dueDate: isoDay(row.data_vencimento) }))
    .filter((r): r is typeof r & { dueDate: string } => r.dueDate !== null)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
    .slice(0, MAX_INVOICES);
  const invoices: ErpInvoice[] = [];
  for (const { row, dueDate } of open) {
    const amount = Amount.safeParse(row.valor_aberto ?? row.valor);
    invoices.push({
      id: row.id,
      contractId: row.id_contrato ?? contractId,
      dueDate,
      amount: amount.success ? amount.data : 0,
      digitableLine: row.linha_digitavel,
      pixCode: await pixOf(client, row.id),
      pdfUrl: null,
    });
  }
  return ok(invoices);
}

const isPdf = (bytes: Uint8Array) =>
  bytes.length > 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46;

export async function invoicePdf(client: IxcClient, invoice: ErpInvoice): Promise<ErpResult<InvoicePdf>> {
  const answer = await post(
    client,
    'get_boleto',
    {
      boletos: invoice.id,
      juro: 'N',
      multa: 'N',
      atualiza_boleto: 'N',
      tipo_boleto: 'arquivo',
      base64: 'S',
    },
    'read',
  );
  if (!answer.ok) return answer;
  if (answer.body.kind === 'json') {
    const refused = InsertAnswer.safeParse(answer.body.value);
    return fail('not_found', 'ixc get_boleto: refused', refused.success ? refused.data.message : null);
  }
  if (answer.body.kind !== 'text') return fail('erp_unavailable', 'ixc get_boleto: unexpected answer');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(base64ToBytes(answer.body.value));
  } catch {
    return fail('erp_unavailable', 'ixc get_boleto: not base64');
  }
  if (!isPdf(bytes)) return fail('erp_unavailable', 'ixc get_boleto: not a PDF');
  return ok({ filename: `fatura-${invoice.id}.pdf`, bytes });
}
