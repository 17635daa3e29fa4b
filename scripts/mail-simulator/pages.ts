// The dev mailbox: a list of received e-mails, each opened as its text (links clickable) and its HTML in a
// sandboxed frame (no scripts, no same-origin), so a developer can click the reset or invitation link.
import type { ReceivedMail } from './store';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESC[c] ?? c);

/** Escaped text with http(s) links made clickable. */
function linkify(text: string): string {
  return esc(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#f6f7f9}
header{background:#0b5cad;color:#fff;padding:12px 20px}header a{color:#fff}
main{max-width:900px;margin:20px auto;padding:0 16px}table{width:100%;border-collapse:collapse;background:#fff}
td,th{padding:8px 10px;border-bottom:1px solid #e3e6ea;text-align:left;font-size:14px}
pre{white-space:pre-wrap;background:#fff;padding:12px;border:1px solid #e3e6ea}
iframe{width:100%;height:420px;border:1px solid #e3e6ea;background:#fff}.empty{color:#666}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head>
<body><header><strong>Fio · caixa de e-mails de desenvolvimento</strong> (dev mailbox) — <a href="/">todas / all</a></header>
<main>${body}</main></body></html>`;
}

export function mailboxPage(messages: readonly ReceivedMail[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) => `<tr><td>${esc(m.receivedAt.replace('T', ' ').slice(0, 19))}</td><td>${esc(m.to.join(', '))}</td>
<td><a href="/m/${encodeURIComponent(m.id)}">${esc(m.subject)}</a></td></tr>`,
    )
    .join('');
  const table = messages.length
    ? `<table><thead><tr><th>Recebido / received (UTC)</th><th>Para / to</th><th>Assunto / subject</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p class="empty">Nenhum e-mail ainda. / No e-mail yet.</p>';
  return page('Dev mailbox', `<h1>E-mails recebidos / received (${messages.length})</h1>${table}`);
}

export function messagePage(m: ReceivedMail): string {
  return page(
    m.subject,
    `<h1>${esc(m.subject)}</h1><p>De / from: ${esc(m.from)}<br>Para / to: ${esc(m.to.join(', '))}<br>${esc(m.receivedAt)}</p>
<h2>Texto / text</h2><pre>${linkify(m.text)}</pre>
<h2>HTML</h2><iframe sandbox="allow-popups allow-top-navigation-by-user-activation" title="HTML" srcdoc="${esc(m.html)}"></iframe>`,
  );
}
