// The widget inside its iframe (Fio's origin): the visitor's chat with the ISP's bot and agents. Reads where
// it runs from its address, picks the language, and renders the app.
import { render } from 'solid-js/web';
import { App } from './App';
import { initLocale } from './i18n';
import { readParams } from './params';
import './styles.css';

const params = readParams();
initLocale(params.locale);
const root = document.getElementById('root');
if (root) render(() => <App params={params} />, root);
