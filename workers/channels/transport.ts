// One entry point from a channel's decrypted config to its provider client. The fetch is injectable so tests
// (and callers with their own deadlines) control every request; the default timeout bounds each one.
import { createEvolutionTransport } from './evolution/transport';
import type { Http } from './http';
import type { ChannelConfig, ChannelTransport } from './outbound';
import { createUazapiTransport } from './uazapi/transport';
import { createCloudTransport } from './whatsapp-cloud/transport';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface TransportOptions {
  fetch?: typeof fetch;
  /** Per request (upload, send, each template page…), body included. */
  timeoutMs?: number;
}

export function httpFor(options: TransportOptions = {}): Http {
  return {
    // Wrapped: workerd throws "Illegal invocation" when the global fetch is called as another object's method.
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}

export function createTransport(config: ChannelConfig, options: TransportOptions = {}): ChannelTransport {
  const http = httpFor(options);
  switch (config.kind) {
    case 'whatsapp_cloud':
      return createCloudTransport(config, http);
    case 'evolution':
      return createEvolutionTransport(config, http);
    case 'uazapi':
      return createUazapiTransport(config, http);
  }
}
