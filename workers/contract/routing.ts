// Routing and service settings: how queued conversations reach agents (per team: manual, round-robin or
// balanced, with capacities), the ISP's opening hours and holidays, SLA policies, CSAT, auto-close, the
// after-hours notice and the grace after a close. One shape per setting, shared by REST, the objects and the
// admin screens; every rule a bad value breaks is checked here so a refusal reads the same everywhere.
import { z } from 'zod';
import { TimeZone } from './admin';
import { Priority } from './events';
import { DisplayName, Uuid } from './ids';
import { VisibleText } from './text';

export const RoutingMode = z.enum(['manual', 'round_robin', 'balanced']);
export type RoutingMode = z.infer<typeof RoutingMode>;

/** Open conversations an agent may hold under automatic assignment. */
export const Capacity = z.number().int().min(0).max(100);

// ---- business hours ------------------------------------------------------------------------------------------

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export const Weekday = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof Weekday>;

/** "HH:MM", 00:00–24:00 (24:00 only as an interval's end: open until midnight). */
export const ClockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:MM');

/** Minutes since midnight of a ClockTime. */
export function clockMinutes(t: string): number {
  const [h, m] = t.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export const BusinessInterval = z.object({ from: ClockTime, to: ClockTime });
export type BusinessInterval = z.infer<typeof BusinessInterval>;

export const Holiday = z.object({
  date: z.iso.date(),
  name: VisibleText.max(80),
});
export type Holiday = z.infer<typeof Holiday>;

/**
 * Opening hours: several intervals per weekday (a lunch break is two intervals), holidays closed all day.
 * `timezone` null: the tenant's. Intervals must not be inverted, empty or overlapping.
 */
export const BusinessHours = z
  .object({
    timezone: TimeZone.nullable().default(null),
    week: z.object(
      Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(BusinessInterval).max(6).default([])])) as Record<
        Weekday,
        z.ZodDefault<z.ZodArray<typeof BusinessInterval>>
      >,
    ),
    holidays: z.array(Holiday).max(100).default([]),
  })
  .superRefine((hours, ctx) => {
    for (const day of WEEKDAYS) {
      const intervals = [...hours.week[day]].map((i, index) => ({ ...i, index }));
      for (const i of intervals) {
        if (clockMinutes(i.to) <= clockMinutes(i.from))
          ctx.addIssue({
            code: 'custom',
            path: ['week', day, i.index],
            message: `${i.from}–${i.to} ends before it starts`,
          });
      }
      intervals.sort((a, b) => clockMinutes(a.from) - clockMinutes(b.from));
      for (let k = 1; k < intervals.length; k++) {
        const prev = intervals[k - 1];
        const cur = intervals[k];
        if (prev && cur && clockMinutes(cur.from) < clockMinutes(prev.to))
          ctx.addIssue({
            code: 'custom',
            path: ['week', day, cur.index],
            message: `${cur.from}–${cur.to} overlaps ${prev.from}–${prev.to}`,
          });
      }
    }
    const seen = new Set<string>();
    hours.holidays.forEach((h, index) => {
      if (seen.has(h.date))
        ctx.addIssue({ code: 'custom', path: ['holidays', index], message: `${h.date} is listed twice` });
      seen.add(h.date);
    });
  });
export type BusinessHours = z.infer<typeof BusinessHours>;

// ---- tenant-wide service settings -----------------------------------------------------------------------------

/** Whole minutes, at least 1 (a target or delay of zero is refused, never read as "off"). */
const Minutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 60);

export const CsatSettings = z.object({
  /** Off until an admin turns it on (the demo tenant is seeded with it on). */
  enabled: z.boolean().default(false),
  /** Seconds after the close before the question is sent. */
  delaySeconds: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600)
    .default(0),
  /** Hours the question can be answered; later answers are ignored. */
  expiryHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(24),
  /** The approved utility template sent when WhatsApp's 24 h window has closed (one {{1}}: the protocol). */
  templateName: z.string().trim().min(1).max(512).nullable().default('avaliacao_atendimento'),
  templateLanguage: z.string().trim().min(2).max(15).default('pt_BR'),
  /** Also ask when the bot closed the ticket with no person involved. */
  afterBot: z.boolean().default(false),
});
export type CsatSettings = z.infer<typeof CsatSettings>;

export const AutoCloseSettings = z.object({
  enabled: z.boolean().default(false),
  /** Minutes waiting on the customer (the agent wrote last) before the ticket closes. */
  minutes: Minutes.default(24 * 60),
  /** Sent to the customer on the close; null: the built-in words in the tenant's language. */
  message: VisibleText.max(1000).nullable().default(null),
});
export type AutoCloseSettings = z.infer<typeof AutoCloseSettings>;

