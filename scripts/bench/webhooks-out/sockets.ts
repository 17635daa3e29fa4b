// The floor: the same customer messages reaching an agent's conversation socket (the product's own live
// fan-out, as the agent app receives it), timed from the same webhook post as the outgoing delivery is.
import { performance } from 'node:perf_hooks';
import { ConversationClient } from '../../../app/lib/conversation-client';
import { socketUrl } from '../http';

const MARK = /«(w\d+)»/;

export class SocketWatch {
  /** First frame per marker (epoch ms). */
  readonly byKey = new Map<string, number>();
  private clients: ConversationClient[] = [];

  /** Opens one socket per conversation; resolves once every one is live. */
  async open(
    base: string,
    token: string,
    conversationIds: readonly string[],
    timeoutMs: number,
  ): Promise<void> {
    await Promise.all(
      conversationIds.map(
        (id) =>
          new Promise<void>((resolve, reject) => {
            let live = false;
            const timer = setTimeout(() => reject(new Error(`socket for ${id} not live in time`)), timeoutMs);
            const client = new ConversationClient({
              url: socketUrl(base, id, token),
              onState: (s) => {
                if (s !== 'live' || live) return;
                live = true;
                clearTimeout(timer);
                resolve();
              },
              onEvent: (frame) => {
                const e = frame.event;
                if (e.type !== 'message.created') return;
                const key = MARK.exec(e.message.text)?.[1];
                if (key && !this.byKey.has(key))
                  this.byKey.set(key, performance.timeOrigin + performance.now());
              },
            });
            this.clients.push(client);
          }),
      ),
    );
  }

  async stop(): Promise<void> {
    for (const c of this.clients) c.close();
    this.clients = [];
  }
}
