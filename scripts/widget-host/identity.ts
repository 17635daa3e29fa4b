// The demo portal's "logged-in customer": the host server signs an identity token (HS256, the widget
// channel's identity secret) as an ISP's own server would.
import { SignJWT } from 'jose';

/** The pretend customer of the demo portal (an IXC simulator customer's details). */
export const PORTAL_CUSTOMER = {
  sub: 'portal-1001',
  name: 'Maria Portal',
  email: 'maria.portal@example.com',
  phone: '+5511987650001',
} as const;

/** A token valid for 10 minutes, signed with the channel's secret (the hex string's bytes, as Fio verifies). */
export async function signPortalToken(secret: string): Promise<string> {
  const { sub, ...claims } = PORTAL_CUSTOMER;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(secret));
}
