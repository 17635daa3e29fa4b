// Load-driver child process of the socket bench (see ipc-driver.ts).
import { serveDriverRequests } from './ipc-driver';
import { runLoad } from './load';

serveDriverRequests(runLoad);
