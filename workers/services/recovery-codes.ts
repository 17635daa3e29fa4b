// Recovery codes: 10 random codes of 12 characters in three readable groups (xxxx-xxxx-xxxx, no 0/o, 1/l/i),
// about 59 bits each, so a plain SHA-256 digest is a safe way to keep them; each works once.
import { sha256Hex } from './secret-hash';

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
const LENGTH = 12;
const GROUP = 4;

function randomCode(): string {
  let out = '';
  while (out.length < LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(LENGTH))) {
      // Rejection sampling: bytes past the last whole multiple of the alphabet would bias some letters.
      if (byte >= 256 - (256 % ALPHABET.length) || out.length === LENGTH) continue;
      out += ALPHABET[byte % ALPHABET.length];
    }
  }
  return out;
}

function grouped(code: string): string {
  return code.match(new RegExp(`.{1,${GROUP}}`, 'g'))?.join('-') ?? code;
}

/** Ten new codes as shown to the user once, and the digests to store. */
export async function newRecoveryCodes(): Promise<{ codes: string[]; hashes: string[] }> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => grouped(randomCode()));
  return { codes, hashes: await Promise.all(codes.map(recoveryCodeHash)) };
}

/** The code as typed (any case, with or without dashes) in its one stored form, or null if it cannot be one. */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input.toLowerCase().replace(/-/g, '');
  if (code.length !== LENGTH) return null;
  for (const ch of code) if (!ALPHABET.includes(ch)) return null;
  return code;
}

export function recoveryCodeHash(code: string): Promise<string> {
  return sha256Hex(normaliseRecoveryCode(code) ?? code);
}
