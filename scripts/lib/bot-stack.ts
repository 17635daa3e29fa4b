// The bot's part of the local stack: the ERP simulator (IXC and SGP in one process) and the OpenAI-compatible
// LLM simulator on free ports, and the two seeded providers pointed at them: the demo tenant on IXC (ISP
// `demo`), Fibra Sul on SGP (ISP `sgpdemo`), both with the demo flow published, the LLM on, the knowledge
// base and (when asked) the bot on their WhatsApp numbers.
import { demoIspFlow } from '../../workers/bot/demo-flow';
import { formatDocument } from '../erp-simulator/documents';
import { SIM_CREDENTIALS, seedData } from '../erp-simulator/seed';
import { startErpSimulator } from '../erp-simulator/server';
import { startLlmSimulator } from '../llm-simulator/server';
import type { SeededTenant } from '../seed';
import { DEMO_ARTICLES, seedBot } from '../seed-bot';

export interface BotSimulators {
  erp: Awaited<ReturnType<typeof startErpSimulator>>;
  llm: Awaited<ReturnType<typeof startLlmSimulator>>;
}

/** The simulated ISPs (the `<isp>` path segment of the ERP simulator) each seeded tenant talks to. */
export const ERP_ISP = { demo: 'demo', fibra: 'sgpdemo' } as const;

/** The model name the seeded tenants use with the LLM simulator, and their two keys (a pool of two; the
 *  simulator knows any `sk-sim-…` key). */
export const SIM_MODEL = 'fio-sim-1';
export const SIM_KEYS = ['sk-sim-fio-key-a', 'sk-sim-fio-key-b'];

/**
 * A tenant's ERP base URL on the simulator, as an admin enters a real one (the ISP's host: the adapters add
 * IXC's `/webservice/v1/<table>` and SGP's `/api/ura/<route>/`), one simulated ISP per path segment.
 */
export function ixcBaseUrl(erpUrl: string, isp: string = ERP_ISP.demo): string {
  return `${erpUrl}/ixc/${isp}`;
}
export function sgpBaseUrl(erpUrl: string, isp: string = ERP_ISP.fibra): string {
  return `${erpUrl}/sgp/${isp}`;
}

export async function startBotSimulators(ports: { erp?: number; llm?: number }): Promise<BotSimulators> {
  const erp = await startErpSimulator({ port: ports.erp ?? 0 });
  try {
    const llm = await startLlmSimulator({ port: ports.llm ?? 0 });
    return { erp, llm };
  } catch (err) {
    await erp.close();
    throw err;
  }
}

/** The seeded flow's teams by name (the tenants' seeds create them). */
function flowTeams(tenant: SeededTenant) {
  const id = (name: string) => {
    const team = tenant.teams.find((t) => t.name === name);
    if (!team) throw new Error(`seed: tenant ${tenant.tenantId} has no team ${name}`);
    return team.id;
  };
  return { financeiro: id('Financeiro'), suporte: id('Suporte técnico'), comercial: id('Comercial') };
}

export interface BotTenants {
  demo: SeededTenant & { whatsappChannelId: string };
  fibra: SeededTenant & { whatsappChannelId: string };
}

/** Points both seeded providers at the simulators (idempotent); `botOn` switches the bot on for their numbers. */
export async function seedBots(
  ownerUrl: string,
  secretsKey: string,
  sims: BotSimulators,
  tenants: BotTenants,
  botOn: boolean,
): Promise<void> {
  const ai = { baseUrl: sims.llm.baseUrl, model: SIM_MODEL, keys: SIM_KEYS };
  await seedBot(
    ownerUrl,
    tenants.demo.tenantId,
    {
      flow: demoIspFlow(flowTeams(tenants.demo)),
      erp: { kind: 'ixc', baseUrl: ixcBaseUrl(sims.erp.url), credentials: { ...SIM_CREDENTIALS.ixc } },
      ai,
      articles: DEMO_ARTICLES,
      botChannelIds: botOn ? [tenants.demo.whatsappChannelId] : [],
    },
    secretsKey,
  );
  await seedBot(
    ownerUrl,
    tenants.fibra.tenantId,
    {
      flow: demoIspFlow(flowTeams(tenants.fibra)),
      erp: { kind: 'sgp', baseUrl: sgpBaseUrl(sims.erp.url), credentials: { ...SIM_CREDENTIALS.sgp } },
      ai,
      articles: DEMO_ARTICLES,
      botChannelIds: botOn ? [tenants.fibra.whatsappChannelId] : [],
    },
    secretsKey,
  );
}

/** The simulated ERP customers to try (the same set behind both ERPs), one line each for `npm run dev`. */
export function simCustomerLines(): string[] {
  const data = seedData(new Date(), ERP_ISP.demo);
  return data.customers.map((c) => {
    const contracts = data.contracts.filter((k) => k.customerId === c.id);
    const first = contracts[0];
    const inMaintenance = contracts.some((k) =>
      data.maintenance.some((m) => m.neighbourhood === k.neighbourhood && Date.parse(m.endsAt) > Date.now()),
    );
    const state = [
      first?.status ?? 'no contract',
      first ? (first.online ? 'online' : 'offline') : null,
      contracts.some((k) => k.unlockUsed) ? 'trust unlock already used' : null,
      inMaintenance ? 'maintenance area' : null,
      contracts.length > 1 ? `${contracts.length} contracts` : null,
    ]
      .filter(Boolean)
      .join(', ');
    const phone = `55${c.phone.replace(/\D/g, '')}`;
    return `${formatDocument(c.document).padEnd(19)} ${c.name.padEnd(23)} WhatsApp ${phone}  ${state}`;
  });
}
