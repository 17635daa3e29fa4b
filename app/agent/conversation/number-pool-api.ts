// The REST calls of continuing a customer on another number: a number's templates and the continue itself.
import { z } from 'zod';
import {
  type ContinueOnNumberRequest,
  ContinueOnNumberResponse,
  TemplateView,
} from '../../../workers/contract';
import { requestParsed } from '../api';

const Templates = z.object({ templates: z.array(TemplateView) });

export const getNumberTemplates = async (token: string, channelId: string) =>
  (await requestParsed(Templates, `/api/channels/${encodeURIComponent(channelId)}/templates`, { token }))
    .templates;

export const continueOnNumber = (
  token: string,
  conversationId: string,
  body: z.input<typeof ContinueOnNumberRequest>,
) =>
  requestParsed(
    ContinueOnNumberResponse,
    `/api/conversations/${encodeURIComponent(conversationId)}/continue`,
    {
      token,
      method: 'POST',
      body: JSON.stringify(body),
    },
  );

/** How many {{n}} parameters a template body takes (the highest n). */
export function parameterCount(body: string | null): number {
  return Math.max(0, ...[...(body ?? '').matchAll(/\{\{\s*(\d+)\s*\}\}/g)].map((m) => Number(m[1])));
}

/** The body with the parameters typed so far (blanks stay as {{n}}). */
export function previewOf(body: string | null, parameters: string[]): string {
  return (body ?? '').replace(/\{\{\s*(\d+)\s*\}\}/g, (raw, n: string) => parameters[Number(n) - 1] || raw);
}
