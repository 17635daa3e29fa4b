// The contract: the one source of truth for ids, events, frames, errors and REST shapes. Imports only zod.

export * from './admin';
export * from './api';
export * from './api-keys';
export * from './audit';
export * from './bot-admin';
export * from './bot-flow';
export * from './bot-settings';
export * from './bot-tools';
export * from './business-time';
export * from './channels';
export * from './documents';
export * from './errors';
export * from './events';
export * from './files';
export * from './frames';
export * from './ids';
export * from './inbox';
export * from './passwords';
export * from './phone-format';
export * from './privacy';
export * from './routing';
export * from './sendable-files';
export * from './templates';
export * from './text';
export * from './tickets';
export * from './two-factor';
