// What the Cloud API says about a number rather than a message, read into NumberEvents: `account_update`
// (the WhatsApp Business Account banned, disabled, reinstated, restricted) and `phone_number_quality_update`
// (a number flagged or downgraded, or back). These changes are WABA-level: they carry no phone_number_id.
//
// Routing (the event's `address` and `addressKind`): a Cloud number is found by its phone_number_id for
// message webhooks; these events name either one number by its display phone (`phone_number` on an
// account_update, `display_phone_number` on a quality update) → addressKind 'display_phone', address = its
// digits, scoped to the entry's WABA (`waba`); or the whole account (a WABA-wide ban or reinstatement)
// → addressKind 'waba', address = entry.id, which every live Cloud number of that WABA receives.
import { z } from 'zod';
import { type FlattenedWebhook, ignoreItem, type NumberEvent, skipItem } from '../inbound';

export const NUMBER_EVENT_FIELDS = new Set(['account_update', 'phone_number_quality_update']);

const Digits = z.union([z.string().min(1), z.number().int().nonnegative().transform(String)]);

const AccountUpdate = z.looseObject({
  event: z.string(),
  phone_number: Digits.optional(),
  ban_info: z
    .looseObject({ waba_ban_state: z.string().optional(), waba_ban_date: z.string().optional() })
    .optional(),
});

const QualityUpdate = z.looseObject({
  display_phone_number: Digits,
  event: z.string(),
  current_limit: z.string().optional(),
});

/** Account events that take the number off the air (Meta disabled or banned it, or is about to). */
const BANNING = new Set(['DISABLED_UPDATE', 'ACCOUNT_VIOLATION', 'BAN', 'ACCOUNT_RESTRICTION']);
const BAN_STATES_DOWN = new Set(['DISABLE', 'SCHEDULE_FOR_DISABLE']);
const QUALITY_RED = new Set(['FLAGGED', 'DOWNGRADE']);
const QUALITY_GREEN = new Set(['UNFLAGGED', 'UPGRADE']);

const digitsOf = (s: string) => s.replace(/\D+/g, '');

/** The account_update's verdict: banned (with the ban state as detail), restored, or nothing to act on. */
function accountKind(
  v: z.infer<typeof AccountUpdate>,
): { kind: 'banned' | 'restored'; detail: string } | null {
  const state = v.ban_info?.waba_ban_state ?? null;
  if (state === 'REINSTATE' || v.event === 'REINSTATED') return { kind: 'restored', detail: 'REINSTATE' };
  if (state && BAN_STATES_DOWN.has(state)) return { kind: 'banned', detail: state };
  if (BANNING.has(v.event)) return { kind: 'banned', detail: v.event };
  return null;
}

/** One account_update / phone_number_quality_update change of entry `wabaId`, appended to `out.numberEvents`. */
export function readNumberChange(
  field: string,
  value: unknown,
  wabaId: string | null,
  receivedAt: Date,
  out: FlattenedWebhook,
): void {
  if (field === 'phone_number_quality_update') {
    const v = QualityUpdate.safeParse(value);
    if (!v.success) {
      ignoreItem(out, 'quality update without a readable value', wabaId);
      return;
    }
    const detail = QUALITY_RED.has(v.data.event) ? 'RED' : QUALITY_GREEN.has(v.data.event) ? 'GREEN' : null;
    if (!detail) {
      skipItem(out, 'quality update that changes no health', wabaId, { event: v.data.event });
      return;
    }
    out.numberEvents.push(
      event(
        { kind: 'quality', detail, at: receivedAt },
        digitsOf(v.data.display_phone_number),
        'display_phone',
        wabaId,
      ),
    );
    return;
  }
  const v = AccountUpdate.safeParse(value);
  if (!v.success) {
    ignoreItem(out, 'account update without a readable value', wabaId);
    return;
  }
  const verdict = accountKind(v.data);
  if (!verdict) {
    skipItem(out, 'account update that changes no health', wabaId, { event: v.data.event });
    return;
  }
  const phone = v.data.phone_number ? digitsOf(v.data.phone_number) : '';
  if (phone) out.numberEvents.push(event({ ...verdict, at: receivedAt }, phone, 'display_phone', wabaId));
  else if (wabaId) out.numberEvents.push(event({ ...verdict, at: receivedAt }, wabaId, 'waba', wabaId));
  else ignoreItem(out, 'account update naming neither a number nor an account', null);
}

function event(
  e: Pick<NumberEvent, 'kind' | 'detail' | 'at'>,
  address: string,
  addressKind: NonNullable<NumberEvent['addressKind']>,
  wabaId: string | null,
): NumberEvent {
  return { ...e, address, addressKind, waba: wabaId };
}
