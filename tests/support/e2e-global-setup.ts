// Global setup for the end-to-end suite: each file's stack removes its own folder when it stops; this
// removes what an interrupted run left before the run, and whatever a failed start left after it (both
// unless FIO_KEEP_TEST_DATA=1, see test-data.ts).
import { sweepTestData } from './test-data';

export default function setup(): () => void {
  sweepTestData('e2e', { force: true });
  return () => sweepTestData('e2e');
}
