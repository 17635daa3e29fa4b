// Runs the WhatsApp simulator standalone and prints its URL:
//   npx tsx scripts/whatsapp-simulator/main.ts --port 8790 --worker http://127.0.0.1:8787 --app-secret X
// Optional: --number phoneNumberId:wabaId:token:displayPhone (repeatable), --auto-statuses.
import { parseArgs } from 'node:util';
import { startWhatsAppSimulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8790' },
    host: { type: 'string', default: '127.0.0.1' },
    worker: { type: 'string' },
    'app-secret': { type: 'string' },
    number: { type: 'string', multiple: true, default: [] },
    'auto-statuses': { type: 'boolean', default: false },
  },
});

const appSecret = values['app-secret'] ?? process.env.META_APP_SECRET;
if (!appSecret) {
  console.error('Missing --app-secret (or META_APP_SECRET).');
  process.exit(2);
}

const sim = await startWhatsAppSimulator({
  port: Number(values.port),
  host: values.host,
  appSecret,
  autoStatuses: values['auto-statuses'],
  ...(values.worker ? { workerUrl: values.worker } : {}),
});

for (const spec of values.number) {
  const [phoneNumberId, wabaId, accessToken, displayPhoneNumber] = spec.split(':');
  if (!phoneNumberId || !wabaId || !accessToken || !displayPhoneNumber) {
    console.error(`Bad --number ${spec}: expected phoneNumberId:wabaId:token:displayPhone`);
    process.exit(2);
  }
  sim.registerNumber({ phoneNumberId, wabaId, accessToken, displayPhoneNumber });
}

console.log(`WhatsApp simulator on ${sim.url} (dev page: ${sim.url}/)`);
console.log(`  webhooks to ${values.worker ?? '(not set)'}; Graph base ${sim.url}, /evolution, /uazapi`);

const shutdown = () => {
  void sim.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
