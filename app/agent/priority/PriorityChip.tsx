// A ticket's priority as a small chip: its name, with a colour per level (text always says the level).
import { priorityClass, priorityName, priorityTitle } from './priority';
import './priority.css';

export function PriorityChip(props: { priority: number }) {
  return (
    <span class={`priority-chip ${priorityClass(props.priority)}`} title={priorityTitle(props.priority)}>
      {priorityName(props.priority)}
    </span>
  );
}
