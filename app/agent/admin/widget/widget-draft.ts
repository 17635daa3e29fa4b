// The widget form's state as typed (the allowed sites as one text, one per line; each pre-chat field off,
// optional or required) and the request it becomes. The request is checked with the contract before sending;
// a refused site is reported by its line in the text, whether the contract or the server refused it (both
// name it `settings.allowedOrigins.<index>` of the lines sent, and blank lines are not sent).
import type { PrechatFieldName, WidgetChannelView } from '../../../../workers/contract/widget';
import type { OriginProblem, PrechatMode } from './widget-admin-i18n';

/** The pre-chat fields in the order the widget asks them. */
export const PRECHAT_ORDER: readonly PrechatFieldName[] = ['name', 'phone', 'email', 'cpf'];

export interface WidgetDraft {
  name: string;
  botEnabled: boolean;
  title: string;
  color: string;
  greeting: string;
  logoUrl: string;
  position: 'right' | 'left';
  origins: string;
  prechat: Record<PrechatFieldName, PrechatMode>;
  verifiedOnly: boolean;
}

/** What the form starts with: the channel's stored settings, or the contract's defaults for a new one. */
export function draftOf(view: WidgetChannelView | null): WidgetDraft {
  const s = view?.settings;
  const prechat: Record<PrechatFieldName, PrechatMode> = {
    name: 'off',
    phone: 'off',
    email: 'off',
    cpf: 'off',
  };
  for (const f of s?.prechat ?? []) prechat[f.field] = f.required ? 'required' : 'optional';
  return {
    name: view?.name ?? '',
    botEnabled: view?.botEnabled ?? false,
    title: s?.branding.title ?? 'Atendimento',
    color: s?.branding.color ?? '#0f766e',
    greeting: s?.branding.greeting ?? 'Olá! Como podemos ajudar?',
    logoUrl: s?.branding.logoUrl ?? '',
    position: s?.branding.position ?? 'right',
    origins: (s?.allowedOrigins ?? []).join('\n'),
    prechat,
    verifiedOnly: s?.verifiedOnly ?? false,
  };
}

/** The request body (create and update share it) and, per sent site, its line number in the text (1-based). */
export function requestOf(d: WidgetDraft): { body: unknown; lineOf: number[]; lines: string[] } {
  const all = d.origins.split('\n');
  const lineOf: number[] = [];
  const lines: string[] = [];
  all.forEach((raw, i) => {
    if (raw.trim() === '') return;
    lineOf.push(i + 1);
    lines.push(raw.trim());
  });
  const body = {
    name: d.name,
    botEnabled: d.botEnabled,
    settings: {
      branding: {
        title: d.title,
        color: d.color.trim(),
        greeting: d.greeting,
        logoUrl: d.logoUrl.trim() === '' ? null : d.logoUrl.trim(),
        position: d.position,
      },
      allowedOrigins: lines,
      prechat: PRECHAT_ORDER.filter((f) => d.prechat[f] !== 'off').map((f) => ({
        field: f,
        required: d.prechat[f] === 'required',
      })),
      verifiedOnly: d.verifiedOnly,
    },
  };
  return { body, lineOf, lines };
}

/** Why a site address would be refused, in words the admin can act on (the contract has the final say). */
export function originProblem(line: string): OriginProblem {
  let url: URL;
  try {
    url = new URL(line);
  } catch {
    return 'notUrl';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'notUrl';
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol === 'http:' && !local) return 'http';
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return 'path';
  return 'other';
}

/** Whether white text on this colour falls short of WCAG's 4.5:1 (the widget's header and button). */
export function lowContrastOnWhiteText(hex: string): boolean {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const c = Number.parseInt(h ?? '0', 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (luminance + 0.05) < 4.5;
}
