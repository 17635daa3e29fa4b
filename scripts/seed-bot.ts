// Seeds a tenant's bot (idempotent; runs on every `npm run dev`): the flow published as version 1, the ERP
// connection and the LLM settings pointed at the local simulators (their ports change on every start, so the
// URLs are rewritten each run; a connection an admin pointed at a real ERP or model is left alone), a few
// pt-BR knowledge-base articles (upserted by title), and the bot switched on for the given channels.
import pg from 'pg';
import { sealJson } from '../workers/services/secret-box';

export interface SeedArticle {
  title: string;
  body: string;
  tags: string[];
}

export interface BotSeed {
  /** The flow to publish (demoIspFlow(teams) for the demo tenants); validated by the Worker when it loads. */
  flow: unknown;
  erp: { kind: 'ixc' | 'sgp'; baseUrl: string; credentials: Record<string, string> };
  ai: { baseUrl: string; model: string; keys: string[]; deadlineMs?: number } | null;
  articles: SeedArticle[];
  /** Channels whose new tickets start with the bot. */
  botChannelIds: string[];
}

/** What a previous seed wrote: the simulators run on loopback, a real ERP or model never does. */
const SEEDED_URL = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//;

export async function seedBot(
  ownerUrl: string,
  tenantId: string,
  spec: BotSeed,
  secretsKey: string,
): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('begin');
    await seedFlow(client, tenantId, spec.flow);
    await seedErp(client, tenantId, spec.erp, secretsKey);
    if (spec.ai) await seedAi(client, tenantId, spec.ai, secretsKey);
    for (const a of spec.articles) {
      const updated = await client.query(
        `update knowledge_articles set body = $3, tags = $4, published = true, updated_at = now()
         where tenant_id = $1 and title = $2`,
        [tenantId, a.title, a.body, a.tags],
      );
      if (updated.rowCount === 0) {
        await client.query(
          `insert into knowledge_articles (tenant_id, title, body, tags) values ($1, $2, $3, $4)`,
          [tenantId, a.title, a.body, a.tags],
        );
      }
    }
    if (spec.botChannelIds.length > 0) {
      await client.query(
        `update channels set bot_enabled = true where tenant_id = $1 and id = any($2::uuid[])`,
        [tenantId, spec.botChannelIds],
      );
    }
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}

/**
 * Version 1 published the first time. While it is still the only version, it follows the code (the demo flow
 * changes as the product does); once an admin saved another version, theirs is what counts.
 */
async function seedFlow(client: pg.Client, tenantId: string, flow: unknown): Promise<void> {
  const versions = await client.query<{ version: number }>(
    'select version from bot_flow_versions where tenant_id = $1',
    [tenantId],
  );
  if (versions.rows.length === 0) {
    await client.query(
      `insert into bot_flow_versions (tenant_id, version, definition, state, published_at)
       values ($1, 1, $2, 'published', now())`,
      [tenantId, JSON.stringify(flow)],
    );
  } else if (versions.rows.length === 1 && versions.rows[0]?.version === 1) {
    await client.query(
      `update bot_flow_versions set definition = $2 where tenant_id = $1 and version = 1 and state = 'published'`,
      [tenantId, JSON.stringify(flow)],
    );
  }
}

async function seedErp(
  client: pg.Client,
  tenantId: string,
  erp: BotSeed['erp'],
  secretsKey: string,
): Promise<void> {
  const held = await client.query<{ base_url: string }>(
    'select base_url from erp_connections where tenant_id = $1',
    [tenantId],
  );
  const current = held.rows[0]?.base_url;
  if (current !== undefined && !SEEDED_URL.test(current)) return;
  const credentials = await sealJson(secretsKey, erp.credentials, `erp:${tenantId}`);
  await client.query(
    `insert into erp_connections (tenant_id, kind, base_url, credentials) values ($1, $2, $3, $4)
     on conflict (tenant_id) do update set kind = excluded.kind, base_url = excluded.base_url,
       credentials = excluded.credentials, updated_at = now()`,
    [tenantId, erp.kind, erp.baseUrl, credentials],
  );
}

