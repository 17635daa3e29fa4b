// The campaign object's parameter and result types that callers outside this folder may import.
import type { ErrorCode } from '../../workers/contract';

export interface CampaignControl {
  tenantId: string;
  campaignId: string;
  action: 'start' | 'pause' | 'resume' | 'cancel';
  /** Who asked (user id), or null for the object itself / an API key. */
  by: string | null;
}

export type CampaignControlResult =
  | { ok: true; status: string }
  | { ok: false; code: ErrorCode; message: string };

/** What only the object knows about a running campaign (readCampaign adds it to the view). */
export interface CampaignProgress {
  /** ISO time when the next recipients may go (tier, quiet hours, schedule), null when not waiting. */
  nextWindowAt: string | null;
}
