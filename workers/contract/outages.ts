// Outages and planned maintenance: the area they affect, their times and message; the bot tells affected
// customers first, a utility campaign may notify them, and a resolution notice closes the loop.
import { z } from 'zod';
import { Uuid } from './ids';
import { StorableString, VisibleText } from './text';

export const OutageKind = z.enum(['outage', 'maintenance']);
export type OutageKind = z.infer<typeof OutageKind>;

const Place = VisibleText.trim().min(1).max(120);

/** Any match affects a contact: its city, neighbourhood, POP or one of its ERP contracts. */
export const OutageArea = z
  .strictObject({
    cities: z.array(Place).max(50).default([]),
    neighbourhoods: z.array(Place).max(200).default([]),
    pops: z.array(Place).max(50).default([]),
    contracts: z.array(StorableString.trim().min(1).max(40)).max(5_000).default([]),
  })
  .refine(
    (a) => a.cities.length + a.neighbourhoods.length + a.pops.length + a.contracts.length > 0,
    'name at least one city, neighbourhood, POP or contract',
  );
export type OutageArea = z.infer<typeof OutageArea>;

export const OutageState = z.enum(['scheduled', 'active', 'resolved']);
export type OutageState = z.infer<typeof OutageState>;

/**
 * The number and approved utility template a notice goes out with; the template's {{1}} is the outage's
 * message (or the resolution message).
 */
export const OutageNotify = z.strictObject({
  channelId: Uuid,
  templateName: z.string().min(1).max(512),
  language: z.string().min(2).max(16),
});
export type OutageNotify = z.infer<typeof OutageNotify>;

export const CreateOutageRequest = z
  .strictObject({
    kind: OutageKind.default('outage'),
    title: VisibleText.trim().min(1).max(120),
    area: OutageArea,
    startsAt: z.iso.datetime({ offset: true }),
    expectedEndAt: z.iso.datetime({ offset: true }).nullable().default(null),
    message: VisibleText.trim().min(1).max(1000),
    /** Also send the notice to affected customers now, as a utility campaign on this number. */
    notify: OutageNotify.nullable().default(null),
  })
  .refine((o) => o.expectedEndAt === null || Date.parse(o.expectedEndAt) > Date.parse(o.startsAt), {
    message: 'the expected end must be after the start',
    path: ['expectedEndAt'],
  });
export type CreateOutageRequest = z.infer<typeof CreateOutageRequest>;

export const ResolveOutageRequest = z.strictObject({
  message: VisibleText.trim().min(1).max(1000),
  /** Tell the customers notified (or told by the bot) that it is over. */
  notify: z.boolean().default(true),
  /** The number and template for the resolution notice; null: those of the outage's notice campaign. */
  via: OutageNotify.nullable().default(null),
});
export type ResolveOutageRequest = z.infer<typeof ResolveOutageRequest>;

export const OutageView = z.object({
  id: Uuid,
  kind: OutageKind,
  title: z.string(),
  area: OutageArea,
  startsAt: z.string(),
  expectedEndAt: z.string().nullable(),
  message: z.string(),
  state: OutageState,
  resolvedAt: z.string().nullable(),
  resolutionMessage: z.string().nullable(),
  noticeCampaignId: Uuid.nullable(),
  resolutionCampaignId: Uuid.nullable(),
  /** Conversations whose customer the bot told about this outage. */
  conversationCount: z.number().int(),
  createdAt: z.string(),
});
export type OutageView = z.infer<typeof OutageView>;

export const OutageListResponse = z.object({ outages: z.array(OutageView) });

export const OutageListQuery = z.strictObject({ state: OutageState.optional() });

export const OutageResponse = z.object({ outage: OutageView });
