// A campaign's results as CSV for a spreadsheet: one row per recipient with its phone, name, arm, state, skip
// reason, Meta's error and each moment (sent … failed) in the tenant's time zone. pt-BR headers and words,
// ';' between fields and a BOM, which is what Brazilian Excel opens correctly. Streamed page by page with its
// own database pools (the request's close when the handler returns), so 100k rows never sit in memory.
import { eq } from 'drizzle-orm';
import { tenants } from '../../drizzle/schema';
import type { RecipientState, SkipReason } from '../contract';
import type { Env } from '../env';
import { recipientRows } from './campaign-lists';
import { inTenant, openDatabases } from './db';
import { errorFields, log } from './log';

const PAGE = 2000;

const STATE: Record<RecipientState, string> = {
  queued: 'na fila',
  sending: 'enviando',
  sent: 'enviado',
  delivered: 'entregue',
  read: 'lido',
  replied: 'respondido',
  failed: 'falhou',
  skipped: 'ignorado',
};

const SKIP: Record<SkipReason, string> = {
  opted_out: 'descadastrado',
  invalid: 'dados inválidos',
  over_limit: 'acima do limite',
  no_channel: 'sem canal',
  cancelled: 'cancelada',
};

const HEADER = [
  'telefone',
  'nome',
  'grupo',
  'estado',
  'motivo',
  'erro_codigo',
  'erro_descricao',
  'enviado_em',
  'entregue_em',
  'lido_em',
  'respondido_em',
  'falhou_em',
];

/** A field as CSV: quoted when it holds the separator, a quote or a line break; formulas defused. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  // A cell starting with = + - @ is a formula to Excel (CSV injection): a leading apostrophe keeps it text.
  if (/^[=+\-@]/.test(s) && typeof value === 'string') s = `'${s}`;
  return /[;"\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function timeFormatter(timeZone: string) {
  const f = new Intl.DateTimeFormat('pt-BR', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return (d: Date | null) => (d ? f.format(d).replace(',', '') : null);
}

/** The CSV body; the caller has checked the campaign is this tenant's. */
export function exportStream(env: Env, tenantId: string, campaignId: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const dbs = openDatabases(env);
  let cursor: string | undefined;
  let at: ((d: Date | null) => string | null) | null = null;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!at) {
          const [t] = await inTenant(dbs.primary, tenantId, (tx) =>
            tx.select({ timezone: tenants.timezone }).from(tenants).where(eq(tenants.id, tenantId)),
          );
          at = timeFormatter(t?.timezone ?? 'America/Sao_Paulo');
          controller.enqueue(encoder.encode(`\uFEFF${HEADER.join(';')}\r\n`));
          return;
        }
        const format = at;
        const rows = await inTenant(dbs.primary, tenantId, (tx) =>
          recipientRows(tx, tenantId, campaignId, { cursor, limit: PAGE }),
        );
        const lines = rows.map((r) =>
          [
            r.phone,
            r.name,
            r.arm.toUpperCase(),
            STATE[r.state as RecipientState] ?? r.state,
            r.skipReason ? (SKIP[r.skipReason as SkipReason] ?? r.skipReason) : null,
            r.errorCode,
            r.errorTitle,
            format(r.sentAt),
            format(r.deliveredAt),
            format(r.readAt),
            format(r.repliedAt),
            format(r.failedAt),
          ]
            .map(csvField)
            .join(';'),
        );
        if (lines.length > 0) controller.enqueue(encoder.encode(`${lines.join('\r\n')}\r\n`));
        cursor = rows.at(-1)?.id;
        if (rows.length < PAGE) {
          done = true;
          controller.close();
          await dbs.close();
        }
      } catch (err) {
        log('warn', 'campaign export failed', { tenantId, campaignId, ...errorFields(err) });
        controller.error(err);
        await dbs.close();
      }
    },
    async cancel() {
      if (!done) await dbs.close();
    },
  });
}
