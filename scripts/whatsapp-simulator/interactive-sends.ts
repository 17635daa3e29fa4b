// Reply buttons and lists as each provider receives them: the Cloud API's `interactive` object (checked with
// Meta's limits and wording), Evolution v2's sendButtons / sendList bodies and Uazapi's /send/menu with its
// "title|id|description" choices. Each becomes a SentInteractive (body, options, the raw request) that tests
// read through the control API and the customer can tap.
import { z } from 'zod';
import type { SentInteractive, SentOption } from './types';

const len = (max: number, field: string) =>
  z.string().refine((s) => [...s].length <= max, `Param ${field} must be at most ${max} characters long.`);
const required = (field: string) => ({ error: `The parameter ${field} is required.` });

const CloudText = (max: number, field: string) => z.object({ text: len(max, field).pipe(z.string().min(1)) });
const CloudCommon = {
  header: z.looseObject({ type: z.literal('text'), text: len(60, "header['text']") }).optional(),
  body: CloudText(1024, "body['text']"),
  footer: CloudText(60, "footer['text']").optional(),
};
const CloudButtons = z.object({
  type: z.literal('button'),
  ...CloudCommon,
  action: z.object({
    buttons: z
      .array(
        z.object({
          type: z.literal('reply'),
          reply: z.object({
            id: len(256, "reply['id']"),
            title: len(20, "reply['title']").pipe(z.string().min(1)),
          }),
        }),
      )
      .min(1, 'Param buttons must have at least 1 element.')
      .max(3, 'Param buttons must have at most 3 elements.'),
  }),
});
const CloudList = z.object({
  type: z.literal('list'),
  ...CloudCommon,
  action: z.object({
    button: len(20, "action['button']").pipe(z.string().min(1)),
    sections: z
      .array(
        z.object({
          title: len(24, "section['title']").optional(),
          rows: z
            .array(
              z.object({
                id: len(200, "row['id']"),
                title: len(24, "row['title']").pipe(z.string().min(1)),
                description: len(72, "row['description']").optional(),
              }),
            )
            .min(1),
        }),
      )
      .min(1)
      .max(10)
      .refine(
        (s) => s.reduce((n, x) => n + x.rows.length, 0) <= 10,
        'Total row count exceed max allowed count: 10',
      ),
  }),
});
export const CloudInteractivePart = z.object({
  interactive: z.discriminatedUnion('type', [CloudButtons, CloudList], required('interactive')),
});

const unique = (options: SentOption[]) => new Set(options.map((o) => o.id)).size === options.length;

/** The Cloud send's interactive part, or Meta's "(#100)"-style problem. */
export function cloudInteractive(body: unknown): SentInteractive | string {
  const parsed = CloudInteractivePart.safeParse(body);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'Invalid parameter';
  const i = parsed.data.interactive;
  const options: SentOption[] =
    i.type === 'button'
      ? i.action.buttons.map((b) => ({ id: b.reply.id, title: b.reply.title }))
      : i.action.sections.flatMap((s) =>
          s.rows.map((r) => ({
            id: r.id,
            title: r.title,
            ...(r.description ? { description: r.description } : {}),
          })),
        );
  if (!unique(options)) return 'Duplicate reply id or row id in the interactive message.';
  const raw = (body as { interactive: Record<string, unknown> }).interactive;
  return { kind: i.type === 'button' ? 'buttons' : 'list', body: i.body.text, options, raw };
}

const EvolutionButtons = z.looseObject({
  number: z.string().min(1),
  title: z.string().min(1),
  description: z.string().optional(),
  footer: z.string().optional(),
  buttons: z
    .array(z.looseObject({ type: z.literal('reply'), displayText: z.string().min(1), id: z.string().min(1) }))
    .min(1)
    .max(3),
});
const EvolutionList = z.looseObject({
  number: z.string().min(1),
  title: z.string().min(1),
  description: z.string().optional(),
  buttonText: z.string().min(1),
  footerText: z.string().optional(),
  sections: z
    .array(
      z.looseObject({
        title: z.string(),
        rows: z
          .array(
            z.looseObject({
              title: z.string().min(1),
              description: z.string().optional(),
              rowId: z.string().min(1),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});

/** Evolution's sendButtons / sendList body; zod's issues when it does not fit. */
export function evolutionInteractive(
  action: 'sendButtons' | 'sendList',
  body: unknown,
): SentInteractive | z.ZodError {
  const raw = body as Record<string, unknown>;
  if (action === 'sendButtons') {
    const parsed = EvolutionButtons.safeParse(body);
    if (!parsed.success) return parsed.error;
    const b = parsed.data;
    const options = b.buttons.map((x) => ({ id: x.id, title: x.displayText }));
    return {
      kind: 'buttons',
      body: b.description ? `${b.title}\n\n${b.description}` : b.title,
      options,
      raw,
    };
  }
  const parsed = EvolutionList.safeParse(body);
  if (!parsed.success) return parsed.error;
  const l = parsed.data;
  const options = l.sections.flatMap((s) =>
    s.rows.map((r) => ({
      id: r.rowId,
      title: r.title,
      ...(r.description ? { description: r.description } : {}),
    })),
  );
  return { kind: 'list', body: l.description ? `${l.title}\n\n${l.description}` : l.title, options, raw };
}

const UazapiMenu = z.looseObject({
  number: z.string().min(1),
  type: z.enum(['button', 'list']),
  text: z.string().min(1),
  choices: z.array(z.string().min(1)).min(1),
  footerText: z.string().optional(),
  listButton: z.string().optional(),
});

/** Uazapi's /send/menu: buttons "title|id", list rows "title|id|description" under "[Section]" lines. */
export function uazapiInteractive(body: unknown): SentInteractive | string {
  const parsed = UazapiMenu.safeParse(body);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  const m = parsed.data;
  if (m.type === 'list' && !m.listButton) return 'listButton is required for list menus';
  const options = m.choices
    .filter((c) => !/^\[.*\]$/.test(c))
    .map((c) => {
      const [title = '', id = title, description] = c.split('|');
      return { id, title, ...(description ? { description } : {}) };
    });
  return {
    kind: m.type === 'button' ? 'buttons' : 'list',
    body: m.text,
    options,
    raw: body as Record<string, unknown>,
  };
}
