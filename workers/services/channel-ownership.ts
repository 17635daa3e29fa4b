// Proof that whoever connects a WhatsApp Cloud number controls it: the Graph API, asked with the access token
// they give, must answer for that very phone number id. Without it, a number another tenant removed could be
// taken with any token, and that tenant's customers would land with the taker. A refusal is final (422,
// nothing stored); no answer from Graph is worth retrying (503, nothing stored).

import type { ChannelConfig } from '../channels/outbound';
import { httpFor, type TransportOptions } from '../channels/transport';
import { lookupPhoneNumber } from '../channels/whatsapp-cloud/transport';
import { AppError } from '../errors';

type CloudConfig = Extract<ChannelConfig, { kind: 'whatsapp_cloud' }>;

export interface CloudNumberProof {
  displayPhoneNumber: string | null;
  verifiedName: string | null;
}

/** Why the token does not prove ownership, for the envelope's details (the admin can act on each). */
export type OwnershipRefusal = 'token_invalid' | 'no_access' | 'other_number';

function notProven(reason: OwnershipRefusal, message: string, graph: Record<string, unknown> = {}): AppError {
  return new AppError('ownership_not_proven', message, { reason, ...graph });
}

/** Resolves with what Graph says about the number when the token owns it; throws AppError otherwise. */
export async function proveCloudOwnership(
  config: CloudConfig,
  options: TransportOptions = {},
): Promise<CloudNumberProof> {
  const n = await lookupPhoneNumber(config, httpFor(config, options));
  if (!n.ok && !n.reached) {
    throw new AppError(
      'unavailable',
      'The WhatsApp Cloud API could not be reached to verify this number; nothing was saved, try again shortly',
      { graph: n.detail },
    );
  }
  if (!n.ok) {
    const { code, title, retryable, tokenInvalid } = n.failure;
    const graph = { graphStatus: n.status, graphCode: code, graphMessage: title };
    if (retryable) {
      throw new AppError(
        'unavailable',
        'The WhatsApp Cloud API is unavailable right now; nothing was saved, try again shortly',
        graph,
      );
    }
    if (tokenInvalid) {
      throw notProven('token_invalid', 'The access token is invalid or expired (Graph API error 190)', graph);
    }
    // 100 with subcode 33 (no such object for this token), 10 / 200-299 (permissions), 403…: the token
    // cannot act for this number, which is all that matters here.
    throw notProven(
      'no_access',
      `This access token cannot manage phone number id ${config.phoneNumberId}`,
      graph,
    );
  }
  if (n.id !== config.phoneNumberId) {
    throw notProven(
      'other_number',
      `The Graph API did not answer for phone number id ${config.phoneNumberId}`,
      { graphId: n.id },
    );
  }
  return { displayPhoneNumber: n.displayPhoneNumber, verifiedName: n.verifiedName };
}
