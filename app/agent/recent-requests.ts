// Joins a GET already under way, or answered moments ago, instead of sending it again. The boot and the screen
// it opens both ask for some things: the admin page asked /api/me again right after the boot's, ~0.8 s on the
// reports screen's critical path, and the reports table waited for the summary before asking at all. A
// failed request is forgotten at once, so a retry really asks again.
export interface RecentRequests<T> {
  /** `start()`'s promise for `key`, or the one started for it within the last `ttlMs`. */
  join(key: string, start: () => Promise<T>): Promise<T>;
}

export function recentRequests<T>(ttlMs: number): RecentRequests<T> {
  const recent = new Map<string, { startedAt: number; promise: Promise<T> }>();
  return {
    join(key, start) {
      const now = Date.now();
      for (const [k, r] of recent) if (now - r.startedAt > ttlMs) recent.delete(k);
      const hit = recent.get(key);
      if (hit) return hit.promise;
      const promise = start();
      recent.set(key, { startedAt: now, promise });
      promise.catch(() => {
        if (recent.get(key)?.promise === promise) recent.delete(key);
      });
      return promise;
    },
  };
}
