// The send_invoices step: what list_open_invoices found, most overdue first, at most three, each as a short
// header (due date, amount) followed by the digitable line and the PIX copy-and-paste code as messages of
// their own (a long-press copies exactly the code) and the PDF as a document.

import { formatBrl, formatDate, todayIso } from './format';
import type { Turn } from './session';
import { InvoiceList } from './tool-data';

export const INVOICES_SHOWN = 3;

type Part = 'digitable_line' | 'pix' | 'pdf';

const PART_NAMES: Record<'pt-BR' | 'en', Record<Part, string>> = {
  'pt-BR': { digitable_line: 'a linha digitável', pix: 'o código PIX copia e cola', pdf: 'o boleto em PDF' },
  en: { digitable_line: 'the digitable line', pix: 'the PIX copy-and-paste code', pdf: 'the PDF' },
};

function list(items: string[], and: string): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

export function sendInvoices(turn: Turn, step: { parts: Part[]; text?: string }): void {
  const parsed = InvoiceList.safeParse(turn.data.invoices ?? []);
  const invoices = parsed.success ? parsed.data : [];
  const en = turn.en();
  if (invoices.length === 0) {
    turn.sayRaw(
      en
        ? 'I found no open invoices on your account. Everything is paid. 🎉'
        : 'Não encontrei faturas em aberto no seu cadastro: está tudo pago. 🎉',
    );
    turn.activity('no_open_invoices');
    return;
  }
  if (step.text) turn.say(step.text);
  const today = todayIso(turn.ctx.now);
  const shown = invoices.slice(0, INVOICES_SHOWN);
  for (const inv of shown) {
    const overdue = inv.dueDate.slice(0, 10) < today;
    const parts = step.parts.filter(
      (p) => p === 'pdf' || (p === 'digitable_line' && inv.digitableLine) || (p === 'pix' && inv.pixCode),
    );
    const names = list(
      parts.map((p) => PART_NAMES[turn.ctx.locale][p]),
      en ? 'and' : 'e',
    );
    const due = formatDate(inv.dueDate);
    const amount = formatBrl(inv.amount);
    const head = en
      ? `📄 Invoice of ${amount}, due ${due}${overdue ? ' (overdue)' : ''}.`
      : `📄 Fatura de ${amount} com vencimento em ${due}${overdue ? ' (vencida)' : ''}.`;
    const follow = names
      ? en
        ? ` Next: ${names}, each in its own message so you can copy it.`
        : ` A seguir, ${names}, cada um em uma mensagem para você copiar.`
      : '';
    turn.sayRaw(head + follow);
    for (const p of parts) {
      if (p === 'digitable_line' && inv.digitableLine) turn.sayRaw(inv.digitableLine);
      if (p === 'pix' && inv.pixCode) turn.sayRaw(inv.pixCode);
      if (p === 'pdf') turn.actions.push({ kind: 'send_invoice_pdf', invoiceId: inv.id });
    }
  }
  const rest = invoices.length - shown.length;
  if (rest > 0) {
    turn.sayRaw(
      en
        ? `You have ${rest} more open invoice(s); an agent from billing can help with them.`
        : `Há mais ${rest} fatura(s) em aberto; o financeiro pode ajudar com elas.`,
    );
  }
  turn.activity('invoices_sent', { count: shown.length });
}
