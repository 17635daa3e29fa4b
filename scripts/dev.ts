// `npm run dev`: runs the whole product locally (embedded Postgres primary + replica, bridge, migrations,
// demo seed, Worker + DOs in workerd) and prints URLs and logins. `-- --fresh` starts from empty data.
// With DATABASE_URL set (e.g. Neon) that database is used instead of the embedded one. Ctrl-C stops all.
import { join } from 'node:path';
import { DEMO_NUMBER, DEMO_TOKEN_FILE, ROOT, startStack } from './lib/stack';
import { DEMO_TENANT } from './seed';

const fresh = process.argv.includes('--fresh');
const port = Number(process.env.PORT ?? 8787);

console.log(fresh ? 'Starting Fio from empty data…' : 'Starting Fio…');
const stack = await startStack({
  dataDir: process.env.FIO_DATA_DIR ?? join(ROOT, '.fio/dev'),
  fresh,
  workerPort: port,
  databaseUrl: process.env.DATABASE_URL,
  appDatabaseUrl: process.env.APP_DATABASE_URL,
  replicaUrls: process.env.DATABASE_REPLICA_URLS?.split(',').filter(Boolean),
  echoWorkerLogs: process.env.FIO_QUIET !== '1',
  simulatorPort: Number(process.env.FIO_WHATSAPP_SIM_PORT ?? 0),
  simulatorAutoStatuses: true,
  mailPort: Number(process.env.FIO_MAIL_SIM_PORT ?? 0),
  rebuildApp: true,
});

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@]+@/, '//$1:***@');
console.log(`
Fio is running.
  Agent app          ${stack.workerUrl}/   (pt-BR; sign in with a login below)
  API / WebSockets   ${stack.workerUrl}   (health: ${stack.workerUrl}/health, ready: ${stack.workerUrl}/ready)
  Postgres primary   ${redact(stack.ownerUrl)}${stack.cluster ? ' (embedded)' : ''}
  Postgres replicas  ${stack.replicaUrls.map(redact).join(', ') || 'none (reads use the primary)'}
  Demo tenant        slug "${DEMO_TENANT.slug}" (${DEMO_TENANT.name})
  Dev logins (POST ${stack.workerUrl}/api/auth/login):
${DEMO_TENANT.users.map((u) => `    ${u.role.padEnd(6)} ${u.email.padEnd(24)} ${u.password}`).join('\n')}
  Dev mailbox        ${stack.mail.url}/   (every e-mail Fio sends: password resets, invitations; click the link)
  WhatsApp simulator ${stack.whatsapp.url}   (chat as a customer of number ${DEMO_NUMBER.displayPhoneNumber} in your browser)
  WhatsApp webhook   ${stack.workerUrl}/webhooks/whatsapp   (Cloud API; verify token in .fio/dev/whatsapp-verify-token)
  WhatsApp number    phone number id ${DEMO_NUMBER.phoneNumberId}, WABA ${DEMO_NUMBER.wabaId}, access token in .fio/dev/${DEMO_TOKEN_FILE}
  Widget session     curl -X POST ${stack.workerUrl}/api/widget/sessions -H 'content-type: application/json' -d '{"tenant":"demo"}'
Ctrl-C stops everything.`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping Fio…`);
  await stack.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
