// Which conversation an object is. Its name is `tenantId:conversationId`; the first caller's claim is checked
// against the object id and (unless the caller just created the row) against Postgres, scoped to the tenant,
// so an unknown or foreign id never gets storage. Once known, the identity lives in the object's storage.
import { isCanonicalUuid } from '../../workers/contract';
import type { Env } from '../../workers/env';
import { type ConversationRef, conversationObjectName } from '../../workers/services/conversation-names';
import { conversationExists } from '../../workers/services/conversations';
import { openDatabases } from '../../workers/services/db';
import type { ConversationStore } from './conversation-store';

export class ConversationIdentity {
  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
    private readonly store: ConversationStore,
  ) {}

  /** True when this object is conversation `ref`, checking Postgres the first time. */
  async ensure(ref: ConversationRef): Promise<boolean> {
    const known = this.store.identity();
    if (known) return same(known, ref);
    if (!this.isNamed(ref)) return false;
    const dbs = openDatabases(this.env);
    try {
      if (!(await conversationExists(dbs.primary, ref.tenantId, ref.conversationId))) return false;
    } finally {
      this.ctx.waitUntil(dbs.close());
    }
    this.store.setIdentity(ref);
    return true;
  }

  /**
   * For callers that just read or created the row in Postgres (webhook routing, our own queue): the claim is
   * trusted once the name matches, saving a round trip on the webhook's hot path.
   */
  adopt(ref: ConversationRef): boolean {
    if (!this.isNamed(ref)) return false;
    const known = this.store.identity();
    if (!known) this.store.setIdentity(ref);
    return !known || same(known, ref);
  }

  /** Another spelling of the ids is not this object (and could not name one): refused before naming. */
  private isNamed(ref: ConversationRef): boolean {
    if (!isCanonicalUuid(ref.tenantId) || !isCanonicalUuid(ref.conversationId)) return false;
    const expected = this.env.CONVERSATIONS.idFromName(
      conversationObjectName(ref.tenantId, ref.conversationId),
    );
    return expected.equals(this.ctx.id);
  }
}

function same(a: ConversationRef, b: ConversationRef): boolean {
  return a.tenantId === b.tenantId && a.conversationId === b.conversationId;
}
