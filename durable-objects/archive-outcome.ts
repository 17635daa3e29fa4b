// The archiver's answers (archive-outcome): a failed write or read comes back to the conversation object as a
// value it turns into an Error of its own, instead of an exception thrown through the Durable Object RPC.

/**
 * What archive() and loadCard() answer. A failure (Postgres down, no connection of the isolate's budget free
 * in time, a timeout) is a value the caller turns back into an error of its own, not an exception thrown
 * through the RPC: the runtime reports every exception a Durable Object method throws as uncaught, with its
 * stack, whether or not the caller handles it. In the 100-tenant scale run a shortage of connections made
 * thousands of those in minutes, and locally wrangler source-maps each one (re-reading the bundle's map), which
 * took most of a core the objects needed.
 */
export type ArchiveOutcome<T = null> =
  | { ok: true; value: T }
  | { ok: false; error: string; name: string; code: string | null };

export function outcomeOf<T>(work: Promise<T>): Promise<ArchiveOutcome<T>> {
  return work.then(
    (value) => ({ ok: true as const, value }),
    (err: unknown) => ({
      ok: false as const,
      error: err instanceof Error ? err.message : String(err),
      name: err instanceof Error ? err.name : 'Error',
      code: typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : null,
    }),
  );
}

/** The caller's side: the failure as an Error again (message, name and SQLSTATE kept for the callers' checks). */
export function archiveFailure(outcome: { error: string; name: string; code: string | null }): Error {
  const err = new Error(outcome.error) as Error & { code?: string };
  err.name = outcome.name;
  if (outcome.code !== null) err.code = outcome.code;
  return err;
}
