// TOTP (RFC 6238: HMAC-SHA-1, 6 digits, 30 s steps) through the otpauth library, with exactly one step of
// clock drift accepted either side, and the enrolment QR code (uqr, as SVG).
import { Secret, TOTP } from 'otpauth';
import { renderSVG } from 'uqr';

const PERIOD = 30;
const DIGITS = 6;
/** One step either side: a phone up to 30 s fast or slow still signs in; 60 s off does not. */
const DRIFT_STEPS = 1;

function totp(secretBase32: string, label = 'Fio'): TOTP {
  return new TOTP({
    issuer: 'Fio',
    label,
    // The label already starts with "Fio (<tenant>)", so the library must not prefix "Fio:" again.
    issuerInLabel: false,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new random secret (160 bits, as RFC 4226 recommends), base32 as authenticator apps expect. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** What to scan: the otpauth:// URI (label "Fio (<tenant name>):<email>", issuer "Fio") and its QR code. */
export function enrolmentQr(
  secretBase32: string,
  tenantName: string,
  email: string,
): { otpauthUri: string; qrSvg: string } {
  const otpauthUri = totp(secretBase32, `Fio (${tenantName}):${email}`).toString();
  return { otpauthUri, qrSvg: renderSVG(otpauthUri, { border: 2, pixelSize: 6 }) };
}

/**
 * The time step a code belongs to if it is valid at `now` (this step or one either side), else null.
 * Callers must still refuse a step that is not newer than the last one used (no code works twice).
 */
export function matchTotpStep(secretBase32: string, code: string, now: number = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secretBase32).validate({ token: code, timestamp: now, window: DRIFT_STEPS });
  if (delta === null) return null;
  return TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
}
