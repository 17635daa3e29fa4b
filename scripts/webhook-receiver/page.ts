// The receiver's dev page: the most recent attempts of every hook, newest first (escaped: bodies are data).
import type { ReceiverStore } from './store';

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export function receiverPage(store: ReceiverStore): string {
  const rows = store
    .all()
    .flatMap(([name, hook]) => hook.attempts.map((a) => ({ name, a })))
    .sort((x, y) => (x.a.at < y.a.at ? 1 : -1))
    .slice(0, 200)
    .map(
      ({ name, a }) => `<tr><td>${esc(a.at)}</td><td>${esc(name)}</td><td>${esc(a.event ?? '')}</td>
        <td><code>${esc(a.deliveryId ?? '')}</code></td><td>${a.status || 'no answer'}</td>
        <td class="${a.signature}">${a.signature}</td>
        <td><pre>${esc(JSON.stringify(a.body, null, 1)).slice(0, 2_000)}</pre></td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fio webhook receiver</title>
<style>body{font:14px system-ui;margin:24px;color:#1c2430}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #e3e7ee;padding:6px 8px;text-align:left;vertical-align:top}
pre{margin:0;max-height:120px;overflow:auto;font-size:12px}.valid{color:#17803d}.invalid,.stale,.missing{color:#b42318}</style>
</head><body><h1>Webhook receiver</h1><p>Point an endpoint at <code>/hooks/&lt;name&gt;</code>. Newest first.</p>
<table><thead><tr><th>At</th><th>Hook</th><th>Event</th><th>Delivery id</th><th>Answer</th><th>Signature</th><th>Body</th></tr></thead>
<tbody>${rows || '<tr><td colspan="7">Nothing arrived yet.</td></tr>'}</tbody></table></body></html>`;
}
