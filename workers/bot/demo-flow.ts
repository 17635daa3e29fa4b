// The demo tenant's complete pt-BR ISP flow (the seed publishes it; admins start from it): the protocol in
// the greeting, identification by phone then CPF/CNPJ, and the main menu — 2ª via, desbloqueio de
// confiança, sem conexão (maintenance first, then the connection, a checklist, a ticket in the ERP and the
// technical team), falar com atendente by sector, other questions for the AI. It passes checkFlow (tested).
import type { BotFlow, FlowStep } from '../contract';
import { billingSteps, connectionSteps, type DemoTeams, ERP_DOWN } from './demo-flow-branches';

export type { DemoTeams };

export function demoIspFlow(teams: DemoTeams): BotFlow {
  const steps: FlowStep[] = [
    // — Identify: the channel's phone first, else the CPF/CNPJ (check digits validated).
    {
      id: 'identificar_telefone',
      title: 'Identificar pelo telefone',
      type: 'tool',
      tool: 'find_customer',
      on: { ok: 'cliente_encontrado', not_found: 'pedir_documento', erp_unavailable: ERP_DOWN },
    },
    {
      id: 'pedir_documento',
      title: 'Pedir CPF/CNPJ',
      type: 'ask',
      input: 'cpf_cnpj',
      text: 'Para localizar seu cadastro, digite o CPF ou o CNPJ do titular do contrato (só os números).',
      invalidText: 'Esse CPF/CNPJ não é válido. 🤔 Confira os números e digite de novo, por favor.',
      saveAs: 'documento',
      maxAttempts: 3,
      onFail: 'atendimento_setor',
      next: 'identificar_documento',
    },
    {
      id: 'identificar_documento',
      title: 'Identificar pelo documento',
      type: 'tool',
      tool: 'find_customer',
      on: { ok: 'cliente_encontrado', not_found: 'nao_encontrado', erp_unavailable: ERP_DOWN },
    },
    {
      id: 'nao_encontrado',
      title: 'Cadastro não encontrado',
      type: 'menu',
      text: 'Não encontrei nenhum cadastro com esse CPF/CNPJ. Como prefere seguir?',
      options: [
        {
          label: 'Digitar outro CPF/CNPJ',
          synonyms: ['outro', 'digitar de novo', 'tentar de novo', 'cpf', 'cnpj'],
          next: 'pedir_documento',
        },
        {
          label: 'Quero contratar',
          synonyms: ['contratar', 'assinar', 'planos', 'ser cliente', 'instalar'],
          next: 'handoff_comercial',
        },
        { label: 'Falar com atendente', synonyms: ['atendente', 'humano'], next: 'atendimento_setor' },
      ],
      invalidText: 'Não entendi. Responda com o número de uma das opções, por favor.',
      maxAttempts: 2,
      onFail: 'handoff_geral',
    },
    {
      id: 'cliente_encontrado',
      title: 'Cliente identificado',
      type: 'message',
      text: 'Olá, {{customer.first_name}}! Encontrei seu cadastro (documento {{customer.document}}). 😊',
      next: 'escolher_contrato',
    },
    {
      id: 'escolher_contrato',
      title: 'Escolher o contrato',
      type: 'ask',
      input: 'contract',
      text: 'Você tem mais de um contrato. Sobre qual deles quer falar?',
      invalidText: 'Não entendi qual contrato. Responda com o número da lista, por favor.',
      saveAs: 'contrato',
      maxAttempts: 3,
      onFail: 'handoff_geral',
      next: 'menu_principal',
    },
    // — The main menu.
    {
      id: 'menu_principal',
      title: 'Menu principal',
      type: 'menu',
      text: 'Como posso ajudar? Responda com o número ou escreva o que precisa:',
      options: [
        {
          label: '2ª via do boleto',
          synonyms: [
            'segunda via',
            '2 via',
            '2a via',
            '2da via',
            'boleto',
            'fatura',
            'conta',
            'pagar',
            'pagamento',
            'codigo de barras',
            'linha digitavel',
            'pix',
          ],
          next: 'buscar_faturas',
        },
        {
          label: 'Desbloqueio de confiança',
          synonyms: [
            'desbloqueio',
            'desbloquear',
            'liberar',
            'liberacao',
            'religar',
            'promessa de pagamento',
            'bloqueado',
            'bloqueada',
            'cortaram',
            'cortada',
          ],
          next: 'desbloqueio',
        },
        {
          label: 'Sem conexão / internet lenta',
          synonyms: [
            'sem internet',
            'sem conexao',
            'internet',
            'conexao',
            'caiu',
            'lenta',
            'lento',
            'nao funciona',
            'sem sinal',
            'wifi',
            'oscilando',
            'travando',
            'parou',
          ],
          next: 'verificar_manutencao',
        },
        {
          label: 'Falar com atendente',
          synonyms: ['atendente', 'humano'],
          next: 'atendimento_setor',
        },
        {
          label: 'Outras dúvidas',
          synonyms: ['duvida', 'duvidas', 'outra', 'outro assunto', 'pergunta', 'informacao'],
          next: 'duvidas_ai',
        },
      ],
      invalidText: 'Desculpe, não entendi. 🤔 Escolha uma das opções (pode responder só com o número):',
      maxAttempts: 3,
      onFail: 'handoff_geral',
    },
    ...billingSteps(),
    ...connectionSteps(teams),
    // — 4. Falar com atendente, by sector (also where "falar com atendente" at any point leads).
    {
      id: 'atendimento_setor',
      title: 'Escolher o setor',
      type: 'menu',
      text: 'Com qual setor você quer falar?',
      options: [
        {
          label: 'Financeiro',
          synonyms: ['boleto', 'fatura', 'pagamento', 'cobranca', 'desbloqueio'],
          next: 'handoff_financeiro',
        },
        {
          label: 'Suporte técnico',
          synonyms: ['suporte', 'tecnico', 'internet', 'conexao', 'sem internet'],
          next: 'handoff_suporte',
        },
        {
          label: 'Comercial',
          synonyms: ['contratar', 'planos', 'mudar de plano', 'vendas', 'mudanca de endereco'],
          next: 'handoff_comercial',
        },
      ],
      invalidText: 'Não entendi. Responda 1, 2 ou 3, por favor.',
      maxAttempts: 2,
      onFail: 'handoff_geral',
    },
    {
      id: 'handoff_financeiro',
      title: 'Transferir ao financeiro',
      type: 'handoff',
      text: 'Certo! Vou transferir você para o financeiro. Um atendente responde em instantes. Protocolo: {{protocol}}.',
      teamId: teams.financeiro,
      reason: 'Financeiro',
    },
    {
      id: 'handoff_suporte',
      title: 'Transferir ao suporte técnico',
      type: 'handoff',
      text: 'Certo! Vou transferir você para o suporte técnico. Um atendente responde em instantes. Protocolo: {{protocol}}.',
      teamId: teams.suporte,
      reason: 'Suporte técnico',
    },
    {
      id: 'handoff_comercial',
      title: 'Transferir ao comercial',
      type: 'handoff',
      text: 'Certo! Vou transferir você para o comercial. Um atendente responde em instantes. Protocolo: {{protocol}}.',
      teamId: teams.comercial,
      reason: 'Comercial',
    },
    {
      id: 'handoff_geral',
      title: 'Transferir (qualquer atendente)',
      type: 'handoff',
      text: 'Vou transferir você para um de nossos atendentes, que continua daqui. Protocolo: {{protocol}}.',
      teamId: null,
      reason: 'O robô não entendeu o pedido',
    },
    {
      id: ERP_DOWN,
      title: 'ERP indisponível',
      type: 'handoff',
      text: 'Desculpe, nosso sistema está fora do ar neste momento. 🙏 Vou transferir você para um atendente, que continua daqui. Protocolo: {{protocol}}.',
      teamId: null,
      reason: 'ERP indisponível',
    },
    // — 5. Outras dúvidas: the AI with the knowledge base; without it (or when it fails), the menu.
    {
      id: 'duvidas_ai',
      title: 'Outras dúvidas (IA)',
      type: 'ai',
      text: 'Pode perguntar! ✍️ Escreva sua dúvida que eu respondo.',
      fallback: 'menu_principal',
      handoffTeamId: teams.suporte,
    },
  ];
  return {
    schema: 1,
    name: 'Provedor (demo)',
    greeting:
      'Olá! 👋 Sou o assistente virtual do seu provedor de internet. O protocolo deste atendimento é {{protocol}}.',
    start: 'identificar_telefone',
    steps,
    handoffKeywords: [
      'falar com atendente',
      'atendente',
      'humano',
      'pessoa',
      'falar com alguém',
      'atendimento humano',
    ],
    handoffStep: 'atendimento_setor',
    fallbackStep: 'handoff_geral',
  };
}
