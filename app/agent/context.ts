// What every screen of the signed-in app shares: the session and who is signed in, the live inbox, the
// open conversations, the directory and canned responses, and ticket actions (one place handles answers
// and conflicts).
import { type Accessor, createContext, type Resource, useContext } from 'solid-js';
import type {
  CannedResponse,
  DirectoryResponse,
  MeResponse,
  TicketActionRequest,
} from '../../workers/contract';
import type { Session } from './api';
import type { ConversationCache } from './state/conversation-cache';
import type { InboxState } from './state/inbox-state';

export interface AppContextValue {
  session: Accessor<Session>;
  me: Accessor<MeResponse>;
  inbox: InboxState;
  conversations: ConversationCache;
  directory: Resource<DirectoryResponse | undefined>;
  canned: Resource<CannedResponse[] | undefined>;
  presence: { status: Accessor<'online' | 'away'>; choose: (status: 'online' | 'away') => void };
  /** Opens a conversation (null: none); the list, the URL and the panes follow. */
  open: (conversationId: string | null) => void;
  /** Applies a ticket action; resolves to an error message to show, or null when it worked. */
  act: (conversationId: string, action: TicketActionRequest) => Promise<string | null>;
  /** Ids of the list on screen, in order (keyboard next/previous). */
  visibleIds: Accessor<string[]>;
}

export const AppContext = createContext<AppContextValue>();

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside the signed-in app');
  return value;
}
