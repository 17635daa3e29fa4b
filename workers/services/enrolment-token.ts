// The enrolment token: what a login answers when the tenant requires 2FA of a user who has none yet. It is
// good ONLY for the enrolment routes: signed with a key derived from JWT_SECRET for this purpose alone, with
// its own audience and kind, so the access-token check refuses it on every other route and socket.
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { Uuid } from '../contract';

export const ENROLMENT_TOKEN_TTL_SECONDS = 10 * 60;
const ISSUER = 'fio';
const AUDIENCE = 'fio:2fa-enrolment';

const EnrolmentClaims = z.object({ kind: z.literal('enrolment'), sub: Uuid, tid: Uuid });
export type EnrolmentPrincipal = z.infer<typeof EnrolmentClaims>;

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(`${secret}\u0000${AUDIENCE}`);
}

export function signEnrolmentToken(p: { sub: string; tid: string }, secret: string): Promise<string> {
  return new SignJWT({ kind: 'enrolment', tid: p.tid })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(p.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ENROLMENT_TOKEN_TTL_SECONDS}s`)
    .sign(key(secret));
}

/** The enrolling user, or null when the token is not a valid, unexpired enrolment token. */
export async function verifyEnrolmentToken(
  token: string,
  secret: string,
): Promise<EnrolmentPrincipal | null> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
    });
    const parsed = EnrolmentClaims.safeParse(payload);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
