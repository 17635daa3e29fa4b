// Template rendering lives in the contract (workers/contract/templates.ts) so the agent's form and the
// server check parameters with one rule; re-exported here for the channel code that renders sends.
export { type RenderedTemplate, renderTemplate } from '../contract/templates';