async function seedAi(
  client: pg.Client,
  tenantId: string,
  ai: NonNullable<BotSeed['ai']>,
  secretsKey: string,
): Promise<void> {
  const held = await client.query<{ base_url: string }>(
    'select base_url from ai_settings where tenant_id = $1',
    [tenantId],
  );
  const current = held.rows[0]?.base_url;
  if (current !== undefined && !SEEDED_URL.test(current)) return;
  const keys = await sealJson(secretsKey, ai.keys, `ai:${tenantId}`);
  await client.query(
    `insert into ai_settings (tenant_id, enabled, base_url, model, keys, deadline_ms)
     values ($1, true, $2, $3, $4, $5)
     on conflict (tenant_id) do update set base_url = excluded.base_url, model = excluded.model,
       keys = excluded.keys, deadline_ms = excluded.deadline_ms, updated_at = now()`,
    [tenantId, ai.baseUrl, ai.model, keys, ai.deadlineMs ?? 8000],
  );
}

/** The knowledge base both seeded providers start with (pt-BR: what their customers ask most). */
export const DEMO_ARTICLES: SeedArticle[] = [
  {
    title: 'Horário de atendimento',
    body:
      'Nosso atendimento humano funciona de segunda a sexta, das 8h às 20h, e aos sábados, das 8h às 14h. ' +
      'O robô atende 24 horas por dia, todos os dias: 2ª via de boleto, desbloqueio de confiança e ' +
      'verificação da conexão não precisam esperar. Fora do horário, deixe sua mensagem que um atendente ' +
      'responde no próximo período de atendimento.',
    tags: ['atendimento', 'horario'],
  },
  {
    title: 'Como trocar a senha do Wi-Fi',
    body:
      'Para trocar a senha do Wi-Fi: 1) conecte-se à rede do roteador; 2) abra o navegador e acesse ' +
      '192.168.0.1 (ou o endereço da etiqueta embaixo do roteador); 3) entre com o usuário e a senha de ' +
      'administrador da etiqueta; 4) vá em "Rede sem fio" ou "Wireless" > "Segurança"; 5) digite a nova ' +
      'senha (mínimo de 8 caracteres, misture letras e números) e salve. Os aparelhos vão desconectar: ' +
      'conecte-os de novo com a senha nova. Se não conseguir entrar no roteador, peça ajuda a um atendente.',
    tags: ['wifi', 'senha', 'roteador'],
  },
  {
    title: 'Mudança de endereço',
    body:
      'Vai se mudar? Podemos levar sua internet para o novo endereço. Primeiro verificamos a viabilidade ' +
      'técnica (se há cobertura de fibra na rua). Havendo, a transferência é agendada em até 5 dias úteis; ' +
      'a taxa de mudança de endereço depende do seu plano. Tenha em mãos o endereço completo com CEP e um ' +
      'ponto de referência, e fale com o setor comercial para agendar.',
    tags: ['mudanca', 'endereco', 'comercial'],
  },
  {
    title: 'Formas de pagamento',
    body:
      'Você pode pagar sua fatura por boleto (linha digitável) em qualquer banco, lotérica ou aplicativo, ' +
      'por PIX copia e cola (compensação na hora, e a liberação do acesso é automática), ou em débito ' +
      'automático cadastrado no seu banco. Peça a 2ª via aqui mesmo no WhatsApp: enviamos a linha ' +
      'digitável, o código PIX e o PDF do boleto.',
    tags: ['pagamento', 'boleto', 'pix', 'financeiro'],
  },
  {
    title: 'Luz LOS vermelha na ONU',
    body:
      'A luz LOS (ou "PON" apagada) vermelha acesa ou piscando na ONU (o aparelho da fibra) indica que o ' +
      'sinal da fibra não está chegando. Verifique: 1) se o cabo de fibra (fino, geralmente verde ou azul ' +
      'na ponta) está bem encaixado e sem dobras; 2) desligue a ONU da tomada por 30 segundos e ligue de ' +
      'novo. Se a luz LOS continuar vermelha, o problema é na rede externa: abrimos um chamado técnico ' +
      'para a sua região. Não abra nem puxe o cabo de fibra.',
    tags: ['los', 'onu', 'fibra', 'suporte'],
  },
];
