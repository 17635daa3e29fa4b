// REST calls of the routing screen (GET /api/routing, PATCH /api/teams/:id/routing, PUT
// /api/users/:id/capacity) through the client's one fetch wrapper; shapes from the contract.

import type { z } from 'zod';
import {
  RoutingConfig,
  type UpdateAgentCapacityRequest,
  type UpdateTeamRoutingRequest,
} from '../../../../workers/contract';
import { request, requestParsed } from '../../api';

export const getRouting = (token: string) => requestParsed(RoutingConfig, '/api/routing', { token });

export const updateTeamRouting = (token: string, teamId: string, body: UpdateTeamRoutingRequest) =>
  request<unknown>(`/api/teams/${teamId}/routing`, { method: 'PATCH', token, body: JSON.stringify(body) });

export const setAgentCapacity = (
  token: string,
  userId: string,
  body: z.input<typeof UpdateAgentCapacityRequest>,
) => request<unknown>(`/api/users/${userId}/capacity`, { method: 'PUT', token, body: JSON.stringify(body) });
