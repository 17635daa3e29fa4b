// `npm run cost -- --isps 1000 --messages-per-day 5000000 --sockets 100000 --open-conversations 1000000`:
// the monthly infrastructure bill for a load, from the per-message use `npm run bench:scale` measured
// (scripts/cost/measured-usage.json) and the cited list prices (prices.ts). Prints the line items (usage,
// included allowance, cost), the total and the assumptions; `--json` prints the same as JSON.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ArgError, parseArgs, USAGE_TEXT } from './args';
import { type Bill, type MeasuredUsage, monthlyBill } from './model';
import { PRICES } from './prices';
import { renderBill } from './render';

const DEFAULT_USAGE = resolve(new URL('.', import.meta.url).pathname, 'measured-usage.json');

const n = z.number().finite().nonnegative();
const MeasuredUsageSchema = z.object({
  measuredAt: z.string(),
  commit: z.string(),
  command: z.string(),
  notes: z.array(z.string()),
  perMessage: z.object({
    workerRequests: n,
    workerCpuMs: n,
    doRequests: n,
    doActiveMs: n,
    sqliteRowsRead: n,
    sqliteRowsWritten: n,
    postgresRowsWritten: n,
    postgresBytes: n,
    postgresCpuMs: n,
    queueOperations: n,
    analyticsDataPoints: n,
  }),
  perMediaMessage: z.object({ r2ClassA: n, r2ClassB: n, r2Bytes: n }),
  perConversation: z.object({ sqliteBytes: n }),
  perSocket: z.object({ workerRequestsPerConnect: n, doRequestsPerConnect: n, incomingMessagesPerHour: n }),
}) satisfies z.ZodType<MeasuredUsage>;

export function readUsage(file: string): MeasuredUsage {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ArgError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = MeasuredUsageSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ArgError(`${file} is not a measured-usage file: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

function main(): void {
  let args: ReturnType<typeof parseArgs>;
  let usage: MeasuredUsage;
  try {
    args = parseArgs(process.argv.slice(2));
    if (args.help) {
      process.stdout.write(`${USAGE_TEXT}\n`);
      return;
    }
    usage = readUsage(args.usageFile ?? DEFAULT_USAGE);
  } catch (err) {
    if (!(err instanceof ArgError)) throw err;
    process.stderr.write(`npm run cost: ${err.message}\n\n${USAGE_TEXT}\n`);
    process.exitCode = 2;
    return;
  }
  const bill: Bill = monthlyBill(args.load, usage, PRICES, args.assumptions);
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({ load: args.load, assumptions: args.assumptions, bill }, null, 2)}\n`,
    );
    return;
  }
  process.stdout.write(`${renderBill(args.load, args.assumptions, usage, bill)}\n`);
}

main();
