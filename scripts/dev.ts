// `npm run dev`: runs the whole product locally (embedded Postgres primary + replica, bridge, migrations,
// demo seed, the HTTP Worker and the objects' script in two workerd processes, the WhatsApp, e-mail, ERP and
// LLM simulators, the bot on for both seeded providers) and prints URLs, logins and the simulated ERP
// customers to try. `-- --fresh` starts from empty data.
// With DATABASE_URL set (e.g. Neon) that database is used instead of the embedded one. Ctrl-C stops all.
import { join } from 'node:path';
import { ixcBaseUrl, SIM_MODEL, sgpBaseUrl, simCustomerLines } from './lib/bot-stack';
import { startDevCron } from './lib/dev-cron';
import { DEMO_NUMBER, DEMO_TOKEN_FILE, FIBRA_NUMBER, ROOT, startStack } from './lib/stack';
import { DEMO_ROUTING, DEMO_TENANT, FIBRA_TENANT, seedRouting } from './seed';
import { seedOutreach } from './seed-outreach';
import { seedReportHistory } from './seed-report-history';
import { DEMO_SERVICE, seedService } from './seed-service';
import { seedWidget } from './seed-widget';
import { rotateIdentitySecret } from './widget-host/seed';

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
  webhookReceiverPort: Number(process.env.FIO_WEBHOOK_RECEIVER_PORT ?? 0),
  erpPort: Number(process.env.FIO_ERP_SIM_PORT ?? 0),
  llmPort: Number(process.env.FIO_LLM_SIM_PORT ?? 0),
  bot: true,
  rebuildApp: true,
  widgetHostPort: Number(process.env.FIO_WIDGET_HOST_PORT ?? 0),
  widgetStrangerPort: Number(process.env.FIO_WIDGET_STRANGER_PORT ?? 0),
});
// Opening hours, CSAT/auto-close and SLA policies for the demo provider (the test stacks run without them).
await seedService(stack.ownerUrl, stack.demo.tenantId, DEMO_SERVICE);

// The demo's teams route automatically (until someone changes them on the Distribuição screen).
await seedRouting(stack.ownerUrl, DEMO_TENANT.slug, DEMO_ROUTING);

// The demo widget's branding and pre-chat form (its allowed sites come from the stack).
await seedWidget(stack.ownerUrl, stack.demo.widgetChannelId);

// Demo customers with tags and places, and a draft campaign (Campanhas) to preview and start.
await seedOutreach(stack.ownerUrl, stack.demo.tenantId, stack.demo.whatsappChannelId);

// 90 days of support history for the demo's Relatórios, once (the minute cron below rolls it up).
await seedReportHistory(stack.ownerUrl, stack.demo.tenantId);

// The demo site's /portal signs identity tokens as an ISP's server would: a fresh secret every start.
stack.widgetHost.setIdentitySecret(
  await rotateIdentitySecret(stack.ownerUrl, stack.widgetHost.channelId, stack.secrets.channelSecretsKey),
);

// The minute cron (webhook sweep, report rollups, alerts): wrangler dev does not fire it by itself.
startDevCron(stack.workerUrl);

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@]+@/, '//$1:***@');
console.log(`
Fio is running.
  Agent app          ${stack.workerUrl}/   (pt-BR; sign in with a login below)
  API / WebSockets   ${stack.workerUrl}   (health: ${stack.workerUrl}/health, ready: ${stack.workerUrl}/ready)
  Workers            ${stack.worker.topology === 'split' ? 'fio (HTTP) + fio-objects (Durable Objects): two workerd processes' : 'one workerd process (FIO_TOPOLOGY=single)'}
  Metrics            curl -H "Authorization: Bearer $(cat .fio/dev/operator-token)" ${stack.workerUrl}/metrics   (Prometheus text; operator token in .fio/dev/operator-token)
  Postgres primary   ${redact(stack.ownerUrl)}${stack.cluster ? ' (embedded)' : ''}
  Postgres replicas  ${stack.replicaUrls.map(redact).join(', ') || 'none (reads use the primary)'}
  Demo tenant        slug "${DEMO_TENANT.slug}" (${DEMO_TENANT.name}), ERP: IXC simulator
  Reports (demo)     90 days of history up to yesterday (admin → Relatórios; today is yours to make)
  Routing (demo)     ${DEMO_ROUTING.map((r) => `${r.team}: ${r.mode}, capacity ${r.defaultCapacity}`).join('; ')} (admin → Distribuição)
  Second tenant      slug "${FIBRA_TENANT.slug}" (${FIBRA_TENANT.name}), ERP: SGP simulator
  Dev logins (POST ${stack.workerUrl}/api/auth/login):
${[...DEMO_TENANT.users, ...FIBRA_TENANT.users].map((u) => `    ${u.role.padEnd(6)} ${u.email.padEnd(24)} ${u.password}`).join('\n')}
  Webhook receiver   ${stack.webhookReceiver.url}/   (admin → Webhooks: point an endpoint at ${stack.webhookReceiver.url}/hooks/demo; arrivals listed here; operator alerts at /hooks/operator)
  Dev mailbox        ${stack.mail.url}/   (every e-mail Fio sends: password resets, invitations; click the link)
  WhatsApp simulator ${stack.whatsapp.url}   (chat with the bot as a customer in your browser: number ${DEMO_NUMBER.displayPhoneNumber} is ${DEMO_TENANT.name}, ${FIBRA_NUMBER.displayPhoneNumber} is ${FIBRA_TENANT.name})
  ERP simulator      ${stack.erp.url}   (IXC ${ixcBaseUrl(stack.erp.url)}/webservice/v1, SGP ${sgpBaseUrl(stack.erp.url)}/api/ura)
  LLM simulator      ${stack.llm.baseUrl}   (OpenAI-compatible, model ${SIM_MODEL}; both tenants' AI mode uses it)
  Customers to try   (both ERPs; write from another phone and give the CPF/CNPJ, or from the customer's own
                     WhatsApp number to be recognised; try "2 via", "desbloqueio", "sem internet", "falar com atendente")
${simCustomerLines()
  .map((line) => `    ${line}`)
  .join('\n')}
  WhatsApp webhook   ${stack.workerUrl}/webhooks/whatsapp   (Cloud API; verify token in .fio/dev/whatsapp-verify-token)
  WhatsApp number    phone number id ${DEMO_NUMBER.phoneNumberId}, WABA ${DEMO_NUMBER.wabaId}, access token in .fio/dev/${DEMO_TOKEN_FILE}
  Demo ISP site      ${stack.widgetHost.url}/   (the website widget on a fake ISP page: aggressive CSS, strict CSP; /portal: a logged-in customer, identified)
  Site not allowed   ${stack.widgetHost.strangerUrl}/   (the same page on an origin not on the widget channel's list: no launcher)
  Tenants (operator) npm run tenant -- list   (create, suspend, reactivate, delete; --help; token in .fio/dev/operator-token)
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
