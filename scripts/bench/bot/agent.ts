// The floor's agent: signed in like the agent app, it opens the customer's conversation on the same
// resuming socket the app uses and answers the moment the customer's next message arrives there, so the
// path timed is webhook → conversation object → agent's socket → agent's send → outbound queue → Graph API.
import { ConversationClient } from '../../../app/lib/conversation-client';
import { postJson, socketUrl } from '../http';

const AGENT = { email: 'bruno@demo.fio.local', password: 'fio-demo-agent' };
export const AGENT_REPLY = 'Olá! Aqui é o Bruno, do suporte. Já estou verificando para você.';

export interface AnsweringAgent {
  /** Opens the conversation (resolves once its socket is live); the customer's next message is answered. */
  open(conversationId: string, timeoutMs: number): Promise<OpenConversation>;
}

export interface OpenConversation {
  /** When the customer's message reached the agent's socket and the answer was sent (epoch ms), if yet. */
  answeredAt(): number | null;
  close(): void;
}

export async function answeringAgent(base: string): Promise<AnsweringAgent> {
  const { accessToken } = await postJson<{ accessToken: string }>(`${base}/api/auth/login`, AGENT, 200);
  return {
    open(conversationId, timeoutMs) {
      return new Promise((resolve, reject) => {
        let live = false;
        let answeredAt: number | null = null;
        const client: ConversationClient = new ConversationClient({
          url: socketUrl(base, conversationId, accessToken),
          onState: (s) => {
            if (s !== 'live' || live) return;
            live = true;
            clearTimeout(timer);
            resolve({ answeredAt: () => answeredAt, close: () => client.close() });
          },
          // Replayed history arrives before the socket is live; only a message after that is answered.
          onEvent: (frame) => {
            const e = frame.event;
            if (!live || answeredAt !== null) return;
            if (e.type !== 'message.created' || e.message.author.kind !== 'contact') return;
            answeredAt = performance.timeOrigin + performance.now();
            client.send(AGENT_REPLY);
          },
        });
        const timer = setTimeout(() => {
          client.close();
          reject(new Error('the agent socket was not live in time'));
        }, timeoutMs);
      });
    },
  };
}
