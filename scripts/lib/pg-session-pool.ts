// Session pooling inside the local WebSocket bridge (ws-bridge.ts, `pool: true`): the local stand-in for the
// pooler production puts in front of Postgres (Neon's `-pooler` endpoint, Hyperdrive). Without it every
// connection the app opens is a new Postgres backend, about 20 ms of CPU on this 2-core machine (measured:
// README, "the many-tenant collapse, found"), where behind a pooler a new client connection costs no backend.
// A client's session gets a server session of its own for as long as it stays (session mode, like PgBouncer's):
// once it leaves with nothing in flight and outside a transaction, the server session is reset (DISCARD ALL)
// and the next client with the same startup parameters and password takes it over, answered from the
// greeting Postgres gave the first one. Anything unusual (TLS or cancel requests, an authentication other
// than a cleartext password, a client leaving mid-statement or inside a transaction) is passed through or
// discarded, never reused.
import net from 'node:net';

const PROTOCOL_3 = 196_608;
/** Idle server sessions kept per startup key, and how long one may stay idle before it is closed. */
const MAX_IDLE_PER_KEY = 128;
const IDLE_MS = 30_000;

export interface PooledClient {
  /** Bytes towards the client (one or more whole protocol messages, or raw bytes when passing through). */
  send(bytes: Buffer): void;
  close(code: number): void;
}

interface ServerSession {
  tcp: net.Socket;
  key: string;
  password: Buffer;
  /** ParameterStatus and BackendKeyData as Postgres sent them after AuthenticationOk. */
  greeting: Buffer;
  idleTimer: ReturnType<typeof setTimeout> | null;
}

const message = (type: string, body: Buffer): Buffer => {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
};
const int32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const AUTH_CLEARTEXT = message('R', int32(3));
const AUTH_OK = message('R', int32(0));
const READY_IDLE = message('Z', Buffer.from('I', 'latin1'));
const DISCARD_ALL = message('Q', Buffer.from('DISCARD ALL\0', 'latin1'));
const BAD_PASSWORD = message(
  'E',
  Buffer.from('SFATAL\0C28P01\0Mpassword authentication failed (pooled session)\0\0', 'latin1'),
);

/** Splits a byte stream into protocol messages (type byte + int32 length); the startup packet has no type. */
class Framer {
  private buf = Buffer.alloc(0);
  push(bytes: Buffer): void {
    this.buf = this.buf.length === 0 ? bytes : Buffer.concat([this.buf, bytes]);
  }
  startup(): Buffer | null {
    if (this.buf.length < 4) return null;
    const len = this.buf.readInt32BE(0);
    if (this.buf.length < len) return null;
    const packet = this.buf.subarray(0, len);
    this.buf = this.buf.subarray(len);
    return packet;
  }
  next(): { type: string; body: Buffer; raw: Buffer } | null {
    if (this.buf.length < 5) return null;
    const len = this.buf.readInt32BE(1);
    if (this.buf.length < len + 1) return null;
    const raw = this.buf.subarray(0, len + 1);
    this.buf = this.buf.subarray(len + 1);
    return { type: String.fromCharCode(raw[0] ?? 0), body: raw.subarray(5), raw };
  }
  rest(): Buffer {
    const rest = this.buf;
    this.buf = Buffer.alloc(0);
    return rest;
  }
}

export class PgSessionPool {
  private readonly idle = new Map<string, ServerSession[]>();
  private readonly all = new Set<net.Socket>();

  constructor(private readonly target: { host: string; port: number }) {}

