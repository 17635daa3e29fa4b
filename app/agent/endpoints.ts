// Every REST call the agent screens make, typed by the contract (answers checked with its schemas).
import { z } from 'zod';
import {
  CannedResponse,
  ChannelStateResponse,
  ContactPanelResponse,
  DirectoryResponse,
  EventHistoryResponse,
  InboxSummary,
  MeResponse,
  SearchResponse,
  type TicketActionRequest,
  TicketActionResponse,
} from '../../workers/contract';
import { requestParsed } from './api';
import { recentRequests } from './recent-requests';

const id = (s: string) => encodeURIComponent(s);

export const getMe = (token: string) => requestParsed(MeResponse, '/api/me', { token });

const recentMe = recentRequests<MeResponse>(5_000);
/**
 * The boot's /api/me when it was asked moments ago with this token (the admin page opens right after it);
 * a new one otherwise. Only for a first load: a role change or a retry calls getMe.
 */
export const getMeJoined = (token: string) => recentMe.join(token, () => getMe(token));

export const getDirectory = (token: string) => requestParsed(DirectoryResponse, '/api/directory', { token });

const CannedList = z.object({ cannedResponses: z.array(CannedResponse) });
export const getCannedResponses = async (token: string) =>
  (await requestParsed(CannedList, '/api/canned-responses', { token })).cannedResponses;

export const getContact = (token: string, contactId: string) =>
  requestParsed(ContactPanelResponse, `/api/contacts/${id(contactId)}`, { token });

export interface ContactChanges {
  name?: string | null;
  email?: string | null;
  cpfCnpj?: string | null;
}
export const updateContact = (token: string, contactId: string, changes: ContactChanges) =>
  requestParsed(ContactPanelResponse, `/api/contacts/${id(contactId)}`, {
    token,
    method: 'PATCH',
    body: JSON.stringify(changes),
  });

export const search = (token: string, q: string) =>
  requestParsed(SearchResponse, `/api/search?q=${encodeURIComponent(q)}`, { token });

export const ticketAction = (token: string, conversationId: string, action: TicketActionRequest) =>
  requestParsed(TicketActionResponse, `/api/conversations/${id(conversationId)}/ticket`, {
    token,
    method: 'POST',
    body: JSON.stringify(action),
  });

export const getSummary = (token: string, conversationId: string) =>
  requestParsed(InboxSummary, `/api/conversations/${id(conversationId)}/summary`, { token });

export const HISTORY_PAGE = 100;
export const getHistory = (token: string, conversationId: string, before: number) =>
  requestParsed(
    EventHistoryResponse,
    `/api/conversations/${id(conversationId)}/events?before=${before}&limit=${HISTORY_PAGE}`,
    { token },
  );

/** GET /api/conversations/:id/channel: whether WhatsApp would take free text now (else only templates). */
export type ChannelState = ChannelStateResponse;
export const getChannelState = (token: string, conversationId: string) =>
  requestParsed(ChannelStateResponse, `/api/conversations/${id(conversationId)}/channel`, { token });
