// zod schemas of the control API (/_sim/…) bodies, so tests and the dev page in other processes get a
// clear 400 instead of a half-built webhook. Media bytes travel as base64.
import { z } from 'zod';

const Phone = z.string().regex(/^\d{8,15}$/, 'digits only, 8 to 15');

export const FaultSchema = z.union([
  z.strictObject({
    status: z.number().int().min(100).max(599),
    code: z.number().int().optional(),
    title: z.string().optional(),
    message: z.string().optional(),
    delayMs: z.number().int().min(0).max(60_000).optional(),
  }),
  z.strictObject({ timeout: z.literal(true) }),
]);

export const FaultsBody = z.object({
  target: z.enum(['send', 'media', 'upload', 'number']),
  faults: z.array(FaultSchema).min(1),
  address: z.string().min(1).optional(),
  /** Only sends to this recipient (digits). */
  to: z.string().regex(/^\d{5,20}$/).optional(),
});

const MediaInput = z.object({
  kind: z.enum(['image', 'document', 'audio', 'video', 'sticker']),
  mimeType: z.string().min(1),
  bytes: z.base64().transform((b) => Buffer.from(b, 'base64')),
  filename: z.string().optional(),
  caption: z.string().optional(),
  voice: z.boolean().optional(),
});

const SimContact = z.object({
  name: z.string().min(1).max(500),
  phones: z
    .array(z.object({ phone: z.string().min(1), type: z.string().optional(), waId: Phone.optional() }))
    .max(20)
    .optional(),
  emails: z.array(z.string().min(1)).max(20).optional(),
  organization: z.string().optional(),
});
const SimOrder = z.object({
  catalogId: z.string().optional(),
  text: z.string().optional(),
  items: z
    .array(
      z.object({
        productId: z.string().min(1),
        quantity: z.number().int().positive(),
        price: z.number().nonnegative().optional(),
        currency: z.string().optional(),
      }),
    )
    .min(1),
});
const SimReferral = z.object({
  sourceUrl: z.string().optional(),
  sourceType: z.string().optional(),
  sourceId: z.string().optional(),
  headline: z.string().optional(),
  body: z.string().optional(),
  imageUrl: z.string().optional(),
});

export const InboundBody = z
  .object({
    phoneNumberId: z.string().min(1),
    from: Phone,
    name: z.string().max(200).optional(),
    text: z.string().min(1).max(65_536).optional(),
    media: MediaInput.optional(),
    location: z
      .object({
        latitude: z.number(),
        longitude: z.number(),
        name: z.string().optional(),
        address: z.string().optional(),
      })
      .optional(),
    raw: z.record(z.string(), z.unknown()).optional(),
    repeat: z.number().int().min(1).max(50).optional(),
    externalId: z.string().min(1).optional(),
    timestamp: z.number().int().positive().optional(),
    replyTo: z.string().min(1).optional(),
    contacts: z.array(SimContact).min(1).max(20).optional(),
    order: SimOrder.optional(),
    referral: SimReferral.optional(),
    forwarded: z.boolean().optional(),
  })
  .refine(
    (b) => b.text !== undefined || b.media || b.location || b.raw || b.contacts || b.order,
    'one of text, media, location, contacts, order, raw',
  );

export const StatusesBody = z.object({
  phoneNumberId: z.string().min(1),
  updates: z
    .array(
      z.object({
        externalId: z.string().min(1),
        status: z.enum(['sent', 'delivered', 'read', 'failed']),
        recipient: Phone,
        reference: z.string().nullable().optional(),
        errors: z
          .array(
            z.object({
              code: z.number().int(),
              title: z.string(),
              message: z.string().optional(),
              details: z.string().optional(),
            }),
          )
          .optional(),
      }),
    )
    .min(1),
});

export const NumberBody = z.object({
  phoneNumberId: z.string().min(1),
  wabaId: z.string().min(1),
  accessToken: z.string().min(1),
  displayPhoneNumber: z.string().min(1),
  verifiedName: z.string().optional(),
});

export const GatewayBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('evolution'),
    instance: z.string().min(1),
    apiKey: z.string().min(1),
    ownerNumber: Phone.optional(),
  }),
  z.object({
    kind: z.literal('uazapi'),
    instanceToken: z.string().min(1),
    instanceName: z.string().optional(),
    ownerNumber: Phone.optional(),
  }),
]);

/** POST /_sim/tap: the customer taps an option of an interactive message the product sent. */
export const TapBody = z.object({
  externalId: z.string().min(1),
  optionId: z.string().min(1),
  channelId: z.string().optional(),
  name: z.string().optional(),
});

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}
