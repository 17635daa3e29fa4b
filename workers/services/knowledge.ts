// Knowledge-base retrieval for the bot's LLM (stand-in until the knowledge base service lands; same name):
// the tenant's best passages for a customer's message.
import type { KnowledgePassage } from '../ai/brain';
import type { Database } from './db';

export async function searchKnowledge(
  _db: Database,
  _tenantId: string,
  _query: string,
  _limit: number,
): Promise<KnowledgePassage[]> {
  return [];
}
