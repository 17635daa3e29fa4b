// The demo tenant's widget channel as the bench needs it: its public config read as the host page's loader
// reads it (with the host's Origin), and no pre-chat form, so "usable composer" times the widget and not a
// form being typed (when the channel has one, the admin API turns it off first and the report says so).
import { postJson } from '../http';

const TIMEOUT_MS = 30_000;

interface PublicConfig {
  prechat: unknown[];
  open: boolean;
}

async function readConfig(base: string, channelId: string, hostOrigin: string): Promise<PublicConfig> {
  const res = await fetch(`${base}/api/widget/channels/${channelId}/config`, {
    headers: { origin: hostOrigin },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`GET widget config as ${hostOrigin}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as PublicConfig;
}

/** Makes sure the channel shows no pre-chat form and is open; returns what the report says about it. */
export async function withoutPrechat(opts: {
  base: string;
  channelId: string;
  hostOrigin: string;
  admin: { email: string; password: string };
}): Promise<string> {
  const config = await readConfig(opts.base, opts.channelId, opts.hostOrigin);
  if (!config.open)
    throw new Error(
      'the demo widget channel is closed (business hours): the composer would be the offline form',
    );
  if (config.prechat.length === 0) return 'none on the demo channel (as seeded)';
  const { accessToken } = await postJson<{ accessToken: string }>(
    `${opts.base}/api/auth/login`,
    opts.admin,
    200,
  );
  const auth = { authorization: `Bearer ${accessToken}` };
  const url = `${opts.base}/api/widget-channels`;
  const list = await fetch(url, { headers: auth, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!list.ok) throw new Error(`GET widget channels: HTTP ${list.status} ${await list.text()}`);
  const { channels } = (await list.json()) as {
    channels: { id: string; settings: Record<string, unknown> }[];
  };
  const channel = channels.find((ch) => ch.id === opts.channelId);
  if (!channel) throw new Error(`widget channel ${opts.channelId} not listed for the demo admin`);
  // The settings are replaced as a whole: the same ones, without the form.
  const res = await fetch(`${url}/${opts.channelId}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ settings: { ...channel.settings, prechat: [] } }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok)
    throw new Error(`PATCH widget channel without pre-chat: HTTP ${res.status} ${await res.text()}`);
  return `the demo channel's ${config.prechat.length} field(s) turned off through the admin API before measuring`;
}
