// `npm run cost -- …` flags: the load (defaults: the seeds' load, 1,000 ISPs, 5 M messages a day, 100 K
// sockets, 1 M open conversations) and the assumptions, each a non-negative number; an unknown flag, a
// missing value or a negative/non-numeric one is refused with a message naming it (exit code 2).
import { type Assumptions, DEFAULT_ASSUMPTIONS, type Load } from './model';

export const SEEDS_LOAD: Load = {
  isps: 1_000,
  messagesPerDay: 5_000_000,
  sockets: 100_000,
  openConversations: 1_000_000,
};

export interface CostArgs {
  load: Load;
  assumptions: Assumptions;
  usageFile: string | null;
  json: boolean;
  help: boolean;
}

export class ArgError extends Error {}

type NumberFlag =
  | { target: 'load'; key: keyof Load; integer: boolean; max?: number }
  | { target: 'assumptions'; key: keyof Assumptions; integer: boolean; max?: number };

const NUMBER_FLAGS: Record<string, NumberFlag> = {
  '--isps': { target: 'load', key: 'isps', integer: true },
  '--messages-per-day': { target: 'load', key: 'messagesPerDay', integer: true },
  '--sockets': { target: 'load', key: 'sockets', integer: true },
  '--open-conversations': { target: 'load', key: 'openConversations', integer: true },
  '--media-share': { target: 'assumptions', key: 'mediaShare', integer: false, max: 1 },
  '--socket-hours-per-day': { target: 'assumptions', key: 'socketHoursPerDay', integer: false, max: 24 },
  '--connects-per-socket-per-day': { target: 'assumptions', key: 'connectsPerSocketPerDay', integer: false },
  '--retention-months': { target: 'assumptions', key: 'retentionMonths', integer: false },
  '--neon-min-cu': { target: 'assumptions', key: 'neonMinCu', integer: false },
  '--neon-replicas': { target: 'assumptions', key: 'neonReplicas', integer: true },
  '--neon-headroom': { target: 'assumptions', key: 'neonHeadroom', integer: false },
};

export const USAGE_TEXT = `npm run cost -- [flags]   (every value a number ≥ 0; defaults in brackets)
  load:        --isps [1000] --messages-per-day [5000000] --sockets [100000] --open-conversations [1000000]
  assumptions: --media-share [${DEFAULT_ASSUMPTIONS.mediaShare}] --socket-hours-per-day [${DEFAULT_ASSUMPTIONS.socketHoursPerDay}]
               --connects-per-socket-per-day [${DEFAULT_ASSUMPTIONS.connectsPerSocketPerDay}] --retention-months [${DEFAULT_ASSUMPTIONS.retentionMonths}]
               --neon-min-cu [${DEFAULT_ASSUMPTIONS.neonMinCu}] --neon-replicas [${DEFAULT_ASSUMPTIONS.neonReplicas}] --neon-headroom [${DEFAULT_ASSUMPTIONS.neonHeadroom}]
  other:       --usage <file> (default scripts/cost/measured-usage.json)  --json  --help`;

function parseNumber(flag: string, raw: string | undefined, spec: NumberFlag): number {
  if (raw === undefined || raw.startsWith('--')) throw new ArgError(`${flag} needs a value`);
  // Underscores and commas as thousands separators are accepted (5_000_000, 5,000,000); nothing else.
  const text = raw.replace(/[_,]/g, '');
  const value = /^\d+(\.\d+)?(e\d+)?$/i.test(text) ? Number(text) : Number.NaN;
  if (raw.trim().startsWith('-')) throw new ArgError(`${flag} must not be negative (got ${raw})`);
  if (!Number.isFinite(value)) throw new ArgError(`${flag} must be a number (got ${JSON.stringify(raw)})`);
  if (spec.integer && !Number.isInteger(value))
    throw new ArgError(`${flag} must be a whole number (got ${raw})`);
  if (spec.max !== undefined && value > spec.max)
    throw new ArgError(`${flag} must be at most ${spec.max} (got ${raw})`);
  return value;
}

export function parseArgs(argv: readonly string[]): CostArgs {
  const load: Load = { ...SEEDS_LOAD };
  const assumptions: Assumptions = { ...DEFAULT_ASSUMPTIONS };
  const out: CostArgs = { load, assumptions, usageFile: null, json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (flag === '--json') out.json = true;
    else if (flag === '--help' || flag === '-h') out.help = true;
    else if (flag === '--usage') {
      const v = inline ?? argv[++i];
      if (!v || v.startsWith('--')) throw new ArgError('--usage needs a file');
      out.usageFile = v;
    } else {
      const spec = NUMBER_FLAGS[flag];
      if (!spec) throw new ArgError(`unknown flag ${flag}`);
      const value = parseNumber(flag, inline ?? argv[++i], spec);
      if (spec.target === 'load') load[spec.key] = value;
      else assumptions[spec.key] = value;
    }
  }
  return out;
}
