// The website widget's shapes: a widget channel's settings (branding, the sites allowed to embed it, the
// pre-chat form, "verified only"), the public configuration the loader and the widget read, and the admin
// requests that create and change a widget channel. Pure zod.
import { z } from 'zod';
import { Uuid } from './ids';
import { StorableString } from './text';

/** `#rrggbb`, stored lowercase. */
export const HexColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb')
  .transform((s) => s.toLowerCase());

/**
 * A site allowed to embed the widget: scheme, host and port only (`https://www.provedor.com.br`), no path.
 * Plain http only for localhost and 127.0.0.1 (a developer's own machine). Stored as the browser spells an
 * Origin header: lowercase host, default ports dropped, no trailing slash.
 */
export const SiteOrigin = z
  .string()
  .trim()
  .max(200)
  .transform((raw, ctx) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'a site address such as https://www.provedor.com.br' });
      return z.NEVER;
    }
    const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
    const bare = (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash;
    if (!(url.protocol === 'https:' || (url.protocol === 'http:' && local)) || !bare || url.username) {
      ctx.addIssue({
        code: 'custom',
        message: 'an https site address with no path (http only for localhost)',
      });
      return z.NEVER;
    }
    return url.origin;
  });

export const WidgetBranding = z.object({
  /** The name on the widget's header ("Atendimento Provedor X"). */
  title: StorableString.trim().min(1).max(60).default('Atendimento'),
  color: HexColor.default('#0f766e'),
  /** The first thing a visitor reads, above the form or the composer. */
  greeting: StorableString.trim().max(300).default('Olá! Como podemos ajudar?'),
  /** An https image shown in the header; null: the title's initial. */
  logoUrl: z
    .url({ protocol: /^https$/, error: 'an https image address' })
    .max(500)
    .nullable()
    .default(null),
  position: z.enum(['right', 'left']).default('right'),
});
export type WidgetBranding = z.infer<typeof WidgetBranding>;

export const PrechatFieldName = z.enum(['name', 'phone', 'email', 'cpf']);
export type PrechatFieldName = z.infer<typeof PrechatFieldName>;
export const PrechatField = z.object({ field: PrechatFieldName, required: z.boolean() });
export type PrechatField = z.infer<typeof PrechatField>;

export const WidgetSettings = z.object({
  branding: WidgetBranding.default(WidgetBranding.parse({})),
  /** Sites that may embed the widget (CORS and frame-ancestors); empty: none but Fio's own preview. */
  allowedOrigins: z
    .array(SiteOrigin)
    .max(20)
    .default([])
    .transform((list) => [...new Set(list)]),
  /** The pre-chat form's fields in order; empty: no form, the visitor writes straight away. */
  prechat: z
    .array(PrechatField)
    .max(4)
    .default([])
    .refine((f) => new Set(f.map((x) => x.field)).size === f.length, 'each field at most once'),
  /** Only visitors the ISP's site identified (a valid identity token) may chat. */
  verifiedOnly: z.boolean().default(false),
});
export type WidgetSettings = z.infer<typeof WidgetSettings>;

/** POST /api/widget-channels (admins). */
export const CreateWidgetChannelRequest = z.strictObject({
  name: StorableString.trim().min(1).max(120),
  botEnabled: z.boolean().default(false),
  settings: WidgetSettings.default(WidgetSettings.parse({})),
});
/** PATCH /api/widget-channels/:id (admins): what is given changes; settings are replaced whole. */
export const UpdateWidgetChannelRequest = z.strictObject({
  name: StorableString.trim().min(1).max(120).optional(),
  botEnabled: z.boolean().optional(),
  settings: WidgetSettings.optional(),
});

/** A widget channel as admins see it (never its identity secret: only whether one is set). */
export const WidgetChannelView = z.object({
  id: Uuid,
  name: z.string(),
  botEnabled: z.boolean(),
  settings: WidgetSettings,
  hasIdentitySecret: z.boolean(),
  /** The `<script>` tag to paste on the site. */
  snippet: z.string(),
  createdAt: z.string(),
});
export type WidgetChannelView = z.infer<typeof WidgetChannelView>;
export const WidgetChannelsResponse = z.object({ channels: z.array(WidgetChannelView) });

/**
 * GET /api/widget/channels/:id/config (public; CORS only for the channel's allowed origins): what the loader
 * and the widget need before any session: branding, the form, whether identity is required and whether
 * someone is there now (outside business hours the widget takes a message and a contact instead).
 */
export const WidgetConfigResponse = z.object({
  channelId: Uuid,
  branding: WidgetBranding,
  prechat: z.array(PrechatField),
  verifiedOnly: z.boolean(),
  /** Inside the tenant's business hours now. */
  open: z.boolean(),
  /** When closed: the next opening (ISO), null when unknown or open. */
  opensAt: z.string().nullable(),
});
export type WidgetConfigResponse = z.infer<typeof WidgetConfigResponse>;

/** What the pre-chat form (or the offline form) collected; checked server-side (CPF check digits, E.164). */
export const PrechatAnswers = z.strictObject({
  phone: StorableString.trim().min(8).max(32).optional(),
  email: z.email().max(254).optional(),
  cpf: StorableString.trim().min(11).max(14).optional(),
});
export type PrechatAnswers = z.infer<typeof PrechatAnswers>;
