// Waking many conversation objects from outside: one request per conversation with bounded concurrency,
// each retried a few times after a pause when it fails (a cold object's first card load from Postgres can
// fail under a burst of them: 503 "unavailable", see the README's notes). Returns how many succeeded.
import { pooled } from '../pool';

export async function touchAll(
  ids: readonly string[],
  touch: (id: string) => Promise<number>,
  concurrency: number,
  attempts = 4,
): Promise<{ ok: number; failed: number; retried: number }> {
  let ok = 0;
  let retried = 0;
  await pooled(
    ids.map((id) => async () => {
      for (let a = 0; a < attempts; a++) {
        if (a > 0) {
          retried++;
          await new Promise((r) => setTimeout(r, 500 * a));
        }
        const status = await touch(id).catch(() => 0);
        if (status === 200) {
          ok++;
          return;
        }
      }
    }),
    concurrency,
  );
  return { ok, failed: ids.length - ok, retried };
}
