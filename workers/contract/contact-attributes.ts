// What campaigns and outages select customers by: free tags and a few known attributes (city, neighbourhood,
// POP, the ERP's contract ids) plus the ISP's own keys. Stored on contacts (tags, attributes).
import { z } from 'zod';
import { StorableString, VisibleText } from './text';

/** A label: trimmed, lowercase, letters/digits/-/_ and spaces, 1–40 characters. */
export const ContactTag = VisibleText.trim()
  .toLowerCase()
  .pipe(
    z
      .string()
      .min(1)
      .max(40)
      .regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u, 'letters, digits, spaces, - and _'),
  );
export type ContactTag = z.infer<typeof ContactTag>;

const AttributeText = VisibleText.trim().max(120);

export const ContactAttributes = z.strictObject({
  city: AttributeText.optional(),
  neighbourhood: AttributeText.optional(),
  pop: AttributeText.optional(),
  /** The ERP's contract ids (IXC cliente_contrato.id, SGP contratoId). */
  contracts: z.array(StorableString.trim().min(1).max(40)).max(50).optional(),
  /** The ISP's own keys (plan, due day …): short keys, short string values. */
  custom: z
    .record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase key, letters, digits and _'), AttributeText)
    .refine((r) => Object.keys(r).length <= 30, 'at most 30 custom attributes')
    .optional(),
});
export type ContactAttributes = z.infer<typeof ContactAttributes>;

/**
 * Place names compare without case, accents or extra spaces ("São José" = "sao  jose"): what an ISP types
 * in an outage and what its ERP returned are rarely spelled the same.
 */
export function placeKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
