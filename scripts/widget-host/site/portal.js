// The demo portal's script: the customer is logged in, so the page hands the widget the identity token its
// server signed (in a meta tag: the page's CSP allows no inline script).
const token = document.querySelector('meta[name="fio-identity"]').content;
if (token && window.Fio) {
  window.Fio.identify(token);
} else {
  document.getElementById('portal-status').textContent =
    'Sem segredo de identidade neste canal: o chat abre como visitante anônimo.';
}
