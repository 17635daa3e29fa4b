// Load-driver child process of the webhook bench (see ../ipc-driver.ts).
import { serveDriverRequests } from '../ipc-driver';
import { runWebhooks } from './load';

serveDriverRequests(runWebhooks);
