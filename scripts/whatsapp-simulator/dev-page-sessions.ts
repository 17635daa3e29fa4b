// The dev page's gateway sessions panel: each Evolution/Uazapi instance the phone logged out, its state and,
// once the product asked for it (/instance/connect), the QR with an "Escanear" button playing the phone.

export const SESSIONS_STYLE = `
  #sessions { max-width: 760px; margin: 0 auto; padding: 8px 16px; }
  #sessions .session { background: #fff; border-radius: 8px; padding: 8px 12px; margin: 6px 0; }
  #sessions .qr { width: 160px; height: 160px; background: #fff; }
  #sessions .qr svg { width: 100%; height: 100%; }
`;

export const SESSIONS_HTML = `
<section id="sessions" aria-labelledby="sessions-title" hidden>
  <h2 id="sessions-title">Sessões de gateway (gateway sessions)</h2>
  <div id="session-list"></div>
</section>`;

export const SESSIONS_SCRIPT = `
const STATE = { open: 'Conectado (paired)', close: 'Desconectado (logged out)', connecting: 'Aguardando leitura do QR (waiting for a scan)' };
async function loadSessions() {
  const data = await json('/_sim/sessions');
  const list = $('session-list');
  $('sessions').hidden = data.sessions.length === 0;
  list.replaceChildren(...data.sessions.map((s) => {
    const div = document.createElement('div');
    div.className = 'session';
    const title = document.createElement('strong');
    title.textContent = s.provider + ' · ' + s.address + ' — ' + (STATE[s.state] || s.state);
    div.append(title);
    if (s.state === 'connecting' && s.qrSvg) {
      const qr = document.createElement('div');
      qr.className = 'qr';
      qr.setAttribute('role', 'img');
      qr.setAttribute('aria-label', 'QR ' + s.address);
      qr.innerHTML = s.qrSvg;
      const scan = document.createElement('button');
      scan.type = 'button';
      scan.textContent = 'Escanear (scan)';
      scan.addEventListener('click', async () => {
        try {
          await json('/_sim/sessions/scan', { method: 'POST', headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ provider: s.provider, address: s.address }) });
          await loadSessions();
        } catch (err) { $('error').textContent = 'Erro (error): ' + err.message; }
      });
      div.append(qr, scan);
    }
    return div;
  }));
}
loadSessions().catch(() => {});
setInterval(() => loadSessions().catch(() => {}), 2000);
`;
