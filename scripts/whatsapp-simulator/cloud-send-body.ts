// Validation of a Cloud API send body (zod), with Meta's "(#100) …" wording for the first problem found.
import { z } from 'zod';

const required = (name: string) => ({ error: `The parameter ${name} is required.` });
const codePoints = (s: string) => [...s].length;

export const SendBase = z.looseObject({
  messaging_product: z.literal('whatsapp', required('messaging_product')),
  recipient_type: z.literal('individual').optional(),
  to: z.string(required('to')).min(1, required('to')),
  type: z.string().default('text'),
  biz_opaque_callback_data: z.string().max(512).optional(),
});

export const TextPart = z.object({
  text: z.object(
    {
      body: z
        .string(required("text['body']"))
        .min(1, required("text['body']"))
        .refine((s) => codePoints(s) <= 4096, "Param text['body'] must be at most 4096 characters long."),
      preview_url: z.boolean().optional(),
    },
    required('text'),
  ),
});

export const MEDIA_TYPES = ['image', 'document', 'audio', 'video'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export function mediaPart(kind: MediaType) {
  return z.object({
    [kind]: z.object(
      {
        id: z.string(required(`${kind}['id']`)).min(1),
        caption: z.string().max(1024).optional(),
        filename: z.string().optional(),
      },
      required(kind),
    ),
  });
}

const Parameter = z.looseObject({ type: z.string(), text: z.string().optional() });

export const TemplatePart = z.object({
  template: z.object(
    {
      name: z.string(required("template['name']")).min(1),
      language: z.object({ code: z.string().min(1), policy: z.string().optional() }, required('language')),
      components: z
        .array(z.looseObject({ type: z.string(), parameters: z.array(Parameter).optional() }))
        .optional(),
    },
    required('template'),
  ),
});

export const ReadReceipt = z.looseObject({
  messaging_product: z.literal('whatsapp', required('messaging_product')),
  status: z.literal('read'),
  message_id: z.string(required('message_id')).min(1),
  typing_indicator: z.looseObject({ type: z.string() }).optional(),
});

/** The first problem as Meta phrases it (without the "(#100) " prefix the error body adds). */
export function firstProblem(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'Invalid parameter';
}

export function bodyParameters(template: z.infer<typeof TemplatePart>['template']): string[] {
  const body = template.components?.find((c) => c.type.toLowerCase() === 'body');
  return (body?.parameters ?? []).map((p) => p.text ?? '');
}
