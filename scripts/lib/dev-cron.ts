// `wrangler dev` does not fire cron triggers by itself: the dev stack asks for the every-minute one through
// wrangler's test endpoint (`--test-scheduled`: GET /__scheduled?cron=…), so the webhook sweep, the report
// rollups and the alert rules run locally as they do in production. A failed tick is logged and retried next
// minute.

const MINUTE_MS = 60_000;
/** wrangler.toml's every-minute trigger (CRON_WEBHOOK_SWEEP in workers/scheduled/index.ts). */
const EVERY_MINUTE = '* * * * *';

/** Fires the minute cron now and every minute after; returns a stop function. */
export function startDevCron(workerUrl: string): () => void {
  const tick = async () => {
    try {
      const res = await fetch(`${workerUrl}/__scheduled?cron=${encodeURIComponent(EVERY_MINUTE)}`);
      await res.body?.cancel();
      if (!res.ok) console.warn(`dev cron: ${res.status}`);
    } catch (err) {
      console.warn(`dev cron failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), MINUTE_MS);
  return () => clearInterval(timer);
}
