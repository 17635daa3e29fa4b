// Runs the OpenAI-compatible simulator standalone and prints its base URL:
//   npx tsx scripts/llm-simulator/main.ts --port 8793
// Any `sk-sim-…` key is accepted; see server.ts for the control API (faults, scripted answers, requests).
import { parseArgs } from 'node:util';
import { startLlmSimulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8793' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

const sim = await startLlmSimulator({ port: Number(values.port), host: values.host });
console.log(
  `LLM simulator (OpenAI-compatible): ${sim.baseUrl} (keys: sk-sim-…); control: ${sim.url}/_control/…`,
);
process.on('SIGINT', () => void sim.close().then(() => process.exit(0)));
