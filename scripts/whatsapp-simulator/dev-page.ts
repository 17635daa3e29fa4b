// The dev page served at GET /: play a customer on a registered Cloud number and watch the conversation
// (customer messages and what the product sent, with status ticks; reply buttons and list rows can be
// tapped), and re-pair logged-out gateway instances (dev-page-sessions.ts). Self-contained: no build step.
import { SESSIONS_HTML, SESSIONS_SCRIPT, SESSIONS_STYLE } from './dev-page-sessions';

const STYLE = `
  body { font: 15px/1.4 system-ui, sans-serif; margin: 0; background: #efeae2; color: #111; }
  header { background: #075e54; color: #fff; padding: 12px 16px; }
  header h1 { font-size: 18px; margin: 0; }
  form.setup { display: flex; flex-wrap: wrap; gap: 12px; padding: 12px 16px; background: #f7f7f7; }
  label { display: flex; flex-direction: column; font-size: 13px; gap: 4px; }
  input, select, textarea, button { font: inherit; padding: 6px 8px; }
  main { max-width: 760px; margin: 0 auto; display: flex; flex-direction: column; height: calc(100vh - 150px); }
  #log { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 6px; }
  .msg { max-width: 75%; padding: 6px 10px; border-radius: 8px; white-space: pre-wrap; word-break: break-word; }
  .in { align-self: flex-end; background: #d9fdd3; }
  .out { align-self: flex-start; background: #fff; }
  .meta { display: block; font-size: 11px; color: #667; text-align: right; margin-top: 2px; }
  .read { color: #34b7f1; }
  .failed { color: #c00; }
  form.compose { display: flex; gap: 8px; padding: 8px 16px 16px; }
  form.compose textarea { flex: 1; resize: vertical; min-height: 40px; }
  #error { color: #a00; padding: 0 16px; min-height: 1.2em; }
  .choices { display: flex; flex-direction: column; gap: 4px; margin-top: 6px; }
  .choices button { background: #fff; color: #027eb5; border: 1px solid #c9d7e0; border-radius: 6px; }
  .choices small { display: block; color: #667; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
`;

const SCRIPT = `
const $ = (id) => document.getElementById(id);
const TICKS = { sent: '✓', delivered: '✓✓', read: '✓✓', failed: '⚠ falhou (failed)' };
let autoStatuses = false;

async function json(path, init) {
  const res = await fetch(path, init);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ? body.error.message : res.statusText);
  return body;
}

async function loadNumbers() {
  const data = await json('/_sim/numbers');
  autoStatuses = data.autoStatuses;
  const select = $('number');
  select.replaceChildren();
  for (const n of data.numbers) {
    const option = document.createElement('option');
    option.value = n.phoneNumberId;
    option.textContent = n.verifiedName + ' (+' + n.displayPhoneNumber + ')';
    select.append(option);
  }
  if (data.numbers.length === 0) $('error').textContent = 'Nenhum número registrado (no number registered).';
}

function describe(m) {
  if (m.text) return m.text;
  if (m.media) return '[' + m.media.kind + (m.media.filename ? ': ' + m.media.filename : '') + ']';
  if (m.template) return '[modelo (template) ' + m.template.name + ']';
  return '[' + m.type + ']';
}

function bubble(m) {
  const div = document.createElement('div');
  div.className = 'msg ' + m.side;
  div.textContent = describe(m);
  const meta = document.createElement('span');
  meta.className = 'meta';
  const time = new Date(m.at).toLocaleTimeString('pt-BR');
  if (m.side === 'in') {
    meta.textContent = time + ' · webhook ' + m.status;
  } else {
    const tick = m.delivery ? TICKS[m.delivery] : (autoStatuses ? '🕓' : '');
    meta.textContent = time + ' ' + tick + (m.template ? ' · ' + m.template.name : '');
    if (m.delivery === 'read') meta.classList.add('read');
    if (m.delivery === 'failed') meta.classList.add('failed');
  }
  if (m.side === 'out' && m.interactive) div.append(choices(m));
  div.append(meta);
  return div;
}

/** Reply buttons or list rows the product sent: the customer taps one (POST /_sim/tap). */
function choices(m) {
  const box = document.createElement('div');
  box.className = 'choices';
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', m.interactive.kind === 'list' ? 'Lista (list)' : 'Botões (buttons)');
  for (const o of m.interactive.options) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = o.title;
    if (o.description) {
      const d = document.createElement('small');
      d.textContent = o.description;
      b.append(d);
    }
    b.addEventListener('click', () => tap(m.externalId, o.id));
    box.append(b);
  }
  return box;
}

async function tap(externalId, optionId) {
  $('error').textContent = '';
  try {
    const body = { externalId, optionId, name: $('name').value || undefined };
    await json('/_sim/tap', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await refresh();
  } catch (err) {
    $('error').textContent = 'Erro (error): ' + err.message;
  }
}

async function refresh() {
  const address = $('number').value;
  const to = $('phone').value.replace(/\\D/g, '');
  if (!address || !to) return;
  const q = '?address=' + encodeURIComponent(address) + '&to=' + encodeURIComponent(to);
  const [sent, inbound] = await Promise.all([json('/_sim/sent' + q), json('/_sim/inbound' + q)]);
  const items = [
    ...inbound.inbound.map((m) => ({ ...m, side: 'in' })),
    ...sent.sent.map((m) => ({ ...m, side: 'out' })),
  ].sort((a, b) => a.at - b.at);
  const log = $('log');
  const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 20;
  log.replaceChildren(...items.map(bubble));
  if (atBottom) log.scrollTop = log.scrollHeight;
}

async function send(event) {
  event.preventDefault();
  const text = $('text').value.trim();
  if (!text) return;
  $('error').textContent = '';
  try {
    const body = {
      phoneNumberId: $('number').value,
      from: $('phone').value.replace(/\\D/g, ''),
      name: $('name').value || undefined,
      text,
    };
    await json('/_sim/inbound', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    $('text').value = '';
    await refresh();
  } catch (err) {
    $('error').textContent = 'Erro (error): ' + err.message;
  }
}

$('compose').addEventListener('submit', send);
$('text').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) send(e);
});
$('number').addEventListener('change', refresh);
$('phone').addEventListener('change', refresh);
loadNumbers().then(refresh).catch((err) => { $('error').textContent = err.message; });
setInterval(() => refresh().catch((err) => { $('error').textContent = err.message; }), 1000);
`;

export const DEV_PAGE = `<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Simulador WhatsApp (WhatsApp simulator) · Fio</title>
<style>${STYLE}${SESSIONS_STYLE}</style>
</head>
<body>
<header><h1>Simulador WhatsApp <small>(WhatsApp simulator)</small></h1></header>
<form class="setup" aria-label="Cliente (customer)" onsubmit="return false">
  <label for="number">Número da empresa (business number)<select id="number"></select></label>
  <label for="phone">Telefone do cliente (customer phone)
    <input id="phone" inputmode="numeric" autocomplete="off" value="5511987654321"></label>
  <label for="name">Nome do cliente (customer name)<input id="name" value="Maria Silva"></label>
</form>
<main>
  <div id="log" role="log" aria-live="polite" aria-label="Conversa (conversation)"></div>
  <div id="error" role="alert"></div>
  <form id="compose" class="compose">
    <label for="text" class="visually-hidden">Mensagem (message)</label>
    <textarea id="text" placeholder="Digite uma mensagem (type a message)"></textarea>
    <button type="submit">Enviar (send)</button>
  </form>
</main>${SESSIONS_HTML}
<script>${SCRIPT}${SESSIONS_SCRIPT}</script>
</body>
</html>
`;
