// Tenants and logins every test suite seeds and uses. Pure data: imported both in Node and inside workerd.
import type { SeedTenant } from '../../scripts/seed';

export const TEST_JWT_SECRET = 'test-only-secret-0123456789abcdefghijklmnopqrstuvwxyz';
export const TEST_APP_ROLE_PASSWORD = 'test-only-app-role-password';
/** 32 bytes, base64: the AES-GCM key for channel credentials in tests. */
export const TEST_CHANNEL_SECRETS_KEY = 'dGVzdC1vbmx5LWNoYW5uZWwtc2VjcmV0cy1rZXktMzI=';
export const TEST_WHATSAPP_APP_SECRET = 'test-only-meta-app-secret';
export const TEST_WHATSAPP_VERIFY_TOKEN = 'test-only-verify-token';
/** The bearer key the e-mail API simulator accepts in the workerd suite. */
export const TEST_MAIL_API_KEY = 'test-only-mail-api-key';
/** The platform operator's bearer token in the workerd suite (/metrics, /api/operator/*). */
export const TEST_OPERATOR_TOKEN = 'test-only-operator-token-0123456789';
/** What the operator's alert webhook is signed with in the workerd suite (the receiver's hook `operator`). */
export const TEST_OPERATOR_WEBHOOK_SECRET = 'test-only-operator-webhook-secret';

export const ACME: SeedTenant = {
  slug: 'acme',
  name: 'Acme Fibra',
  users: [
    { email: 'admin@acme.test', name: 'Acme Admin', role: 'admin', password: 'acme-admin-pass' },
    { email: 'agent@acme.test', name: 'Acme Agent', role: 'agent', password: 'acme-agent-pass' },
    {
      email: 'supervisor@acme.test',
      name: 'Acme Supervisor',
      role: 'supervisor',
      password: 'acme-supervisor-pass',
    },
    { email: 'owner@acme.test', name: 'Acme Owner', role: 'owner', password: 'acme-owner-pass' },
  ],
  teams: [{ name: 'Suporte', members: ['agent@acme.test', 'supervisor@acme.test'] }],
  canned: [{ shortcut: 'ola', title: 'Saudação', body: 'Olá {{contact.name}}, aqui é {{agent.name}}.' }],
};

export const GLOBEX: SeedTenant = {
  slug: 'globex',
  name: 'Globex Net',
  users: [
    { email: 'agent@globex.test', name: 'Globex Agent', role: 'agent', password: 'globex-agent-pass' },
    { email: 'admin@globex.test', name: 'Globex Admin', role: 'admin', password: 'globex-admin-pass' },
  ],
};
