// What every step's field editor receives: the step, the flow's step ids (for "go to" selects), the tenant's
// teams, the server's message for a field, and a way to change the step.
import type { FlowStepType, TeamRef } from '../../../../workers/contract';
import type { StepOf } from './flow-model';

export interface StepFieldsProps<T extends FlowStepType> {
  step: StepOf<T>;
  ids: readonly string[];
  teams: readonly TeamRef[];
  /** The server's issue for a field of this step (`next`, `options.1.next`, `on.ok` …), if any. */
  issue: (field: string) => string | undefined;
  patch: (changes: Partial<StepOf<T>>) => void;
}

/** The team select's options: the tenant's teams, plus a missing id shown as such. */
export function teamOptions(
  teams: readonly TeamRef[],
  value: string | null | undefined,
  empty: { value: string; label: string }[],
): { value: string; label: string }[] {
  const known = teams.map((t) => ({ value: t.id, label: t.name }));
  const missing = value && !teams.some((t) => t.id === value) ? [{ value, label: `${value} (?)` }] : [];
  return [...empty, ...missing, ...known];
}
