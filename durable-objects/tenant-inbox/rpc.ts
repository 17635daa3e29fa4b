// The tenant inbox object's parameter and result types that callers outside this folder may import (and
// nothing else from it): the summaries conversation objects and archivers publish.
import type { InboxSummary } from '../../workers/contract';

/** A conversation's summary with the revision that orders its pushes. */
export interface PublishedSummary {
  summary: InboxSummary;
  rev: number;
}
