// The LLM's factory (stand-in until the model client lands; same name): never available.
import type { AiConfig, Brain } from './brain';

export function createBrain(_config: AiConfig): Brain {
  return {
    reply: async () => ({ kind: 'unavailable', reason: 'error' }),
    classify: async () => null,
    summarise: async () => null,
  };
}
