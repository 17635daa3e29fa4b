// The frame of every page before sign-in (sign-in, second factor, reset, invitation, the first check): the
// brand and its tagline beside (desktop) or above (phone) a card holding the page's form, and the language
// switch. `main.login` is the page's landmark; tests and the session watcher look for it.
import { For, type JSX } from 'solid-js';
import { LanguageSelect } from '../LanguageSelect';
import { FioLogo } from './Brand';
import { si } from './signin-i18n';
import './signin.css';

export function SignInFrame(props: { children: JSX.Element }) {
  return (
    <main class="login">
      <div class="login-hero">
        <h1 class="login-logo">
          <FioLogo />
        </h1>
        <p class="login-tagline">{si().tagline}</p>
        <ul class="login-points">
          <For each={si().points}>{(p) => <li>{p}</li>}</For>
        </ul>
      </div>
      <div class="login-side">
        <div class="login-lang">
          <LanguageSelect />
        </div>
        <div class="login-card">{props.children}</div>
      </div>
    </main>
  );
}
