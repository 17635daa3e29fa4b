// A WhatsApp number's messaging tier as the channel view carries it (b1 adds `messagingTier`; a view
// without it is on the database default, TIER_250), and which channels can send campaigns.
import type { ChannelView } from '../../../../workers/contract';
import { MessagingTier, TIER_LIMITS } from '../../../../workers/contract/campaigns';

export function tierOf(c: ChannelView): MessagingTier {
  const parsed = MessagingTier.safeParse((c as ChannelView & { messagingTier?: unknown }).messagingTier);
  return parsed.success ? parsed.data : 'TIER_250';
}

export const tierLimit = (c: ChannelView): number | null => TIER_LIMITS[tierOf(c)];

/** Numbers that can send templates (the website widget cannot). */
export const isWhatsApp = (c: ChannelView) => c.kind !== 'widget';
