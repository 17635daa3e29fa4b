// IXC's listing (`ixcsoft: listar`): {qtype, query, oper, page, rp, sortname, sortorder, grid_param} over a
// table; `qtype` must name a column of it and `grid_param` must be a JSON list of {TB, OP, P}, else IXC
// answers its HTML error page. The answer's values are strings and `registros` is absent when nothing matches.
import { type Answer, ixcErrorPage, json } from './answers';
import { ixcRows } from './ixc-records';
import type { IspState } from './state';

interface Filter {
  column: string;
  oper: string;
  value: string;
}

function matches(row: Record<string, string>, f: Filter): boolean {
  const have = row[f.column] ?? '';
  const numeric =
    have !== '' && f.value !== '' && !Number.isNaN(Number(have)) && !Number.isNaN(Number(f.value));
  const cmp = numeric ? Number(have) - Number(f.value) : have.localeCompare(f.value);
  switch (f.oper) {
    case '=':
      return have === f.value;
    case '!=':
      return have !== f.value;
    case 'L':
      return have.toLowerCase().includes(f.value.toLowerCase());
    case '>':
      return cmp > 0;
    case '<':
      return cmp < 0;
    case '>=':
      return cmp >= 0;
    case '<=':
      return cmp <= 0;
    default:
      return false;
  }
}

const OPERS = new Set(['=', '!=', 'L', '>', '<', '>=', '<=']);
const str = (v: unknown, fallback = '') => (v === undefined || v === null ? fallback : String(v));

export function ixcList(state: IspState, table: string, body: unknown): Answer {
  const rows = ixcRows(state, table);
  if (!rows) return ixcErrorPage(`Tabela ${table} não encontrada`);
  if (typeof body !== 'object' || body === null) return ixcErrorPage('Parâmetros inválidos');
  const b = body as Record<string, unknown>;
  const columns = new Set(Object.keys(rows[0] ?? {}));
  const column = (qualified: string) => {
    const [tb, col] = qualified.includes('.') ? qualified.split('.', 2) : [table, qualified];
    return tb === table && col && columns.has(col) ? col : null;
  };
  const filters: Filter[] = [];
  const qtype = str(b.qtype, `${table}.id`);
  const main = column(qtype);
  const oper = str(b.oper, '=');
  if (!main || !OPERS.has(oper))
    return ixcErrorPage(`SQL Error: Unknown column '${qtype}' in 'where clause'`);
  if (str(b.query) !== '' || oper !== '=') filters.push({ column: main, oper, value: str(b.query) });
  if (b.grid_param !== undefined && b.grid_param !== '') {
    let grid: unknown;
    try {
      grid = typeof b.grid_param === 'string' ? JSON.parse(b.grid_param) : b.grid_param;
    } catch {
      return ixcErrorPage('SQL Error: grid_param inválido');
    }
    if (!Array.isArray(grid)) return ixcErrorPage('SQL Error: grid_param inválido');
    for (const g of grid as Record<string, unknown>[]) {
      const col = column(str(g?.TB));
      const op = str(g?.OP, '=');
      if (!col || !OPERS.has(op)) return ixcErrorPage(`SQL Error: Unknown column '${str(g?.TB)}'`);
      filters.push({ column: col, oper: op, value: str(g?.P) });
    }
  }
  const found = rows.filter((row) => filters.every((f) => matches(row, f)));
  const rp = Math.max(1, Math.min(1000, Number(str(b.rp, '20')) || 20));
  const page = Math.max(1, Number(str(b.page, '1')) || 1);
  const registros = found.slice((page - 1) * rp, page * rp);
  const answer: Record<string, unknown> = { page: String(page), total: String(found.length) };
  if (registros.length > 0) answer.registros = registros;
  return json(answer);
}
