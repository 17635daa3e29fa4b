// Agents' presence in the tenant inbox: the status an agent chose (online/away, set by them or by their client
// after idle time) while at least one of their dashboards is connected, offline when none is. The choice is
// kept in SQLite so it survives hibernation; "connected" is read from the object's live sockets.
import type { AgentPresence } from '../../workers/contract';

interface PresenceRow extends Record<string, SqlStorageValue> {
  user_id: string;
  name: string;
  status: 'online' | 'away' | 'offline';
  since: string;
}

export class InboxPresence {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS presence (
      user_id TEXT PRIMARY KEY, name TEXT NOT NULL, status TEXT NOT NULL, since TEXT NOT NULL)`);
  }

  /** Sets an agent's status; returns the new presence, or null when nothing changed. */
  set(userId: string, name: string, status: AgentPresence['status'], now = new Date()): AgentPresence | null {
    const prior = this.get(userId);
    if (prior && prior.status === status && prior.name === name) return null;
    const since = now.toISOString();
    this.sql.exec(
      `INSERT INTO presence (user_id, name, status, since) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, status = excluded.status, since = excluded.since`,
      userId,
      name,
      status,
      since,
    );
    return { userId, name, status, since };
  }

  get(userId: string): AgentPresence | null {
    const r = this.sql.exec<PresenceRow>('SELECT * FROM presence WHERE user_id = ?', userId).toArray()[0];
    return r ? { userId: r.user_id, name: r.name, status: r.status, since: r.since } : null;
  }

  all(): AgentPresence[] {
    return this.sql
      .exec<PresenceRow>('SELECT * FROM presence ORDER BY name')
      .toArray()
      .map((r) => ({ userId: r.user_id, name: r.name, status: r.status, since: r.since }));
  }
}
