// Global setup for the workerd suite: real Postgres (primary + replica) and the WebSocket bridge on the
// ports the config chose, so the Worker under test reaches them exactly as in dev; and the egress tests'
// provider and canary listeners, the e-mail API simulator, the LLM simulator and the ERP simulator (IXC and SGP). The data folder goes when the run ends, failed or not
// (FIO_KEEP_TEST_DATA=1 keeps it), and leftovers of an interrupted run when the next one starts.
import { startErpSimulator } from '../../scripts/erp-simulator/server';
import { startWsBridge } from '../../scripts/lib/ws-bridge';
import { startLlmSimulator } from '../../scripts/llm-simulator/server';
import { startMailSimulator } from '../../scripts/mail-simulator/server';
import { startWebhookReceiver } from '../../scripts/webhook-receiver/server';
import { TEST_MAIL_API_KEY } from './fixtures';
import { startProviderListeners } from './provider-listeners';
import { sweepTestData, testDataDir } from './test-data';
import { startTestDatabase } from './test-database';

export default async function setup(): Promise<() => Promise<void>> {
  const primary = Number(process.env.FIO_TEST_PG_PRIMARY_PORT);
  const replica = Number(process.env.FIO_TEST_PG_REPLICA_PORT);
  const bridgePort = Number(process.env.FIO_TEST_BRIDGE_PORT);
  sweepTestData('workerd', { force: true });
  const db = await startTestDatabase(testDataDir('workerd'), { primary, replica }).catch((err: unknown) => {
    sweepTestData('workerd');
    throw err;
  });
  const bridge = await startWsBridge({ port: bridgePort, host: '127.0.0.1' }).catch(async (err: unknown) => {
    await db.cluster.stop();
    sweepTestData('workerd');
    throw err;
  });
  const listeners = await startProviderListeners(
    Number(process.env.FIO_TEST_PROVIDER_PORT),
    Number(process.env.FIO_TEST_CANARY_PORT),
  );
  const mail = await startMailSimulator({
    port: Number(process.env.FIO_TEST_MAIL_PORT),
    apiKey: TEST_MAIL_API_KEY,
  });
  const llm = await startLlmSimulator({ port: Number(process.env.FIO_TEST_LLM_PORT) });
  const erp = await startErpSimulator({ port: Number(process.env.FIO_TEST_ERP_PORT) });
  const webhookReceiver = await startWebhookReceiver({ port: Number(process.env.FIO_TEST_WEBHOOK_PORT) });
  return async () => {
    await webhookReceiver.stop();
    await erp.close();
    await llm.close();
    await mail.stop();
    await listeners.close();
    await bridge.close();
    await db.cluster.stop();
    sweepTestData('workerd');
  };
}
