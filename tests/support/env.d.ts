// Types for tests that run inside workerd: the cloudflare:test module, our bindings as Cloudflare.Env, and
// the main module's exports (so `exports.default.fetch` is typed).
/// <reference types="@cloudflare/vitest-plugin/types" />
import type { Env as FioEnv } from '../../workers/env';

declare global {
  namespace Cloudflare {
    interface Env extends FioEnv {
      /** The egress tests' listeners (tests/support/provider-listeners.ts) and a port nothing listens on. */
      FIO_TEST_PROVIDER_URL: string;
      FIO_TEST_CANARY_URL: string;
      FIO_TEST_CLOSED_URL: string;
      /** The e-mail API simulator (its /_mail control routes). */
      FIO_TEST_MAIL_URL: string;
      FIO_TEST_ERP_URL: string;
      FIO_TEST_LLM_URL: string;
      /** The outgoing-webhook receiver simulator (its /_recv control routes). */
      FIO_TEST_WEBHOOK_URL: string;
      /** The database owner (sees every tenant; RLS does not apply to it). */
      FIO_TEST_OWNER_DATABASE_URL: string;
    }
    interface GlobalProps {
      mainModule: typeof import('../../workers/index');
      durableNamespaces: 'ConversationDO';
    }
  }
}
