// Types for tests that run inside workerd: the cloudflare:test module and our bindings as Cloudflare.Env.
/// <reference types="@cloudflare/vitest-plugin/types" />
import type { Env as FioEnv } from '../../workers/env';

declare global {
  namespace Cloudflare {
    interface Env extends FioEnv {}
  }
}
