// Every minute: evaluate the alert rules for every tenant, then attempt the operator's due deliveries (new
// transitions and retries). A failed evaluation (Postgres down) still lets the deliveries of earlier
// transitions run; each half is logged on its own, and the next minute tries both again.
import { evaluateAlerts } from '../alerts/evaluate';
import { deliverOperatorAlerts } from '../alerts/operator-delivery';
import type { Env } from '../env';
import type { Database } from '../services/db';
import { errorFields, log } from '../services/log';

export async function runAlerts(env: Env, primary: Database, now = new Date()): Promise<void> {
  try {
    await evaluateAlerts(env, primary, now);
  } catch (err) {
    log('error', 'alert evaluation failed', errorFields(err));
  }
  try {
    await deliverOperatorAlerts(env, primary, now);
  } catch (err) {
    log('error', 'operator alert deliveries failed', errorFields(err));
  }
}
