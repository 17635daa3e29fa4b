// Runs the e-mail API simulator standalone and prints its URLs:
//   npx tsx scripts/mail-simulator/main.ts --port 8791 --key dev-mail-key
import { parseArgs } from 'node:util';
import { startMailSimulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8791' },
    host: { type: 'string', default: '127.0.0.1' },
    key: { type: 'string', default: 'dev-mail-key' },
  },
});

const sim = await startMailSimulator({ port: Number(values.port), host: values.host, apiKey: values.key });
console.log(`E-mail API simulator: ${sim.apiUrl} (bearer ${values.key}); dev mailbox: ${sim.url}/`);
process.on('SIGINT', () => void sim.stop().then(() => process.exit(0)));
