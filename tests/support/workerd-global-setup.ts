// Global setup for the workerd suite: real Postgres (primary + replica) and the WebSocket bridge on the
// ports the config chose, so the Worker under test reaches them exactly as in dev; and the egress tests'
// provider and canary listeners.
import { startWsBridge } from '../../scripts/lib/ws-bridge';
import { startProviderListeners } from './provider-listeners';
import { startTestDatabase } from './test-database';

export default async function setup(): Promise<() => Promise<void>> {
  const primary = Number(process.env.FIO_TEST_PG_PRIMARY_PORT);
  const replica = Number(process.env.FIO_TEST_PG_REPLICA_PORT);
  const bridgePort = Number(process.env.FIO_TEST_BRIDGE_PORT);
  const db = await startTestDatabase('test-workerd', { primary, replica });
  const bridge = await startWsBridge({ port: bridgePort, host: '127.0.0.1' });
  const listeners = await startProviderListeners(
    Number(process.env.FIO_TEST_PROVIDER_PORT),
    Number(process.env.FIO_TEST_CANARY_PORT),
  );
  return async () => {
    await listeners.close();
    await bridge.close();
    await db.cluster.stop();
  };
}
