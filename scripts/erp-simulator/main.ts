// Runs the ERP simulator standalone and prints where each protocol answers:
//   npx tsx scripts/erp-simulator/main.ts --port 8793      (or FIO_ERP_SIM_PORT=8793)
import { parseArgs } from 'node:util';
import { SIM_CREDENTIALS, startErpSimulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.FIO_ERP_SIM_PORT ?? '8793' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

const sim = await startErpSimulator({ port: Number(values.port), host: values.host });
console.log(`ERP simulator on ${sim.url}
  IXC: ${sim.url}/ixc/demo   user ${SIM_CREDENTIALS.ixc.user}, token ${SIM_CREDENTIALS.ixc.token}
  SGP: ${sim.url}/sgp/sgpdemo   token ${SIM_CREDENTIALS.sgp.token}, app ${SIM_CREDENTIALS.sgp.app}
  control: ${sim.url}/_control/customers, /_control/requests, /_control/faults, /_control/reset`);
const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
