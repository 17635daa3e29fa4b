// The demo flow's branches that talk to the ERP: 2ª via and the trust unlock (billing), and no connection
// (maintenance first, the connection itself, the checklist, a ticket in the ERP, the technical team).
import type { FlowStep } from '../contract';

export interface DemoTeams {
  financeiro: string;
  suporte: string;
  comercial: string;
}

/** Where every erp_unavailable goes: a polite message and a hand-off. */
export const ERP_DOWN = 'erp_fora';

export function billingSteps(): FlowStep[] {
  return [
    // — 1. 2ª via.
    {
      id: 'buscar_faturas',
      title: 'Buscar faturas em aberto',
      type: 'tool',
      tool: 'list_open_invoices',
      on: { ok: 'enviar_faturas', not_found: 'sem_faturas', erp_unavailable: ERP_DOWN },
    },
    {
      id: 'enviar_faturas',
      title: 'Enviar a 2ª via',
      type: 'send_invoices',
      parts: ['digitable_line', 'pix', 'pdf'],
      text: 'Aqui está a 2ª via das suas faturas em aberto: 👇',
      next: 'algo_mais',
    },
    {
      id: 'sem_faturas',
      title: 'Nenhuma fatura',
      type: 'message',
      text: 'Não encontrei faturas em aberto no seu cadastro: está tudo pago. 🎉',
      next: 'algo_mais',
    },
    {
      id: 'algo_mais',
      title: 'Algo mais?',
      type: 'ask',
      input: 'yes_no',
      text: 'Posso ajudar em algo mais?',
      invalidText: 'Responda *sim* ou *não*, por favor: posso ajudar em algo mais?',
      saveAs: 'algo_mais',
      maxAttempts: 2,
      onFail: 'encerrar',
      next: 'menu_principal',
      noNext: 'encerrar',
    },
    {
      id: 'encerrar',
      title: 'Encerrar (resolvido)',
      type: 'end',
      text: 'Obrigado pelo contato! 😊 O protocolo deste atendimento é {{protocol}}. Até logo!',
      resolved: true,
    },
    // — 2. Desbloqueio de confiança.
    {
      id: 'desbloqueio',
      title: 'Desbloqueio de confiança',
      type: 'tool',
      tool: 'trust_unlock',
      on: {
        ok: 'desbloqueio_ok',
        already_done: 'desbloqueio_ja_usado',
        not_allowed: 'desbloqueio_negado',
        not_found: 'desbloqueio_negado',
        erp_unavailable: ERP_DOWN,
      },
    },
    {
      id: 'desbloqueio_ok',
      title: 'Desbloqueio concedido',
      type: 'message',
      text: 'Pronto! ✅ Seu serviço foi liberado até {{unlock.until}}. A conexão volta em alguns minutos (se não voltar, reinicie o roteador). Pague a fatura até essa data para não ser bloqueado de novo.',
      next: 'algo_mais',
    },
    {
      id: 'desbloqueio_ja_usado',
      title: 'Desbloqueio já usado',
      type: 'message',
      text: 'O desbloqueio de confiança já foi usado no seu contrato e não pode ser feito de novo agora. Para liberar o serviço, é preciso pagar a fatura em aberto — posso enviar a 2ª via — ou falar com o financeiro.',
      next: 'oferta_financeiro',
    },
    {
      id: 'desbloqueio_negado',
      title: 'Desbloqueio não permitido',
      type: 'message',
      text: 'Não é possível fazer o desbloqueio de confiança no seu contrato agora. O financeiro pode ver outras opções com você.',
      next: 'oferta_financeiro',
    },
    {
      id: 'oferta_financeiro',
      title: 'Oferecer o financeiro',
      type: 'menu',
      text: 'Como prefere seguir?',
      options: [
        {
          label: 'Receber a 2ª via',
          synonyms: ['segunda via', '2 via', 'boleto', 'fatura', 'pagar', 'pix'],
          next: 'buscar_faturas',
        },
        {
          label: 'Falar com o financeiro',
          synonyms: ['financeiro', 'atendente', 'falar'],
          next: 'handoff_financeiro',
        },
        {
          label: 'Encerrar',
          synonyms: ['encerrar', 'nada', 'nao', 'obrigado', 'obrigada'],
          next: 'encerrar',
        },
      ],
      invalidText: 'Não entendi. Responda com o número de uma das opções, por favor.',
      maxAttempts: 2,
      onFail: 'handoff_financeiro',
    },
  ];
}

