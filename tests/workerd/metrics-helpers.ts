// A small Prometheus text-format (0.0.4) parser that fails loudly on anything malformed, and a scrape of
// GET /metrics with the operator's token that answers "what is this series' value".
import { TEST_OPERATOR_TOKEN } from '../support/fixtures';
import { call } from './helpers';

export interface PromSample {
  labels: Record<string, string>;
  value: number;
}
export interface PromFamily {
  type: string;
  help: string;
  samples: PromSample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/y;

/** Parses the exposition text; throws on a line that is not HELP, TYPE, blank or a well-formed sample. */
export function parsePrometheus(text: string): Map<string, PromFamily> {
  const families = new Map<string, PromFamily>();
  const familyOf = (name: string) => {
    let f = families.get(name);
    if (!f) {
      f = { type: 'untyped', help: '', samples: [] };
      families.set(name, f);
    }
    return f;
  };
  if (!text.endsWith('\n')) throw new Error('exposition must end with a newline');
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const help = line.match(/^# HELP (\S+) (.*)$/);
    const type = line.match(/^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/);
    if (help?.[1] && NAME.test(help[1])) {
      familyOf(help[1]).help = help[2] ?? '';
      continue;
    }
    if (type?.[1] && NAME.test(type[1])) {
      const f = familyOf(type[1]);
      if (f.samples.length > 0) throw new Error(`TYPE after samples: ${line}`);
      f.type = type[2] as string;
      continue;
    }
    const m = line.match(SAMPLE);
    if (!m) throw new Error(`not a Prometheus line: ${line}`);
    const labels: Record<string, string> = {};
    const body = m[3] ?? '';
    LABEL.lastIndex = 0;
    while (LABEL.lastIndex < body.length) {
      const l = LABEL.exec(body);
      if (!l) throw new Error(`bad labels: ${line}`);
      labels[l[1] as string] = (l[2] as string).replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
    }
    familyOf(m[1] as string).samples.push({ labels, value: Number(m[4]) });
  }
  return families;
}

export interface Scrape {
  families: Map<string, PromFamily>;
  /** The value of the one series with these labels (at least these), or undefined. */
  value(name: string, labels: Record<string, string>): number | undefined;
}

export async function scrape(): Promise<Scrape> {
  const res = await call('/metrics', { headers: { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` } });
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  const families = parsePrometheus(await res.text());
  return {
    families,
    value(name, labels) {
      return families
        .get(name)
        ?.samples.find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
    },
  };
}
