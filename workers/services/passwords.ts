// Password hashing with argon2id (memory-hard; pure JS from @noble/hashes, since workerd forbids compiling
// WebAssembly at run time). Stored as a PHC string so parameters can be raised later without a migration.
import { argon2id } from '@noble/hashes/argon2.js';

/** OWASP's recommended minimum for argon2id: 19 MiB, 2 passes, 1 lane. */
const DEFAULTS = { m: 19456, t: 2, p: 1 } as const;
const HASH_BYTES = 32;

let hashesComputed = 0;
/** argon2id computations in this isolate so far: lets tests prove a refused sign-in computed none. */
export function passwordHashCount(): number {
  return hashesComputed;
}

const b64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/=+$/, '');
const unb64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export function hashPassword(password: string): string {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  hashesComputed += 1;
  const hash = argon2id(password, salt, { ...DEFAULTS, dkLen: HASH_BYTES });
  return `$argon2id$v=19$m=${DEFAULTS.m},t=${DEFAULTS.t},p=${DEFAULTS.p}$${b64(salt)}$${b64(hash)}`;
}

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

export function verifyPassword(password: string, stored: string): boolean {
  const m = PHC.exec(stored);
  if (!m) return false;
  const [, mem, time, lanes, salt, expected] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const want = unb64(expected);
  hashesComputed += 1;
  const got = argon2id(password, unb64(salt), {
    m: Number(mem),
    t: Number(time),
    p: Number(lanes),
    dkLen: want.length,
  });
  return constantTimeEqual(got, want);
}

export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

/**
 * A real hash of a random password, verified against when the email is unknown, so "no such user" and
 * "wrong password" take the same time.
 */
let decoy: string | undefined;
export function decoyHash(): string {
  decoy ??= hashPassword(crypto.randomUUID());
  return decoy;
}