export function connectionSteps(teams: DemoTeams): FlowStep[] {
  return [
    // — 3. Sem conexão / lenta: maintenance in the area first, then the connection itself.
    {
      id: 'verificar_manutencao',
      title: 'Manutenção na região?',
      type: 'tool',
      tool: 'planned_maintenance',
      on: { active: 'manutencao_ativa', none: 'verificar_conexao', erp_unavailable: ERP_DOWN },
    },
    {
      id: 'manutencao_ativa',
      title: 'Avisar da manutenção',
      type: 'end',
      text: '⚠️ Há uma manutenção na rede da sua região: {{maintenance.description}}. Previsão de normalização: {{maintenance.until}}. Sua conexão volta sozinha quando o serviço terminar; não é preciso abrir chamado. Protocolo: {{protocol}}.',
      resolved: true,
    },
    {
      id: 'verificar_conexao',
      title: 'Verificar a conexão',
      type: 'tool',
      tool: 'connection_status',
      on: {
        online: 'checklist_online',
        offline: 'checklist_offline',
        suspended: 'conexao_suspensa',
        not_found: 'checklist_offline',
        erp_unavailable: ERP_DOWN,
      },
    },
    {
      id: 'conexao_suspensa',
      title: 'Conexão suspensa por débito',
      type: 'menu',
      text: 'Sua conexão está suspensa por pendência financeira. 💳 Para liberar, você pode pagar a fatura em aberto ou pedir o desbloqueio de confiança:',
      options: [
        {
          label: 'Receber a 2ª via',
          synonyms: ['segunda via', '2 via', 'boleto', 'fatura', 'pagar', 'pix'],
          next: 'buscar_faturas',
        },
        {
          label: 'Desbloqueio de confiança',
          synonyms: ['desbloqueio', 'desbloquear', 'liberar', 'promessa'],
          next: 'desbloqueio',
        },
        {
          label: 'Falar com o financeiro',
          synonyms: ['financeiro', 'atendente', 'falar'],
          next: 'handoff_financeiro',
        },
      ],
      invalidText: 'Não entendi. Responda com o número de uma das opções, por favor.',
      maxAttempts: 2,
      onFail: 'handoff_financeiro',
    },
    {
      id: 'checklist_online',
      title: 'Checklist (online)',
      type: 'message',
      text: 'Sua conexão aparece *online* aqui. 📶 Se está lenta ou caindo, tente:\n1. Desligar o roteador da tomada por 30 segundos e ligar de novo;\n2. Testar perto do roteador ou com um cabo de rede;\n3. Desconectar os aparelhos que não está usando.',
      next: 'voltou',
    },
    {
      id: 'checklist_offline',
      title: 'Checklist (offline)',
      type: 'message',
      text: 'Sua conexão aparece *offline*. 🔌 Vamos tentar:\n1. Desligue a ONU (o aparelho da fibra) e o roteador da tomada, espere 30 segundos e ligue de novo;\n2. Confira se os cabos estão bem encaixados e se o cabo da fibra não está dobrado ou rompido;\n3. Veja a luz *LOS* da ONU: se estiver vermelha, o problema é na fibra e um técnico precisa ir até você.',
      next: 'voltou',
    },
    {
      id: 'voltou',
      title: 'Voltou?',
      type: 'ask',
      input: 'yes_no',
      text: 'Depois desses passos, a internet voltou a funcionar?',
      invalidText: 'Responda *sim* ou *não*, por favor: a internet voltou?',
      saveAs: 'voltou',
      maxAttempts: 2,
      onFail: 'abrir_chamado',
      next: 'voltou_sim',
      noNext: 'abrir_chamado',
    },
    {
      id: 'voltou_sim',
      title: 'Resolvido pelo checklist',
      type: 'end',
      text: 'Que ótimo! 🎉 Se precisar, é só chamar. Protocolo: {{protocol}}.',
      resolved: true,
    },
    {
      id: 'abrir_chamado',
      title: 'Abrir chamado técnico no ERP',
      type: 'tool',
      tool: 'open_ticket',
      ticketKind: 'technical',
      ticketText:
        'Cliente {{customer.name}} ({{customer.document}}), contrato {{contract.id}} ({{contract.plan}}): sem conexão ou conexão lenta; checklist feito pelo robô (reiniciar ONU e roteador, cabos, luz LOS) sem sucesso. Protocolo do atendimento: {{protocol}}.',
      on: { ok: 'chamado_aberto', not_found: 'handoff_suporte', erp_unavailable: ERP_DOWN },
    },
    {
      id: 'chamado_aberto',
      title: 'Chamado aberto',
      type: 'message',
      text: 'Abri um chamado técnico para você: protocolo {{erp.protocol}}. 🛠️',
      next: 'handoff_suporte_chamado',
    },
    {
      id: 'handoff_suporte_chamado',
      title: 'Transferir ao suporte (chamado aberto)',
      type: 'handoff',
      text: 'Vou transferir você para a equipe de suporte técnico, que já está com o seu chamado. Um atendente responde em instantes.',
      teamId: teams.suporte,
      reason: 'Sem conexão após o checklist; chamado {{erp.protocol}}',
    },
  ];
}