  /** A new client: returns the function its bytes go to, and the one to call when it leaves. */
  attach(client: PooledClient): { data(bytes: Buffer): void; closed(): void } {
    const fromClient = new Framer();
    let state:
      | { phase: 'startup' }
      | { phase: 'password'; session: ServerSession }
      | { phase: 'fresh'; tcp: net.Socket; password: Buffer | null }
      | { phase: 'raw'; tcp: net.Socket }
      | { phase: 'live'; session: ServerSession | null; tcp: net.Socket }
      | { phase: 'gone' } = { phase: 'startup' };
    let pending = 0;
    let status = 'I';

    const live = (tcp: net.Socket, session: ServerSession | null) => {
      state = { phase: 'live', session, tcp };
      const fromServer = new Framer();
      tcp.removeAllListeners('data');
      tcp.removeAllListeners('close');
      tcp.on('close', () => {
        this.all.delete(tcp);
        if (state.phase === 'live' && state.tcp === tcp) {
          state = { phase: 'gone' };
          client.close(1011);
        }
      });
      tcp.on('data', (chunk: Buffer) => {
        fromServer.push(chunk);
        for (let m = fromServer.next(); m; m = fromServer.next()) {
          if (m.type === 'Z') {
            pending = Math.max(0, pending - 1);
            status = m.body.toString('latin1', 0, 1);
          }
          client.send(m.raw);
        }
      });
      forwardClient();
    };

    const forwardClient = () => {
      if (state.phase !== 'live') return;
      for (let m = fromClient.next(); m; m = fromClient.next()) {
        if (m.type === 'X') {
          // Terminate: the client is done. Its server session stays with the pool; its socket closes.
          leave();
          client.close(1000);
          return;
        }
        if (m.type === 'Q' || m.type === 'S') pending++;
        state.tcp.write(m.raw);
      }
    };

    const leave = () => {
      const was = state;
      state = { phase: 'gone' };
      if (was.phase === 'live') {
        if (was.session && pending === 0 && status === 'I') this.reset(was.session);
        else this.drop(was.tcp);
      } else if (was.phase === 'password')
        this.park(was.session); // unused: back as it was
      else if (was.phase === 'fresh' || was.phase === 'raw') this.drop(was.tcp);
    };

    const openServer = (first: Buffer): net.Socket => {
      const tcp = net.connect(this.target);
      tcp.setNoDelay(true);
      this.all.add(tcp);
      tcp.on('error', () => {});
      tcp.on('close', () => {
        this.all.delete(tcp);
        if ((state.phase === 'fresh' || state.phase === 'raw') && state.tcp === tcp) {
          state = { phase: 'gone' };
          client.close(1011);
        }
      });
      tcp.write(first);
      return tcp;
    };

    const startup = (packet: Buffer) => {
      const code = packet.readInt32BE(4);
      if (code !== PROTOCOL_3) {
        // TLS, GSS or a cancel request: passed through untouched, never pooled.
        const tcp = openServer(Buffer.concat([packet, fromClient.rest()]));
        state = { phase: 'raw', tcp };
        tcp.on('data', (chunk: Buffer) => client.send(chunk));
        return;
      }
      const key = packet.subarray(8).toString('latin1');
      const session = this.take(key);
      if (session) {
        state = { phase: 'password', session };
        client.send(AUTH_CLEARTEXT);
        return;
      }
      const tcp = openServer(packet);
      state = { phase: 'fresh', tcp, password: null };
      const fromServer = new Framer();
      let greeting: Buffer[] = [];
      let authenticated = false;
      let poolable = true;
      tcp.on('data', (chunk: Buffer) => {
        fromServer.push(chunk);
        for (let m = fromServer.next(); m; m = fromServer.next()) {
          client.send(m.raw);
          if (state.phase !== 'fresh') continue;
          if (m.type === 'R') {
            const kind = m.body.readInt32BE(0);
            if (kind === 0) authenticated = true;
            else if (kind !== 3) poolable = false; // SCRAM or MD5: the exchange cannot be replayed
          } else if (authenticated && (m.type === 'S' || m.type === 'K')) greeting.push(m.raw);
          else if (m.type === 'E') poolable = false;
          else if (m.type === 'Z') {
            const s = state;
            const pooled =
              poolable && s.password
                ? { tcp, key, password: s.password, greeting: Buffer.concat(greeting), idleTimer: null }
                : null;
            greeting = [];
            const rest = fromServer.rest();
            live(tcp, pooled);
            if (rest.length > 0) tcp.emit('data', rest);
            return;
          }
        }
      });
      forwardFresh();
    };

    const forwardFresh = () => {
      if (state.phase !== 'fresh') return;
      for (let m = fromClient.next(); m; m = fromClient.next()) {
        if (m.type === 'p') state.password = Buffer.from(m.body);
        state.tcp.write(m.raw);
      }
    };

    const password = (session: ServerSession) => {
      const m = fromClient.next();
      if (!m) return;
      if (m.type !== 'p' || !m.body.equals(session.password)) {
        client.send(BAD_PASSWORD);
        state = { phase: 'gone' };
        this.park(session); // unused: back as it was
        client.close(1008);
        return;
      }
      client.send(Buffer.concat([AUTH_OK, session.greeting, READY_IDLE]));
      live(session.tcp, session);
    };

    return {
      data: (bytes: Buffer) => {
        if (state.phase === 'raw') {
          state.tcp.write(bytes);
          return;
        }
        fromClient.push(bytes);
        if (state.phase === 'startup') {
          const packet = fromClient.startup();
          if (packet) startup(packet);
        }
        if (state.phase === 'password') password(state.session);
        if (state.phase === 'fresh') forwardFresh();
        if (state.phase === 'live') forwardClient();
      },
      closed: leave,
    };
  }

