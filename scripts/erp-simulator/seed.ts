// The simulated ISP's data: one customer per state the bot must handle, the same set behind both protocols
// (IXC and SGP render it each in their own shapes). Every ISP path (`/ixc/<isp>`, `/sgp/<isp>`) gets its own
// copy, rebuilt by /_control/reset. Dates are relative to the moment of the (re)seed, so "overdue" stays
// overdue whatever day the simulator runs. The table of customers is in the README ("ERP tools").
//
// | name                  | document           | phone           | contract(s) | state                              |
// | Ana Souza             | 529.982.247-25     | (11) 98888-0001 | 1001        | active, online                     |
// | Bruno Lima            | 111.444.777-35     | (11) 98888-0002 | 1002        | reduced speed (debt), online       |
// | Carla Mendes          | 390.533.447-05     | (11) 98888-0003 | 1003        | suspended for debt, unlock once    |
// | Daniel Rocha          | 123.456.789-09     | (11) 98888-0004 | 1004        | already trust-unlocked (refused)   |
// | Eduarda Alves         | 987.654.321-00     | (11) 98888-0005 | 1005        | offline (LOS, technical problem)   |
// | Felipe Costa          | 456.123.789-55     | (11) 98888-0006 | 1006        | offline inside a maintenance area  |
// | Gabriela Nunes        | 175.181.720-20     | (11) 98888-0007 | 1007        | cancelled                          |
// | Mercado Bom Preço     | 11.222.333/0001-81 | (11) 98888-0008 | 1008, 1009  | company, two active contracts      |
import { withCheckDigits } from './documents';
import { digitableLine, pixCode } from './payment-codes';

export type SimStatus = 'active' | 'reduced' | 'suspended' | 'cancelled';

export interface SimContract {
  id: string;
  customerId: string;
  plan: string;
  status: SimStatus;
  online: boolean;
  login: string;
  /** The PPPoE password: both ERPs hand it out; the adapters must drop it. */
  pppoePassword: string;
  neighbourhood: string;
  city: string;
  /** IXC's internal city code. */
  cityCode: string;
  pop: string;
  lastSessionStart: string;
  lastSessionStop: string | null;
  disconnectReason: string;
  /** A trust unlock ("promessa") was used this period: another is refused. */
  unlockUsed: boolean;
  unlockedUntil: string | null;
  /** SGP quirk: verificaacesso answers this contract wrapped in a list. */
  sgpListWrapped: boolean;
}

export interface SimCustomer {
  id: string;
  name: string;
  /** Digits only. */
  document: string;
  /** IXC quirk: this installation stored the document without punctuation. */
  ixcDocumentDigitsOnly: boolean;
  /** As the ERP stores it: "(11) 98888-0001". */
  phone: string;
  email: string;
  /** The customer portal ("central do assinante") password: a secret the adapters must drop. */
  portalPassword: string;
  address: string;
}

export interface SimInvoice {
  id: string;
  customerId: string;
  contractId: string;
  dueDate: string;
  amount: number;
  /** IXC letters: A open, R received, C cancelled. */
  status: 'A' | 'R' | 'C';
  digitableLine: string;
  pixCode: string;
}

export interface SimMaintenance {
  id: string;
  title: string;
  description: string;
  neighbourhood: string;
  city: string;
  pop: string;
  startsAt: string;
  endsAt: string;
}

export interface SeedData {
  customers: SimCustomer[];
  contracts: SimContract[];
  invoices: SimInvoice[];
  maintenance: SimMaintenance[];
}

/** The credentials every simulated ISP accepts (dev and tests configure these). */
export const SIM_CREDENTIALS = {
  ixc: { user: '1', token: 'ixc-sim-token-0123456789' },
  sgp: { token: 'sgp-sim-token-0123456789', app: 'fio' },
} as const;

/** Every secret seeded contains this marker, so tests can prove none leaks into a result. */
export const SECRET_MARKER = 'S3cr3t';

interface Row {
  n: number;
  name: string;
  base: string;
  status: SimStatus;
  online: boolean;
  neighbourhood: string;
  invoices: { dueInDays: number; amount: number; status?: 'A' | 'R' | 'C' }[];
  extra?: Partial<SimContract>;
  digitsOnly?: boolean;
  contracts?: number;
}

