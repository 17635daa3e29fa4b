// The demo host site's rows: the demo widget channel's allowed origins (stack-level: exactly that one
// settings field, merged into whatever else the channel's settings hold) and, for `npm run dev`, a known
// identity secret for /portal (sealed in the row exactly as the admin's "rotate" does).
import pg from 'pg';
import { newIdentitySecret } from '../../workers/services/widget-identity';

async function withClient<T>(ownerUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function setAllowedOrigins(
  ownerUrl: string,
  channelId: string,
  origins: string[],
): Promise<void> {
  await withClient(ownerUrl, async (client) => {
    const res = await client.query(
      `update channels set settings = coalesce(settings, '{}'::jsonb) || jsonb_build_object('allowedOrigins', $2::jsonb)
       where id = $1 and kind = 'widget'`,
      [channelId, JSON.stringify(origins)],
    );
    if (res.rowCount !== 1) throw new Error(`widget channel ${channelId} not found`);
  });
}

/** A new identity secret for the widget channel; returns the plain secret (for the host server to sign with). */
export async function rotateIdentitySecret(
  ownerUrl: string,
  channelId: string,
  channelSecretsKey: string,
): Promise<string> {
  const { secret, sealed } = await newIdentitySecret(channelSecretsKey, channelId);
  await withClient(ownerUrl, (client) =>
    client.query(`update channels set identity_secret = $2 where id = $1 and kind = 'widget'`, [
      channelId,
      sealed,
    ]),
  );
  return secret;
}
