// Types for tests that run inside workerd: the cloudflare:test module, our bindings as Cloudflare.Env, and
// the main module's exports (so `exports.default.fetch` is typed).
/// <reference types="@cloudflare/vitest-plugin/types" />
import type { Env as FioEnv } from '../../workers/env';

declare global {
  namespace Cloudflare {
    interface Env extends FioEnv {}
    interface GlobalProps {
      mainModule: typeof import('../../workers/index');
      durableNamespaces: 'ConversationDO';
    }
  }
}