const ROWS: Row[] = [
  {
    n: 1,
    name: 'Ana Souza',
    base: '529982247',
    status: 'active',
    online: true,
    neighbourhood: 'Centro',
    invoices: [
      { dueInDays: 10, amount: 99.9 },
      { dueInDays: -20, amount: 99.9, status: 'R' },
    ],
  },
  {
    n: 2,
    name: 'Bruno Lima',
    base: '111444777',
    status: 'reduced',
    online: true,
    neighbourhood: 'Mooca',
    invoices: [{ dueInDays: -12, amount: 119.9 }],
  },
  {
    n: 3,
    name: 'Carla Mendes',
    base: '390533447',
    status: 'suspended',
    online: false,
    neighbourhood: 'Pinheiros',
    invoices: [
      { dueInDays: -40, amount: 89.9 },
      { dueInDays: -10, amount: 89.9 },
    ],
    extra: { disconnectReason: 'Bloqueio financeiro' },
  },
  {
    n: 4,
    name: 'Daniel Rocha',
    base: '123456789',
    status: 'active',
    online: true,
    neighbourhood: 'Lapa',
    invoices: [{ dueInDays: -15, amount: 79.9 }],
    extra: { unlockUsed: true },
  },
  {
    n: 5,
    name: 'Eduarda Alves',
    base: '987654321',
    status: 'active',
    online: false,
    neighbourhood: 'Tatuapé',
    invoices: [{ dueInDays: 5, amount: 109.9 }],
    digitsOnly: true,
    extra: { disconnectReason: 'Lost-Carrier', sgpListWrapped: true },
  },
  {
    n: 6,
    name: 'Felipe Costa',
    base: '456123789',
    status: 'active',
    online: false,
    neighbourhood: 'Vila Mariana',
    invoices: [{ dueInDays: 8, amount: 99.9 }],
    extra: { disconnectReason: 'NAS-Request' },
  },
  {
    n: 7,
    name: 'Gabriela Nunes',
    base: '175181720',
    status: 'cancelled',
    online: false,
    neighbourhood: 'Santana',
    invoices: [{ dueInDays: -60, amount: 99.9, status: 'C' }],
    extra: { disconnectReason: 'Admin-Reset' },
  },
  {
    n: 8,
    name: 'Mercado Bom Preço LTDA',
    base: '112223330001',
    status: 'active',
    online: true,
    neighbourhood: 'Centro',
    contracts: 2,
    invoices: [
      { dueInDays: 3, amount: 249.9 },
      { dueInDays: 3, amount: 149.9 },
    ],
    extra: { sgpListWrapped: true },
  },
];

const day = (now: Date, offset: number) =>
  new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
const at = (now: Date, hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();
const pad = (n: number) => String(n).padStart(4, '0');

/** A fresh copy of the seed as of `now`. */
export function seedData(now: Date, isp: string): SeedData {
  const data: SeedData = { customers: [], contracts: [], invoices: [], maintenance: [] };
  for (const row of ROWS) {
    const customerId = String(100 + row.n);
    data.customers.push({
      id: customerId,
      name: row.name,
      document: withCheckDigits(row.base),
      ixcDocumentDigitsOnly: row.digitsOnly ?? false,
      phone: `(11) 98888-${pad(row.n)}`,
      email: `cliente${row.n}@exemplo.com.br`,
      portalPassword: `portal-${SECRET_MARKER}-${customerId}`,
      address: `Rua Simulada, ${row.n * 10}`,
    });
    const contractIds = row.contracts === 2 ? [1000 + row.n, 1001 + row.n] : [1000 + row.n];
    contractIds.forEach((numeric, i) => {
      const id = String(numeric);
      const login = `${row.name.split(' ')[0]?.toLowerCase()}${i ? i + 1 : ''}@${isp}`;
      data.contracts.push({
        id,
        customerId,
        plan: i === 0 ? 'FIBRA 500 MEGA' : 'FIBRA 300 MEGA',
        status: row.status,
        online: row.online,
        login,
        pppoePassword: `pppoe-${SECRET_MARKER}-${id}`,
        neighbourhood: row.neighbourhood,
        city: 'São Paulo',
        cityCode: '3550',
        pop: `POP ${row.neighbourhood}`,
        lastSessionStart: at(now, -30),
        lastSessionStop: row.online ? null : at(now, -2),
        disconnectReason: '',
        unlockUsed: false,
        unlockedUntil: row.extra?.unlockUsed ? day(now, 1) : null,
        sgpListWrapped: false,
        ...row.extra,
      });
      const inv = row.contracts === 2 ? [row.invoices[i]] : row.invoices;
      inv.forEach((spec, j) => {
        if (!spec) return;
        const invoiceId = String(numeric * 10 + j + 1);
        data.invoices.push({
          id: invoiceId,
          customerId,
          contractId: id,
          dueDate: day(now, spec.dueInDays),
          amount: spec.amount,
          status: spec.status ?? 'A',
          digitableLine: digitableLine(invoiceId, spec.amount),
          pixCode: pixCode(invoiceId, spec.amount, isp),
        });
      });
    });
  }
  data.maintenance.push(
    {
      id: '1',
      title: 'Manutenção programada na rede de fibra',
      description: 'Troca de equipamentos no POP Vila Mariana; conexões podem cair até o fim da janela.',
      neighbourhood: 'Vila Mariana',
      city: 'São Paulo',
      pop: 'POP Vila Mariana',
      startsAt: at(now, -1),
      endsAt: at(now, 3),
    },
    {
      id: '2',
      title: 'Manutenção encerrada',
      description: 'Janela já encerrada (não deve aparecer para o cliente).',
      neighbourhood: 'Centro',
      city: 'São Paulo',
      pop: 'POP Centro',
      startsAt: at(now, -48),
      endsAt: at(now, -44),
    },
  );
  return data;
}
