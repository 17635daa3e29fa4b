// Where a bench ran, for every report: the BENCH_* knobs it was started with and the machine it ran on.
import os from 'node:os';

export interface Machine {
  cpus: number;
  node: string;
  platform: string;
}

/** The BENCH_* environment variables, so a report says how to run it again. */
export function benchEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => e[0].startsWith('BENCH_') && e[1] !== undefined,
    ),
  );
}

export function machine(): Machine {
  return {
    cpus: os.availableParallelism(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
  };
}
