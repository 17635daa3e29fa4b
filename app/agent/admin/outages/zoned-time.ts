// The register form's times are typed as the tenant's wall clock (a datetime-local input), whatever zone the
// browser is in: these turn that wall time into an instant with an offset, and an instant back into it.

/** The zone's offset from UTC, in ms, at an instant. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** "2026-12-04T18:00" in the zone as an ISO instant ("2026-12-04T21:00:00.000Z"); null when not a time. */
export function wallToIso(wall: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall);
  if (!m) return null;
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  // Twice: the offset at the guessed instant may differ from the one at the real instant across a DST change.
  let instant = guess - offsetAt(guess, timeZone);
  instant = guess - offsetAt(instant, timeZone);
  return Number.isNaN(instant) ? null : new Date(instant).toISOString();
}

/** An instant as the zone's wall clock, in datetime-local form. */
export function isoToWall(iso: string | number, timeZone: string): string {
  const instant = typeof iso === 'number' ? iso : Date.parse(iso);
  const local = new Date(instant + offsetAt(instant, timeZone));
  return local.toISOString().slice(0, 16);
}
