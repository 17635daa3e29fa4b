// The widget inside its iframe (Fio's origin): the visitor's chat with the ISP's bot and agents. Placeholder
// entry of the foundation commit; the widget itself lands with issue 14's widget part.
import { render } from 'solid-js/web';

const root = document.getElementById('root');
if (root) render(() => <p>Fio</p>, root);
