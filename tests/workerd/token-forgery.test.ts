// Tokens that must never pass, on REST and on a socket upgrade alike: a forged signature, an expired token,
// `alg: none`, a wrong issuer, no expiry, and another algorithm (HS512 with our own secret, RS256 with any
// key). Each is built from a real agent's claims, and the same claims correctly signed pass (the control),
// so a 401 here is the token check's doing.
import { env } from 'cloudflare:workers';
import { base64url, decodeJwt, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from './helpers';
import { tokenOf } from './sign-in';

const secret = new TextEncoder().encode(env.JWT_SECRET);
const now = () => Math.floor(Date.now() / 1000);

let claims: JWTPayload;

function signed(
  payload: JWTPayload,
  opts: { alg?: string; key?: CryptoKey | Uint8Array; iss?: string | null; exp?: number | null } = {},
) {
  const { iss: _iss, exp: _exp, iat: _iat, ...rest } = payload;
  let jwt = new SignJWT(rest).setProtectedHeader({ alg: opts.alg ?? 'HS256', typ: 'JWT' }).setIssuedAt();
  if (opts.iss !== null) jwt = jwt.setIssuer(opts.iss ?? 'fio');
  if (opts.exp !== null) jwt = jwt.setExpirationTime(opts.exp ?? now() + 600);
  return jwt.sign(opts.key ?? secret);
}

/** `alg: none`: a header and payload with an empty signature, as an attacker would hand-write one. */
function unsigned(payload: JWTPayload): string {
  const enc = (o: unknown) => base64url.encode(JSON.stringify(o));
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ ...payload, exp: now() + 600 })}.`;
}

const cases: [string, () => Promise<string>][] = [
  [
    'a forged signature (another secret)',
    () => signed(claims, { key: new TextEncoder().encode('x'.repeat(48)) }),
  ],
  ['an expired token', () => signed(claims, { exp: now() - 5 })],
  ['alg: none', async () => unsigned(claims)],
  ['alg: None with our signature stripped', async () => (await signed(claims)).replace(/\.[^.]+$/, '.')],
  ['a wrong issuer', () => signed(claims, { iss: 'someone-else' })],
  ['no issuer', () => signed(claims, { iss: null })],
  ['no expiry', () => signed(claims, { exp: null })],
  ['HS512 with our own secret', () => signed(claims, { alg: 'HS512' })],
  [
    'RS256 with a key of its own',
    async () => {
      const { privateKey } = await generateKeyPair('RS256');
      return signed(claims, { alg: 'RS256', key: privateKey });
    },
  ],
  [
    'HS256 keyed with an RSA public key (key confusion)',
    async () => {
      const { publicKey } = await generateKeyPair('RS256', { extractable: true });
      const jwk = await exportJWK(publicKey);
      return signed(claims, { key: new TextEncoder().encode(JSON.stringify(jwk)) });
    },
  ],
];

async function rest(token: string): Promise<number> {
  return (await call('/api/me', { headers: { authorization: `Bearer ${token}` } })).status;
}

async function upgrade(token: string): Promise<number> {
  const res = await call(`/ws/inbox?token=${encodeURIComponent(token)}`, {
    headers: { upgrade: 'websocket' },
  });
  res.webSocket?.accept();
  res.webSocket?.close();
  return res.status;
}

describe('tokens that are refused', () => {
  beforeAll(async () => {
    claims = decodeJwt(await tokenOf('agent'));
  });

  it('control: the same claims signed as the Worker signs them pass on REST and the socket', async () => {
    const token = await signed(claims);
    expect(await rest(token)).toBe(200);
    expect(await upgrade(token)).toBe(101);
  });

  it.each(cases)('%s: 401 on REST and on the socket upgrade', async (_what, make) => {
    const token = await make();
    const res = await call('/api/me', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    expect(await upgrade(token)).toBe(401);
  });
});
