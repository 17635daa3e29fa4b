// Placeholder: the per-number limiter Durable Object (being written).
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../workers/env';

export class NumberLimiterDO extends DurableObject<Env> {}
