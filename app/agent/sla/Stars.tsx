// A rating as stars (★★★★☆) with its words for screen readers ("4 de 5 estrelas").
import { sw } from './sla-words';

export function Stars(props: { score: number }) {
  const on = () => '★'.repeat(props.score);
  const off = () => '★'.repeat(Math.max(0, 5 - props.score));
  return (
    <span class="stars" role="img" aria-label={sw().metrics.stars(props.score)}>
      <span aria-hidden="true">{on()}</span>
      <span class="off" aria-hidden="true">
        {off()}
      </span>
    </span>
  );
}
