// REST calls of the flow editor (versions, check, save, publish, preview), through the client's one fetch wrapper.
import type {
  BotFlow,
  FlowIssue,
  FlowVersionList,
  FlowVersionSummary,
  FlowVersionView,
  PreviewInput,
  PreviewResponse,
  PreviewState,
} from '../../../../workers/contract';
import { sendJson as send } from '../../api';

export const listFlowVersions = (token: string) =>
  send<FlowVersionList>(token, 'GET', '/api/admin/bot/flows');
export const getFlowVersion = (token: string, version: number) =>
  send<FlowVersionView>(token, 'GET', `/api/admin/bot/flows/${version}`);
export const checkFlow = (token: string, flow: BotFlow) =>
  send<{ issues: FlowIssue[] }>(token, 'POST', '/api/admin/bot/flows/validate', { flow });
export const saveFlow = (token: string, flow: BotFlow) =>
  send<FlowVersionSummary>(token, 'POST', '/api/admin/bot/flows', { flow });
export const publishFlow = (token: string, version: number) =>
  send<FlowVersionSummary>(token, 'POST', `/api/admin/bot/flows/${version}/publish`);
export const previewFlow = (
  token: string,
  body: { flow: BotFlow; state: PreviewState | null; input: PreviewInput },
) => send<PreviewResponse>(token, 'POST', '/api/admin/bot/preview', body);
