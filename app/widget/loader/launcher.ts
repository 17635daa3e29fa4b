// The launcher: a round button in the branding colour at the branding corner (aria-expanded, "Abrir chat" /
// "Fechar chat"), and the unread badge beside it (a sibling, not a child: a button's content is not read).
import type { LoaderLabels } from './i18n';

const SVG = 'http://www.w3.org/2000/svg';
const CHAT_ICON = 'M6 4h12a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z';
const CLOSE_ICON =
  'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z';

export interface Launcher {
  el: HTMLElement;
  button: HTMLButtonElement;
  render(open: boolean, unread: number, labels: LoaderLabels): void;
}

/** Black or white, whichever reads better on the branding colour (#rrggbb). */
function foreground(color: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(color.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.179 ? '#000' : '#fff';
}

export function createLauncher(color: string, onClick: () => void): Launcher {
  const el = document.createElement('div');
  el.className = 'l';
  // CSSOM, not a style attribute: allowed under a CSP without 'unsafe-inline'.
  el.style.setProperty('--c', color);
  el.style.setProperty('--f', foreground(color));
  const button = document.createElement('button');
  button.type = 'button';
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG, 'path');
  svg.appendChild(path);
  button.appendChild(svg);
  button.addEventListener('click', onClick);
  const badge = document.createElement('span');
  badge.className = 'b';
  badge.setAttribute('role', 'img');
  el.appendChild(button);
  el.appendChild(badge);
  return {
    el,
    button,
    render(open, unread, labels) {
      button.setAttribute('aria-label', open ? labels.close : labels.open);
      button.setAttribute('aria-expanded', String(open));
      path.setAttribute('d', open ? CLOSE_ICON : CHAT_ICON);
      badge.hidden = unread === 0;
      badge.textContent = unread > 99 ? '99+' : String(unread);
      badge.setAttribute('aria-label', labels.unread(unread));
    },
  };
}
