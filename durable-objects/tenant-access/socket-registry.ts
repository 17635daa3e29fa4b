// Which conversation objects hold open sockets of which sessions, so ending a session (or changing a user)
// reaches exactly those objects, and suspending the tenant reaches every object holding any socket (website
// visitors register too, under visitorSession(), their id as the user). Conversation objects register on upgrade and unregister when a session's
// last socket there closes, both best effort; a stale row costs one call that finds nothing to close.
// Kept in SQLite: the sockets outlive this object's memory.
import type { SocketMatch } from './rpc';

interface Row extends Record<string, SqlStorageValue> {
  conversation_id: string;
}

export class SocketRegistry {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS sockets (
      session_id TEXT NOT NULL, user_id TEXT NOT NULL, conversation_id TEXT NOT NULL,
      PRIMARY KEY (session_id, conversation_id))`);
    sql.exec('CREATE INDEX IF NOT EXISTS sockets_user ON sockets (user_id)');
  }

  opened(sessionId: string, userId: string, conversationId: string): void {
    this.sql.exec(
      'INSERT OR IGNORE INTO sockets (session_id, user_id, conversation_id) VALUES (?, ?, ?)',
      sessionId,
      userId,
      conversationId,
    );
  }

  closed(sessionId: string, conversationId: string): void {
    this.sql.exec(
      'DELETE FROM sockets WHERE session_id = ? AND conversation_id = ?',
      sessionId,
      conversationId,
    );
  }

  /** The conversations holding matching sockets, forgotten as they are returned (the caller closes them). */
  take(match: SocketMatch): string[] {
    const [where, args] =
      'everyone' in match
        ? ['1 = 1', []]
        : 'userId' in match
          ? ['user_id = ?', [match.userId]]
          : [`session_id IN (${match.sessionIds.map(() => '?').join(',')})`, match.sessionIds];
    if (args.length === 0 && !('everyone' in match)) return [];
    const ids = this.sql
      .exec<Row>(`SELECT DISTINCT conversation_id FROM sockets WHERE ${where}`, ...args)
      .toArray()
      .map((r) => r.conversation_id);
    this.sql.exec(`DELETE FROM sockets WHERE ${where}`, ...args);
    return ids;
  }
}
