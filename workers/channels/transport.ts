// One entry point from a channel's decrypted config to its provider client. The fetch is injectable so tests
// (and callers with their own deadlines) control every request; the default timeout bounds each one. The
// provider's own origins are fixed here, from the config: every request the client makes must land on one.

import { type Egress, egressOf, META_MEDIA_ORIGIN } from './egress';
import { createEvolutionTransport } from './evolution/transport';
import type { Http } from './http';
import type { ChannelConfig, ChannelTransport } from './outbound';
import { createUazapiTransport } from './uazapi/transport';
import { createCloudTransport } from './whatsapp-cloud/transport';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface TransportOptions {
  fetch?: typeof fetch;
  /** Per request (upload, send, each template page…), redirects and body included. */
  timeoutMs?: number;
}

/** The gateway's configured base URL; for the Cloud API the Graph API base and Meta's media host. */
function egressFor(config: ChannelConfig): Egress {
  const origins = config.kind === 'whatsapp_cloud' ? [config.apiBase, META_MEDIA_ORIGIN] : [config.baseUrl];
  return egressOf(origins, config.privateOrigins, config.channelId ?? null);
}

/** The guarded HTTP client for one channel's provider: every request must land on one of its origins. */
export function httpFor(config: ChannelConfig, options: TransportOptions = {}): Http {
  return {
    // Wrapped: workerd throws "Illegal invocation" when the global fetch is called as another object's method.
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    egress: egressFor(config),
  };
}

export function createTransport(config: ChannelConfig, options: TransportOptions = {}): ChannelTransport {
  const http = httpFor(config, options);
  switch (config.kind) {
    case 'whatsapp_cloud':
      return createCloudTransport(config, http);
    case 'evolution':
      return createEvolutionTransport(config, http);
    case 'uazapi':
      return createUazapiTransport(config, http);
  }
}
