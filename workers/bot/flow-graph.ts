// The flow as a graph, for the checker: which steps each step leads to, which it reaches without waiting for
// the customer, the steps nothing reaches and the loops that would never stop.
import type { BotFlow, FlowIssue, FlowStep } from '../contract';
import { clipText } from '../contract/text';

/** Every step id a step points at, with its path inside the step and a readable name for it. */
export function stepReferences(step: FlowStep): { path: string; what: string; target: string }[] {
  const refs: { path: string; what: string; target: string }[] = [];
  const add = (path: string, what: string, target: string | undefined) => {
    if (target !== undefined) refs.push({ path, what, target });
  };
  switch (step.type) {
    case 'message':
    case 'send_invoices':
    case 'set':
      add('next', 'next', step.next);
      break;
    case 'menu':
      step.options.forEach((o, i) => {
        add(`options[${i}].next`, `option ${i + 1}`, o.next);
      });
      add('onFail', 'onFail', step.onFail);
      break;
    case 'ask':
      add('next', 'next', step.next);
      add('noNext', 'noNext', step.noNext);
      add('onFail', 'onFail', step.onFail);
      break;
    case 'tool':
      for (const [outcome, target] of Object.entries(step.on))
        add(`on.${outcome}`, `outcome '${outcome}'`, target);
      break;
    case 'ai':
      add('fallback', 'fallback', step.fallback);
      break;
    case 'handoff':
    case 'end':
      break;
  }
  return refs;
}

/**
 * Edges the bot follows without waiting for the customer: a loop made only of these never stops. An ask for
 * the contract does not wait when the customer has one contract, and an ai step goes straight to its
 * fallback when the tenant's AI is off, so both count as not waiting.
 */
function chainEdges(step: FlowStep): string[] {
  switch (step.type) {
    case 'message':
    case 'send_invoices':
    case 'set':
      return [step.next];
    case 'tool':
      return Object.values(step.on);
    case 'ask':
      return step.input === 'contract' ? [step.next, step.onFail] : [];
    case 'ai':
      return [step.fallback];
    default:
      return [];
  }
}

export function unreachable(flow: BotFlow, exists: (id: string) => boolean): FlowIssue[] {
  const byId = new Map(flow.steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const todo = [flow.start, flow.handoffStep, flow.fallbackStep].filter(exists);
  for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const s = byId.get(id);
    if (s)
      for (const r of stepReferences(s)) if (exists(r.target) && !seen.has(r.target)) todo.push(r.target);
  }
  return flow.steps.flatMap((s, i) =>
    seen.has(s.id)
      ? []
      : [
          {
            stepId: s.id,
            path: `steps[${i}]`,
            message: `step '${s.id}' cannot be reached: nothing leads to it from the start, the hand-off or the fallback step`,
            code: 'unreachable' as const,
            params: { step: s.id },
          },
        ],
  );
}

/** Cycles made only of steps that do not wait for the customer (Tarjan's strongly connected components). */
export function loops(flow: BotFlow, index: Map<string, number>): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let counter = 0;
  const edges = (id: string) => {
    const i = index.get(id);
    const s = i === undefined ? undefined : flow.steps[i];
    return s ? chainEdges(s).filter((t) => index.has(t)) : [];
  };
  // Iterative Tarjan: a flow of 200 steps in one chain must not overflow the stack.
  for (const root of flow.steps.map((s) => s.id)) {
    if (order.has(root)) continue;
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    order.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1] as { id: string; next: number };
      const out = edges(top.id);
      if (top.next < out.length) {
        const t = out[top.next++] as string;
        if (!order.has(t)) {
          order.set(t, counter);
          low.set(t, counter++);
          stack.push(t);
          onStack.add(t);
          work.push({ id: t, next: 0 });
        } else if (onStack.has(t)) {
          low.set(top.id, Math.min(low.get(top.id) as number, order.get(t) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(top.id) as number));
      if (low.get(top.id) !== order.get(top.id)) continue;
      const component: string[] = [];
      for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
        onStack.delete(id);
        component.push(id);
        if (id === top.id) break;
      }
      const selfLoop = component.length === 1 && edges(top.id).includes(top.id);
      if (component.length > 1 || selfLoop) {
        const ids = component.sort((a, b) => (index.get(a) as number) - (index.get(b) as number));
        const first = ids[0] as string;
        issues.push({
          stepId: first,
          path: `steps[${index.get(first)}]`,
          message: `steps ${ids.map((x) => `'${x}'`).join(' → ')} form a loop that never waits for the customer (an infinite loop): put a menu or a question in it`,
          code: 'loop',
          params: { steps: clipText(ids.map((x) => `'${x}'`).join(' → '), 500) },
        });
      }
    }
  }
  return issues;
}
