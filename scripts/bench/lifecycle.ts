// Start and stop of a bench's processes: everything started is registered before it finishes starting, so an
// interrupt mid-start still stops it; a signal (Ctrl-C arrives twice: terminal and tsx) stops everything
// once, newest first, then exits. `run` wraps a bench's main in the same failure and stop handling.
export interface Lifecycle {
  owned<T extends { stop(): Promise<void> }>(starting: Promise<T>): Promise<T>;
  stopAll(): Promise<void>;
  /** Runs the bench; a failure (unless it is an interrupt tearing things down) sets exit code 1; stops all. */
  run(main: () => Promise<void>): Promise<void>;
}

export function benchLifecycle(log: (line: string) => void, what: string): Lifecycle {
  const cleanups: (() => Promise<unknown>)[] = [];
  let stopping: Promise<void> | null = null;
  const stopAll = () => {
    stopping ??= (async () => {
      for (const fn of cleanups.splice(0).reverse())
        await fn().catch((err) => log(`stop failed: ${String(err)}`));
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // `on`, not `once`: a second signal without a handler would exit before the children are stopped.
    process.on(signal, () => {
      if (stopping) return;
      log(`${signal}: stopping ${what}…`);
      void stopAll().finally(() => process.exit(130));
    });
  }
  return {
    owned(starting) {
      cleanups.push(async () => (await starting.catch(() => null))?.stop());
      return starting;
    },
    stopAll,
    async run(main) {
      try {
        await main();
      } catch (err) {
        // After an interrupt, the failure is only the interrupt tearing things down under the run.
        if (stopping === null)
          log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        process.exitCode = 1;
      } finally {
        await stopAll();
      }
    },
  };
}
