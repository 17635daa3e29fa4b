// The two numbers the bench talks to, on the demo tenant: the demo number with the bot on (as the seed
// leaves it) and a second number of the bench's own with the bot off (the agent floor and the crowd's
// baseline). Both drop Meta's per-recipient pacing (one message per 6 s after a burst of 3): a bot step
// often sends several messages, and the bench times the bot, not Meta's pacing.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DEMO_NUMBER, type Stack } from '../../lib/stack';
import { seedCloudNumber } from '../../seed';
import type { WebhookNumber } from '../webhooks/payload';

export interface BenchChannel {
  channelId: string;
  number: WebhookNumber;
  bot: boolean;
}

export interface BenchChannels {
  bot: BenchChannel;
  plain: BenchChannel;
}

/** The bench's own number (no other seed uses it). */
const PLAIN_NUMBER = {
  name: 'WhatsApp sem robô (bench)',
  phoneNumberId: '100000000000077',
  wabaId: '200000000000077',
  displayPhoneNumber: '5511900000077',
};

/** Pacing that never holds a bench reply back: the number's 80/s stays, the per-recipient rule goes. */
const UNPACED = { pairIntervalMs: 0, pairBurst: 100 };

async function configure(client: pg.Client, channelId: string, bot: boolean): Promise<void> {
  await client.query(`update channels set bot_enabled = $2, settings = settings || $3::jsonb where id = $1`, [
    channelId,
    bot,
    JSON.stringify(UNPACED),
  ]);
}

export async function setUpChannels(stack: Stack): Promise<BenchChannels> {
  const accessToken = randomBytes(24).toString('base64url');
  stack.whatsapp.registerNumber({ ...PLAIN_NUMBER, accessToken, verifiedName: 'Provedor Demo' });
  const plainId = await seedCloudNumber(
    stack.ownerUrl,
    stack.demo.tenantId,
    { ...PLAIN_NUMBER, accessToken },
    stack.secrets.channelSecretsKey,
  );
  const client = new pg.Client({ connectionString: stack.ownerUrl });
  await client.connect();
  try {
    await configure(client, stack.demo.whatsappChannelId, true);
    await configure(client, plainId, false);
  } finally {
    await client.end();
  }
  const numberOf = (n: WebhookNumber): WebhookNumber => ({
    phoneNumberId: n.phoneNumberId,
    displayPhoneNumber: n.displayPhoneNumber,
    wabaId: n.wabaId,
  });
  return {
    bot: { channelId: stack.demo.whatsappChannelId, number: numberOf(DEMO_NUMBER), bot: true },
    plain: { channelId: plainId, number: numberOf(PLAIN_NUMBER), bot: false },
  };
}

/** The conversation a customer's first message opened on a channel (polled briefly: the ack means stored). */
export async function conversationOf(
  ownerUrl: string,
  channelId: string,
  phone: string,
  timeoutMs = 5_000,
): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await client.query<{ id: string }>(
        `select c.id from conversations c join contacts k on k.id = c.contact_id
          where c.channel_id = $1 and k.phone = $2 order by c.created_at desc limit 1`,
        [channelId, phone],
      );
      const id = res.rows[0]?.id;
      if (id) return id;
      if (Date.now() > deadline) throw new Error(`no conversation for ${phone} on ${channelId}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await client.end();
  }
}
