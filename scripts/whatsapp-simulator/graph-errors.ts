// Graph API error bodies as Meta returns them: `message` is "(#code) title" and the WhatsApp detail goes in
// error_data.details, which is what the product's Cloud client parses to decide retry vs. give up.
import type { ServerResponse } from 'node:http';
import { sendJson } from './http';
import { fbtraceId } from './ids';

export interface GraphError {
  status: number;
  code: number;
  title: string;
  details?: string;
  type?: 'OAuthException' | 'GraphMethodException';
  subcode?: number;
}

export function graphErrorBody(e: GraphError): Record<string, unknown> {
  const error: Record<string, unknown> = {
    message: e.code === 190 ? e.title : `(#${e.code}) ${e.title}`,
    type: e.type ?? 'OAuthException',
    code: e.code,
  };
  if (e.details !== undefined) error.error_data = { messaging_product: 'whatsapp', details: e.details };
  if (e.subcode !== undefined) error.error_subcode = e.subcode;
  error.fbtrace_id = fbtraceId();
  return { error };
}

export function sendGraphError(res: ServerResponse, e: GraphError): void {
  sendJson(res, e.status, graphErrorBody(e));
}

export const INVALID_TOKEN: GraphError = {
  status: 401,
  code: 190,
  title: 'Error validating access token',
};

export function unknownObject(id: string, method: 'get' | 'post'): GraphError {
  return {
    status: 400,
    code: 100,
    subcode: 33,
    type: 'GraphMethodException',
    title: `Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
  };
}

export function invalidParameter(title: string): GraphError {
  return { status: 400, code: 100, title, details: title };
}

/** Default Graph code and title for an injected status when the fault does not name them. */
export function defaultsFor(status: number): { code: number; title: string } {
  if (status === 429) return { code: 130429, title: 'Rate limit hit' };
  if (status === 401) return { code: 190, title: 'Error validating access token' };
  if (status === 400) return { code: 100, title: 'Invalid parameter' };
  if (status === 404) return { code: 100, title: 'Unsupported request' };
  return { code: 131000, title: 'Something went wrong' };
}
