// The openai SDK client for one tenant's endpoint and one key. The SDK's own retries are off (maxRetries 0):
// the product owns the loop (key pool, breaker, one deadline per reply). Every request goes through the
// egress rule the channels use: only the configured base URL's origin, a loopback/private origin only when
// the deployment names it (the LLM simulator locally), no redirects anywhere else.
import OpenAI from 'openai';
import { checkUrl, egressOf } from '../channels/egress';
import { log } from '../services/log';
import type { AiConfig } from './brain';

/** Thrown (and turned into an SDK connection error) when a request would leave the allowed origin. */
export class EgressRefused extends Error {}

/** The configured fetch, refusing any URL (and any redirect) outside the base URL's origin. */
export function guardedFetch(config: Pick<AiConfig, 'baseUrl' | 'privateOrigins' | 'fetch' | 'tenantId'>) {
  const egress = egressOf([config.baseUrl], config.privateOrigins);
  const guarded = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const raw = input instanceof Request ? input.url : String(input);
    const checked = checkUrl(egress, raw);
    if (!checked.ok) {
      log('warn', 'llm fetch refused', {
        tenantId: config.tenantId,
        origin: checked.refusal.origin,
        reason: checked.refusal.why,
      });
      throw new EgressRefused(checked.refusal.why);
    }
    // A redirect is never followed: an OpenAI-compatible API has no reason to send one.
    return config.fetch(input instanceof Request ? input : checked.url.href, { ...init, redirect: 'manual' });
  };
  return guarded as typeof fetch;
}

export function openaiClient(config: AiConfig, apiKey: string): OpenAI {
  return new OpenAI({
    apiKey,
    baseURL: config.baseUrl.replace(/\/+$/, ''),
    maxRetries: 0,
    timeout: config.deadlineMs,
    fetch: guardedFetch(config),
    // Never read OPENAI_* from the environment: each tenant brings its own endpoint and keys.
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
  });
}
