// The key every piece of per-isolate LLM state is filed under: one tenant's endpoint and model. Two tenants
// on the same provider never share a breaker, a key's cooldown or a cached answer.
import type { AiConfig } from './brain';

export const scopeOf = (config: Pick<AiConfig, 'tenantId' | 'baseUrl' | 'model'>): string =>
  JSON.stringify([config.tenantId, config.baseUrl.replace(/\/+$/, ''), config.model]);

/** A short non-cryptographic fingerprint (FNV-1a): tells "the keys changed" without keeping them twice. */
export function fingerprint(parts: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      h ^= part.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${parts.length}:${h.toString(16)}`;
}
