// Dev-only: the demo provider's customers as campaigns see them: ~40 contacts with phones, names, tags
// (cliente, fibra, inadimplente, empresarial) and places of a plausible ISP in the interior of São Paulo
// (cities, neighbourhoods, POPs, a plan and a due day), plus one draft campaign (a utility notice with the
// simulator's approved fatura_disponivel template) ready to preview and start. Idempotent: contacts are
// inserted once per phone and the draft once per name, so an admin's edits survive the next `npm run dev`.
import pg from 'pg';

const PLACES = [
  { city: 'Campinas', neighbourhood: 'Barão Geraldo', pop: 'POP-CPS-01' },
  { city: 'Campinas', neighbourhood: 'Cambuí', pop: 'POP-CPS-02' },
  { city: 'Valinhos', neighbourhood: 'Centro', pop: 'POP-VLH-01' },
  { city: 'Vinhedo', neighbourhood: 'Jardim Três Irmãos', pop: 'POP-VNH-01' },
  { city: 'Sumaré', neighbourhood: 'Nova Veneza', pop: 'POP-SUM-01' },
];
const FIRST = ['Ana', 'Bruno', 'Carla', 'Diego', 'Eduarda', 'Fábio', 'Gabriela', 'Heitor', 'Isabela', 'João'];
const LAST = ['Souza', 'Oliveira', 'Santos', 'Pereira'];
const PLANS = ['300 Mega', '500 Mega', '1 Giga'];

export interface DemoContact {
  name: string;
  phone: string;
  tags: string[];
  attributes: Record<string, unknown>;
}

/** 40 customers, the same every run. */
export function demoContacts(): DemoContact[] {
  return Array.from({ length: 40 }, (_, i) => {
    const place = PLACES[i % PLACES.length] as (typeof PLACES)[number];
    const tags = [
      'cliente',
      ...(i % 3 !== 2 ? ['fibra'] : ['radio']),
      ...(i % 7 === 3 ? ['inadimplente'] : []),
    ];
    if (i % 10 === 9) tags.push('empresarial');
    return {
      name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`,
      phone: `551999${String(7000000 + i * 37).padStart(7, '0')}`,
      tags,
      attributes: {
        ...place,
        contracts: [String(4100 + i)],
        custom: { plano: PLANS[i % PLANS.length], vencimento: String([5, 10, 15, 20][i % 4]) },
      },
    };
  });
}

export async function seedOutreach(
  ownerUrl: string,
  tenantId: string,
  whatsappChannelId: string,
): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    for (const c of demoContacts()) {
      await client.query(
        `insert into contacts (tenant_id, name, phone, tags, attributes) values ($1, $2, $3, $4, $5)
         on conflict (tenant_id, phone) do nothing`,
        [tenantId, c.name, c.phone, c.tags, JSON.stringify(c.attributes)],
      );
    }
    const name = 'Aviso de fatura — clientes de fibra';
    await client.query(
      `insert into campaigns (tenant_id, name, kind, channel_id, templates, split_percent, audience, quiet_hours)
       select $1, $2, 'utility', $3, $4, 100, $5, $6
        where not exists (select 1 from campaigns where tenant_id = $1 and name = $2)`,
      [
        tenantId,
        name,
        whatsappChannelId,
        JSON.stringify([
          {
            name: 'fatura_disponivel',
            language: 'pt_BR',
            variables: [
              { from: 'name', fallback: 'cliente' },
              { from: 'text', value: 'julho' },
            ],
          },
        ]),
        JSON.stringify({ filter: { tagsAny: ['fibra'] }, csv: false }),
        JSON.stringify({ start: '21:00', end: '08:00' }),
      ],
    );
  } finally {
    await client.end();
  }
}
