// Campaigns over Postgres: create (the template checked against the synced, approved one; the schedule in the
// future), read with recipient counts, and start (the audience becomes recipients, then the campaign's object
// takes over). Foundation: the signatures are fixed for callers (outages, the public API); part B1 of
// issue 15 builds the bodies.
import type { CampaignKind, CampaignView, CreateCampaignRequest } from '../contract';
import type { Env } from '../env';
import { AppError } from '../errors';
import type { Databases } from './db';

/** What creating a campaign needs beyond the request: who, and (for outage notices) the outage. */
export interface CampaignOrigin {
  /** The user who created it, or null for an API key / the system. */
  by: string | null;
  kind?: CampaignKind;
  outageId?: string | null;
  /** Recipients given directly (an outage's affected contacts), instead of or beside the filter. */
  contactIds?: readonly string[];
}

/** Creates a draft campaign; 400 (AppError 'validation_failed') with details when the template does not fit. */
export async function createCampaign(
  _env: Env,
  _dbs: Databases,
  _tenantId: string,
  _request: CreateCampaignRequest,
  _origin: CampaignOrigin,
): Promise<CampaignView> {
  throw new AppError('unavailable', 'campaigns are not built yet');
}

/** The campaign with its counts, or null when it is not this tenant's. */
export async function readCampaign(
  _env: Env,
  _dbs: Databases,
  _tenantId: string,
  _campaignId: string,
): Promise<CampaignView | null> {
  return null;
}

/** Materialises the audience into recipients and starts (or schedules) sending. */
export async function startCampaign(
  _env: Env,
  _dbs: Databases,
  _tenantId: string,
  _campaignId: string,
  _by: string | null,
): Promise<CampaignView> {
  throw new AppError('unavailable', 'campaigns are not built yet');
}
