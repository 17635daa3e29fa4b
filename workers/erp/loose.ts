// zod pieces for ERP payloads, whose types are loose: ids and money as strings or numbers ("89.90", 89.9,
// "89,90"), booleans as true / "True" / "1" / "S". Every field the adapters read goes through these, and
// objects are never passthrough: fields not named (PPPoE and portal passwords among them) are dropped here.
import { z } from 'zod';

/** A string, whatever scalar the ERP sent. */
export const Text = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v).trim());

/** Text or null for absent, null and blank (and IXC's zero dates). */
export const MaybeText = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  .optional()
  .transform((v) => {
    const s = v === null || v === undefined ? '' : String(v).trim();
    return s === '' || s.startsWith('0000-00-00') ? null : s;
  });

/** A number from 89.9, "89.90", "89,90" or "1.234,56". */
export const Amount = z.union([z.number(), z.string()]).transform((v, ctx) => {
  if (typeof v === 'number') return v;
  const s = v.trim();
  const normalised = s.includes(',') ? s.replace(/\./g, '').replace(',', '.') : s;
  const n = Number(normalised);
  if (s === '' || !Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', message: `not an amount: ${s}` });
    return z.NEVER;
  }
  return n;
});

const TRUE = new Set(['1', 'true', 's', 'sim', 'y', 'yes']);
/** true for true, 1, "1", "True", "S", "sim". */
export const Flag = z
  .union([z.boolean(), z.number(), z.string(), z.null()])
  .optional()
  .transform((v) =>
    TRUE.has(
      String(v ?? '')
        .trim()
        .toLowerCase(),
    ),
  );

/** YYYY-MM-DD from "2026-12-05", "2026-12-05 10:00:00" or "05/12/2026"; null otherwise. */
export function isoDay(value: string | null): string | null {
  if (!value) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const br = /(\d{2})\/(\d{2})\/(\d{4})/.exec(value);
  return br ? `${br[3]}-${br[2]}-${br[1]}` : null;
}

/** An ERP timestamp ("2026-12-02 04:12:00" or ISO) as ISO 8601; ERP local times are read as written. */
export function isoTime(value: string | null): string | null {
  if (!value) return null;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2})?)/.exec(value);
  if (!m) return isoDay(value);
  const parsed = Date.parse(value.includes('T') ? value : `${m[1]}T${m[2]}Z`);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}
