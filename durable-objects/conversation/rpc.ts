// The conversation object's parameter and result types that callers outside this folder may import (and
// nothing else from it): the webhook ingest's channel binding, the REST routes' post and ticket-action names,
// routing's assignment and requeue results.
export type { ChannelBinding } from './channel-store';
export type { AgentPost, PostResult } from './conversation-post';
export type { RoutingChangeResult } from './routing-changes';
export type { ActionNames } from './ticket-rules';