export const AfterHoursSettings = z.object({
  enabled: z.boolean().default(true),
  /** null: the built-in words ("Nosso atendimento volta {when}"). `{when}` is replaced by the opening time. */
  message: VisibleText.max(1000).nullable().default(null),
});
export type AfterHoursSettings = z.infer<typeof AfterHoursSettings>;

export const ServiceSettings = z.object({
  /** Capacity of agents with none of their own in teams with none of their own. */
  defaultCapacity: Capacity.default(3),
  csat: CsatSettings.default(CsatSettings.parse({})),
  autoClose: AutoCloseSettings.default(AutoCloseSettings.parse({})),
  afterHours: AfterHoursSettings.default(AfterHoursSettings.parse({})),
  /** Minutes after a close in which a short thanks or a CSAT answer stays on the closed ticket. */
  thanksGraceMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(10),
});
export type ServiceSettings = z.infer<typeof ServiceSettings>;

/** Reads the stored JSON leniently: anything unreadable falls back to the defaults, field by field. */
export function readServiceSettings(raw: unknown): ServiceSettings {
  const parsed = ServiceSettings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : ServiceSettings.parse({});
}

/** GET/PUT /api/settings/service: the tenant's service settings and opening hours (null: always open). */
export const ServiceSettingsResponse = z.object({
  settings: ServiceSettings,
  businessHours: BusinessHours.nullable(),
  timezone: z.string(),
});
export type ServiceSettingsResponse = z.infer<typeof ServiceSettingsResponse>;
export const UpdateServiceSettingsRequest = z
  .object({ settings: ServiceSettings, businessHours: BusinessHours.nullable() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateServiceSettingsRequest = z.infer<typeof UpdateServiceSettingsRequest>;

// ---- teams and agents -----------------------------------------------------------------------------------------

export const TeamRouting = z.object({
  mode: RoutingMode,
  defaultCapacity: Capacity.nullable(),
  /** An assigned agent offline this long gives their conversations back; null: never. */
  requeueOfflineSeconds: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600)
    .nullable(),
  /** A customer message unanswered this long by the assignee goes back to the queue; null: never. */
  requeueUnansweredMinutes: Minutes.nullable(),
  /** The team's own hours; null: the tenant's. */
  businessHours: BusinessHours.nullable(),
});
export type TeamRouting = z.infer<typeof TeamRouting>;

/** PATCH /api/teams/:id/routing. */
export const UpdateTeamRoutingRequest = TeamRouting.partial().refine(
  (v) => Object.keys(v).length > 0,
  'nothing to change',
);
export type UpdateTeamRoutingRequest = z.infer<typeof UpdateTeamRoutingRequest>;

/** PUT /api/users/:id/capacity: null returns the agent to the team's or tenant's default. */
export const UpdateAgentCapacityRequest = z.object({ capacity: Capacity.nullable() });

/** GET /api/routing: what the routing screen edits and the tenant inbox routes by. */
export const RoutingConfig = z.object({
  defaultCapacity: Capacity,
  teams: z.array(TeamRouting.extend({ id: Uuid, name: z.string(), memberIds: z.array(Uuid) })),
  agents: z.array(
    z.object({ id: Uuid, name: z.string(), capacity: Capacity.nullable(), teamIds: z.array(Uuid) }),
  ),
});
export type RoutingConfig = z.infer<typeof RoutingConfig>;

// ---- SLA policies ------------------------------------------------------------------------------------------------

export const SlaPolicyInput = z
  .object({
    name: DisplayName,
    /** null: any priority. */
    priority: Priority.nullable(),
    teamId: Uuid.nullable(),
    channelId: Uuid.nullable(),
    firstResponseMinutes: Minutes.nullable(),
    nextResponseMinutes: Minutes.nullable(),
    resolutionMinutes: Minutes.nullable(),
  })
  .refine(
    (p) => p.firstResponseMinutes !== null || p.nextResponseMinutes !== null || p.resolutionMinutes !== null,
    'set at least one target',
  );
export type SlaPolicyInput = z.infer<typeof SlaPolicyInput>;
export const SlaPolicy = z.object({
  id: Uuid,
  name: z.string(),
  priority: Priority.nullable(),
  teamId: Uuid.nullable(),
  channelId: Uuid.nullable(),
  firstResponseMinutes: z.number().int().nullable(),
  nextResponseMinutes: z.number().int().nullable(),
  resolutionMinutes: z.number().int().nullable(),
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;
