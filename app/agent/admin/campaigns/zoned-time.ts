// Wall-clock times in the tenant's time zone, as the schedule field shows them, to instants and back. The
// browser's own zone is never assumed: a supervisor travelling still schedules in the ISP's time.

/** The zone's offset from UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** "2026-12-04T09:30" read in `zone` → ISO 8601 (UTC); null when it is not such a value. */
export function wallTimeToIso(wall: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  // Twice: the offset at the first answer may differ from the guess's across a DST change.
  let instant = guess - offsetAt(guess, zone);
  instant = guess - offsetAt(instant, zone);
  return new Date(instant).toISOString();
}

/** An instant as "YYYY-MM-DDTHH:MM" in `zone` (a datetime-local input's value). */
export function isoToWallTime(iso: string, zone: string): string {
  const t = new Date(iso).getTime();
  return new Date(t + offsetAt(t, zone)).toISOString().slice(0, 16);
}
