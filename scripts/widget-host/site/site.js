// The demo ISP's own script: state the widget must never touch (a global it owns, a counter in the page) and
// the kind of prototype addition old sites carry (enumerable, so a `for…in` over an array would see it).
window.provedorDemo = { version: '2.3.1', pedidos: 0, mensagens: [] };
Array.prototype.ultimo = function ultimo() {
  return this[this.length - 1];
};
// The page listens to every postMessage (many sites do) and keeps what it saw.
window.addEventListener('message', (event) => {
  window.provedorDemo.mensagens.push(event.origin);
});
document.getElementById('assinar').addEventListener('click', () => {
  window.provedorDemo.pedidos += 1;
  const n = window.provedorDemo.pedidos;
  document.getElementById('pedidos').textContent = `${n} ${n === 1 ? 'pedido' : 'pedidos'}`;
});
