// Payment strings for the simulated invoices: a 47-digit boleto digitable line (formatted as banks print it)
// and a PIX copy-and-paste code (EMV BR Code with its CRC16), both deterministic per invoice so tests can
// compare what the adapters return with what the ERP holds.

/** `34191.09008 61207.727308 71140.633108 1 97000000008990`-style line for an invoice id and amount. */
export function digitableLine(invoiceId: string, amount: number): string {
  const cents = String(Math.round(amount * 100)).padStart(10, '0');
  const body = `34191090${invoiceId.padStart(8, '0')}7273087114063310`.slice(0, 32);
  const d = `${body}19700${cents}`.slice(0, 47);
  return `${d.slice(0, 5)}.${d.slice(5, 10)} ${d.slice(10, 15)}.${d.slice(15, 21)} ${d.slice(21, 26)}.${d.slice(26, 32)} ${d.slice(32, 33)} ${d.slice(33)}`;
}

function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

const field = (id: string, value: string) => `${id}${String(value.length).padStart(2, '0')}${value}`;

/** A static PIX BR Code (copy and paste) for the invoice, CRC included. */
export function pixCode(invoiceId: string, amount: number, merchant: string): string {
  const account = field('00', 'br.gov.bcb.pix') + field('01', `financeiro@${merchant}.example`);
  const payload =
    field('00', '01') +
    field('26', account) +
    field('52', '0000') +
    field('53', '986') +
    field('54', amount.toFixed(2)) +
    field('58', 'BR') +
    field('59', 'PROVEDOR SIMULADO') +
    field('60', 'SAO PAULO') +
    field('62', field('05', `FAT${invoiceId}`)) +
    '6304';
  return payload + crc16(payload);
}
