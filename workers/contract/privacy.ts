// LGPD requests on a contact: the export (right of access) and the erasure (right to deletion).
import { z } from 'zod';
import { Uuid } from './ids';

/** POST /api/admin/contacts/:id/erase: the body restates the contact's id, so a slip cannot erase another. */
export const EraseContactRequest = z.object({ confirm: Uuid }).strict();
export type EraseContactRequest = z.infer<typeof EraseContactRequest>;

export const EraseContactResponse = z.object({
  contactId: Uuid,
  /** An earlier request had already finished the erasure; nothing was done again. */
  alreadyErased: z.boolean(),
  conversations: z.number().int(),
  /** Protocol numbers are kept (telecom rules); everything the customer wrote is gone. */
  protocols: z.array(z.string()),
  redactedEvents: z.number().int(),
  deletedFiles: z.number().int(),
});
export type EraseContactResponse = z.infer<typeof EraseContactResponse>;

/** Days message content is kept (1–3650), or null to keep it. */
export const RetentionDays = z.number().int().min(1).max(3650).nullable();
