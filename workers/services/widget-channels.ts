// Widget channels: their settings as stored (channels.settings of kind='widget' rows), the admin's view with
// the snippet to paste, and the public lookup by id the config endpoint, the frame document and CORS share
// (cached a few seconds per isolate: every page load of every customer asks; an admin's change forgets it here
// and other isolates see it within the TTL).
import { and, eq, isNull, sql } from 'drizzle-orm';
import { channels } from '../../drizzle/schema';
import { type WidgetChannelView, WidgetSettings } from '../contract';
import type { Env } from '../env';
import { type Database, inTenant } from './db';
import { TtlCache } from './ttl-cache';

export type WidgetChannelRow = typeof channels.$inferSelect;

/** Stored settings that no longer parse (a hand edit, an older shape) fall back to the defaults field by field. */
export function widgetSettingsOf(raw: unknown): WidgetSettings {
  const parsed = WidgetSettings.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const whole = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const field = <K extends keyof WidgetSettings>(key: K): WidgetSettings[K] => {
    const one = WidgetSettings.safeParse({ [key]: whole[key] });
    return (one.success ? one.data : WidgetSettings.parse({}))[key];
  };
  return {
    branding: field('branding'),
    allowedOrigins: field('allowedOrigins'),
    prechat: field('prechat'),
    verifiedOnly: field('verifiedOnly'),
  };
}

/** The `<script>` tag an ISP pastes on its site: the loader from Fio's origin, naming the channel. */
export function widgetSnippet(fioOrigin: string, channelId: string): string {
  return `<script src="${fioOrigin}/widget.js" data-channel="${channelId}" async></script>`;
}

export function widgetChannelView(row: WidgetChannelRow, fioOrigin: string): WidgetChannelView {
  return {
    id: row.id,
    name: row.name,
    botEnabled: row.botEnabled,
    settings: widgetSettingsOf(row.settings),
    hasIdentitySecret: row.identitySecret !== null,
    snippet: widgetSnippet(fioOrigin, row.id),
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Fio's own origins: where the API was reached and the agent app's (APP_ORIGIN). Pages there (the admin's
 * preview, the frame itself) may always use a channel's widget.
 */
export function fioOrigins(env: Env, requestUrl: string): string[] {
  const own = [new URL(requestUrl).origin];
  const app = env.APP_ORIGIN?.replace(/\/+$/, '');
  if (app) own.push(app);
  return own;
}

/** What the public widget routes need of a live widget channel. */
export interface PublicWidgetChannel {
  tenantId: string;
  channelId: string;
  settings: WidgetSettings;
}

const TTL_MS = 5_000;
const MISS_TTL_MS = 2_000;
const publicChannels = new TtlCache<PublicWidgetChannel | null>(TTL_MS);

/** A live widget channel by id (any tenant: the id is what the snippet names), or null. */
export async function findWidgetChannel(
  primary: Database,
  channelId: string,
): Promise<PublicWidgetChannel | null> {
  const cached = publicChannels.get(channelId);
  if (cached !== undefined) return cached;
  const { rows } = await primary.execute<{ tenant_id: string; kind: string }>(
    sql`select tenant_id, kind from fio_find_channel(${channelId}::uuid)`,
  );
  const found = rows[0];
  let channel: PublicWidgetChannel | null = null;
  if (found && found.kind === 'widget') {
    const tenantId = found.tenant_id;
    const [row] = await inTenant(primary, tenantId, (tx) =>
      tx
        .select({ settings: channels.settings })
        .from(channels)
        .where(and(eq(channels.tenantId, tenantId), eq(channels.id, channelId), isNull(channels.removedAt)))
        .limit(1),
    );
    if (row) channel = { tenantId, channelId, settings: widgetSettingsOf(row.settings) };
  }
  publicChannels.set(channelId, channel, channel ? TTL_MS : MISS_TTL_MS);
  return channel;
}

/** An admin changed a widget channel: this isolate's next page load reads it again. */
export function forgetWidgetChannel(channelId: string): void {
  publicChannels.delete(channelId);
}

/**
 * A page's origin as a browser's Origin header spells it, from what the frame was told (`host`, hostOrigin):
 * scheme, host and port only; null for anything else (a path, not a URL). Whether it is allowed is
 * originAllowed's question (Fio's own origin may be plain http, a site on a list never is).
 */
export function pageOrigin(raw: string): string | null {
  if (!URL.canParse(raw)) return null;
  const url = new URL(raw);
  const bare = (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash && !url.username;
  return bare && (url.protocol === 'https:' || url.protocol === 'http:') ? url.origin : null;
}

/** Whether a page at `origin` may use the channel's widget: on its list, or Fio's own. */
export function originAllowed(settings: WidgetSettings, origin: string, own: readonly string[]): boolean {
  return own.includes(origin) || settings.allowedOrigins.includes(origin);
}
