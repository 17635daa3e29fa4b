// The widget's verified identity: the ISP's site signs an identity token (HS256 JWT, `sub` = its customer
// id, `exp` at most 24 h ahead, optionally `name`, `email`, `phone`, `cpf`: the customer as the site knows
// them) with the widget channel's identity secret, which we keep sealed.
import { jwtVerify } from 'jose';
import { z } from 'zod';
import { StorableString } from '../contract';
import { AppError } from '../errors';
import { openSecret, sealSecret } from './secret-box';
import { type ContactDetails, widgetCpf, widgetPhone } from './widget-contact';

const MAX_LIFETIME_S = 24 * 60 * 60;
const Claims = z.object({
  sub: StorableString.min(1).max(128),
  exp: z.number().int(),
  // A name the site cannot spell within our rules is left out rather than refusing the customer.
  name: StorableString.trim().min(1).max(120).optional().catch(undefined),
  email: z.email().max(254).optional().catch(undefined),
  phone: z.string().max(32).optional().catch(undefined),
  cpf: z.string().max(14).optional().catch(undefined),
});

export interface VerifiedIdentity {
  /** The site's customer id (`sub`). */
  customerId: string;
  /** The customer's name when the token carries one. */
  name: string | undefined;
  /** The token's e-mail, phone (E.164) and CPF that check out; others are left out. */
  details: ContactDetails;
}

const aad = (channelId: string) => `widget-identity:${channelId}`;

/** A new random secret for a widget channel (shown once) and its sealed form for the row. */
export async function newIdentitySecret(
  secretsKey: string,
  channelId: string,
): Promise<{ secret: string; sealed: string }> {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const secret = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { secret, sealed: await sealSecret(secretsKey, secret, aad(channelId)) };
}

/** The customer an identity token vouches for, or 401 (no secret configured, bad signature, expired…). */
export async function verifyIdentityToken(
  secretsKey: string,
  channel: { id: string; identitySecret: string | null },
  token: string,
): Promise<VerifiedIdentity> {
  if (!channel.identitySecret) {
    throw new AppError('unauthorized', 'This widget has no identity secret configured');
  }
  const secret = await openSecret(secretsKey, channel.identitySecret, aad(channel.id));
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub'],
    });
    const claims = Claims.parse(payload);
    if (claims.exp - Date.now() / 1000 > MAX_LIFETIME_S) throw new Error('lifetime too long');
    const phone = claims.phone === undefined ? null : widgetPhone(claims.phone);
    const cpf = claims.cpf === undefined ? null : widgetCpf(claims.cpf);
    const details: ContactDetails = {
      ...(claims.email ? { email: claims.email.toLowerCase() } : {}),
      ...(phone ? { phone } : {}),
      ...(cpf ? { cpf } : {}),
    };
    return { customerId: claims.sub, name: claims.name, details };
  } catch {
    throw new AppError('unauthorized', 'Invalid identity token');
  }
}
