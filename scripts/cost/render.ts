// The bill as a Markdown table (the README pastes it): one row per line item with its usage, what the plan
// includes and the cost, then the total, the unit costs, the assumptions and where each price comes from.
import type { Assumptions, Bill, Load, MeasuredUsage } from './model';
import { PRICES } from './prices';

const num = (v: number, digits = 0) =>
  v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const usd = (v: number) => `$${num(v, 2)}`;
const short = (v: number) => {
  if (v >= 1e9) return `${num(v / 1e9, 2)} B`;
  if (v >= 1e6) return `${num(v / 1e6, 2)} M`;
  if (v >= 1e4) return `${num(v / 1e3, 1)} K`;
  return num(v, v < 10 ? 2 : 0);
};

export function renderBill(load: Load, a: Assumptions, usage: MeasuredUsage, bill: Bill): string {
  const rows = [
    '| line item | usage / month | unit | included | US$ / month | from |',
    '| --- | ---: | --- | ---: | ---: | --- |',
    ...bill.lines.map(
      (l) =>
        `| ${l.item} | ${short(l.usage)} | ${l.unit} | ${l.included ? short(l.included) : '—'} | ${usd(l.usd)} | ${l.how} |`,
    ),
    `| **total** | | | | **${usd(bill.totalUsd)}** | |`,
  ];
  const sources = [...new Set(Object.values(PRICES).map((p) => `${p.source} (read ${p.read})`))];
  return [
    `Load: ${num(load.isps)} ISPs, ${num(load.messagesPerDay)} messages/day (${short(bill.messagesPerMonth)}/month), ` +
      `${num(load.sockets)} sockets, ${num(load.openConversations)} open conversations`,
    `Measured: ${usage.command} at ${usage.commit} (${usage.measuredAt})`,
    '',
    ...rows,
    '',
    `Per ISP: ${usd(bill.perIspUsd)} / month; per 1,000 messages: ${usd(bill.perThousandMessagesUsd)}`,
    `Assumptions: media share ${a.mediaShare}, sockets open ${a.socketHoursPerDay} h/day and connecting ` +
      `${a.connectsPerSocketPerDay}×/day, retention ${a.retentionMonths} months, Neon ${a.neonMinCu} CU minimum ` +
      `+ ${a.neonReplicas} replica(s), Postgres CPU × ${a.neonHeadroom} headroom; 30-day month`,
    `Prices: ${sources.join('; ')}`,
  ].join('\n');
}