  close(): void {
    for (const list of this.idle.values()) for (const s of list) if (s.idleTimer) clearTimeout(s.idleTimer);
    this.idle.clear();
    for (const tcp of this.all) tcp.destroy();
  }

  private take(key: string): ServerSession | null {
    const list = this.idle.get(key);
    const session = list?.pop() ?? null;
    if (session?.idleTimer) clearTimeout(session.idleTimer);
    if (session) session.idleTimer = null;
    return session;
  }

  /** The client left cleanly: DISCARD ALL, and back to the idle list once Postgres is ready again. */
  private reset(session: ServerSession): void {
    const fromServer = new Framer();
    session.tcp.removeAllListeners('data');
    session.tcp.on('data', (chunk: Buffer) => {
      fromServer.push(chunk);
      for (let m = fromServer.next(); m; m = fromServer.next()) {
        if (m.type === 'E') {
          this.drop(session.tcp);
          return;
        }
        if (m.type === 'Z') {
          session.tcp.removeAllListeners('data');
          if (m.body.toString('latin1', 0, 1) === 'I') this.park(session);
          else this.drop(session.tcp);
          return;
        }
      }
    });
    session.tcp.write(DISCARD_ALL);
  }

  private park(session: ServerSession): void {
    if (session.tcp.destroyed) return;
    const list = this.idle.get(session.key) ?? [];
    if (list.length >= MAX_IDLE_PER_KEY) {
      this.drop(session.tcp);
      return;
    }
    list.push(session);
    this.idle.set(session.key, list);
    session.tcp.removeAllListeners('close');
    session.tcp.on('close', () => {
      this.all.delete(session.tcp);
      this.forget(session);
    });
    session.idleTimer = setTimeout(() => {
      this.forget(session);
      this.drop(session.tcp);
    }, IDLE_MS);
    session.idleTimer.unref();
  }

  private forget(session: ServerSession): void {
    const list = this.idle.get(session.key);
    const at = list?.indexOf(session) ?? -1;
    if (list && at >= 0) list.splice(at, 1);
    if (session.idleTimer) clearTimeout(session.idleTimer);
    session.idleTimer = null;
  }

  /** Ends a server session that may not be reused (Terminate, so Postgres ends its backend at once). */
  private drop(tcp: net.Socket): void {
    if (tcp.destroyed) return;
    tcp.removeAllListeners('data');
    tcp.end(message('X', Buffer.alloc(0)));
    setTimeout(() => tcp.destroy(), 5_000).unref();
  }
}
