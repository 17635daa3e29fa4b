// Signed short-lived tokens (JWT, HS256 via jose): agent access tokens and widget visitor tokens. Every token
// carries an expiry (one without is refused); an agent's names its server-side session (`sid`), which the
// tenant's access object checks on every use (see middleware/auth.ts).
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { Role, Uuid } from '../contract';
import { AppError } from '../errors';

const ISSUER = 'fio';
export const VISITOR_TOKEN_TTL_SECONDS = 12 * 60 * 60;

const AgentClaims = z.object({
  kind: z.literal('agent'),
  sub: Uuid,
  tid: Uuid,
  /** The session (user_sessions.id) this token was issued for: revoking it ends the token too. */
  sid: Uuid,
  role: Role,
  name: z.string(),
});
const VisitorClaims = z.object({ kind: z.literal('visitor'), sub: Uuid, tid: Uuid, cid: Uuid });
const Claims = z.discriminatedUnion('kind', [AgentClaims, VisitorClaims]);

export type AgentPrincipal = z.infer<typeof AgentClaims>;
export type VisitorPrincipal = z.infer<typeof VisitorClaims>;
export type Principal = z.infer<typeof Claims>;

const keyCache = new Map<string, Uint8Array>();
function key(secret: string): Uint8Array {
  let k = keyCache.get(secret);
  if (!k) {
    k = new TextEncoder().encode(secret);
    keyCache.set(secret, k);
  }
  return k;
}

async function sign(claims: Principal, ttlSeconds: number, secret: string): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(secret));
}

/** `ttlSeconds`: accessTokenTtl(env), short (default 15 min) because the refresh cookie renews it. */
export function signAccessToken(
  p: Omit<AgentPrincipal, 'kind'>,
  ttlSeconds: number,
  secret: string,
): Promise<string> {
  return sign({ kind: 'agent', ...p }, ttlSeconds, secret);
}

export function signVisitorToken(p: Omit<VisitorPrincipal, 'kind'>, secret: string): Promise<string> {
  return sign({ kind: 'visitor', ...p }, VISITOR_TOKEN_TTL_SECONDS, secret);
}

/** Verifies signature, issuer, expiry and claim shape; any failure is a 401 with a reason a client can show. */
export async function verifyToken(token: string, secret: string): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      issuer: ISSUER,
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
    });
    const parsed = Claims.safeParse(payload);
    if (!parsed.success) throw new AppError('unauthorized', 'Token claims are not valid');
    return parsed.data;
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof errors.JWTExpired) throw new AppError('unauthorized', 'Token expired');
    throw new AppError('unauthorized', 'Invalid token');
  }
}
