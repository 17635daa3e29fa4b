// The channel's public configuration (GET /api/widget/channels/:id/config, CORS without credentials): what
// the launcher needs (colour, corner). A 403 means this site is not on the channel's allowed sites: the page
// then gets no launcher and one console warning saying why.
import type { WidgetConfigResponse } from '../../../workers/contract/widget';

export interface LauncherConfig {
  color: string;
  position: 'left' | 'right';
}

const DEFAULT_COLOR = '#0f766e';

export async function fetchLauncherConfig(
  origin: string,
  channelId: string,
): Promise<LauncherConfig | string> {
  let res: Response;
  try {
    res = await fetch(`${origin}/api/widget/channels/${channelId}/config`, {
      mode: 'cors',
      credentials: 'omit',
    });
  } catch {
    // Fio refuses a site not on the channel's list without CORS headers, so the browser shows us no status;
    // a page whose CSP lacks Fio in connect-src lands here too (and the browser reports that violation).
    return `its configuration could not be read from ${origin}: add this site (${location.origin}) to the widget channel's allowed sites (Admin → Widget do site), and ${origin} to the page's CSP connect-src`;
  }
  if (res.status === 403) {
    return `this site (${location.origin}) is not on the widget channel's allowed sites: add it in Admin → Widget do site`;
  }
  if (res.status === 404) return `widget channel ${channelId} not found`;
  if (!res.ok) return `the widget's configuration failed (HTTP ${res.status})`;
  let body: Partial<WidgetConfigResponse>;
  try {
    body = (await res.json()) as Partial<WidgetConfigResponse>;
  } catch {
    return "the widget's configuration was not JSON";
  }
  // Checked field by field rather than with the contract's zod schema: the loader's 5 KB budget.
  const color = body.branding?.color;
  return {
    color: typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color) ? color : DEFAULT_COLOR,
    position: body.branding?.position === 'left' ? 'left' : 'right',
  };
}
