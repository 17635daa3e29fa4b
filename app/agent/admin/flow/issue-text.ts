// The flow checker's issues in the admin's language: worded from the issue's `code` and `params` (pt-BR
// first, English), with the tool and outcome names the editor already shows. An issue without a code this
// client knows (an older server, a newer kind) is shown by its English `message`, as the API sends it.
import type { FlowIssue, FlowIssueCode } from '../../../../workers/contract';
import { locale } from '../../i18n';
import { ft } from './flow-i18n';

type Params = Record<string, string>;
type Wording = Record<FlowIssueCode, (p: Params) => string>;

const pt: Wording = {
  invalid_value: (p) => `Valor inválido em ${p.field}: ${p.detail}`,
  unknown_step_type: (p) => `Tipo de passo desconhecido: ${p.type} (use um de: ${p.expected})`,
  duplicate_id: (p) => `O id "${p.id}" está em dois passos (${p.first}º e ${p.second}º)`,
  unknown_step: (p) =>
    p.step
      ? `O passo "${p.step}" aponta para "${p.target}", que não existe`
      : `${p.field} aponta para "${p.target}", que não existe`,
  missing_outcome: (p) => `O passo "${p.step}" não diz para onde ir quando ${tool(p)} der "${outcome(p)}"`,
  unknown_outcome: (p) => `O passo "${p.step}" trata o resultado "${p.outcome}", que ${tool(p)} nunca dá`,
  missing_field: (p) =>
    p.field === 'ticketKind'
      ? `O passo "${p.step}" precisa do tipo do chamado`
      : `O passo "${p.step}" precisa do texto do chamado`,
  missing_no_branch: (p) => `A pergunta sim/não "${p.step}" não diz para onde vai um "não"`,
  no_branch_not_yes_no: (p) => `O passo "${p.step}": o destino do "não" é só para perguntas sim/não`,
  option_clash: (p) =>
    `No passo "${p.step}", as opções ${p.first} e ${p.second} respondem à mesma palavra "${p.word}"`,
  unreachable: (p) =>
    `Nada leva ao passo "${p.step}": nem o início, nem o atendimento humano, nem o passo de recuperação`,
  loop: (p) =>
    `Os passos ${p.steps} formam um ciclo sem esperar pelo cliente (nunca para): inclua um menu ou uma pergunta`,
  foreign_team: (p) => `O passo "${p.step}" indica uma equipe que não é deste provedor`,
  text_not_storable: (p) => `Texto com caracteres que não podem ser guardados em ${p.field}`,
};

const en: Wording = {
  invalid_value: (p) => `Invalid value at ${p.field}: ${p.detail}`,
  unknown_step_type: (p) => `Unknown step type: ${p.type} (use one of: ${p.expected})`,
  duplicate_id: (p) => `The id "${p.id}" is on two steps (steps ${p.first} and ${p.second})`,
  unknown_step: (p) =>
    p.step
      ? `Step "${p.step}" points at "${p.target}", which does not exist`
      : `${p.field} points at "${p.target}", which does not exist`,
  missing_outcome: (p) => `Step "${p.step}" does not say where to go when ${tool(p)} ends "${outcome(p)}"`,
  unknown_outcome: (p) => `Step "${p.step}" handles the outcome "${p.outcome}", which ${tool(p)} never gives`,
  missing_field: (p) =>
    p.field === 'ticketKind'
      ? `Step "${p.step}" needs the ticket's kind`
      : `Step "${p.step}" needs the ticket's text`,
  missing_no_branch: (p) => `The yes/no question "${p.step}" does not say where a "no" goes`,
  no_branch_not_yes_no: (p) => `Step "${p.step}": the "no" target is only for yes/no questions`,
  option_clash: (p) => `In step "${p.step}", options ${p.first} and ${p.second} both answer to "${p.word}"`,
  unreachable: (p) => `Nothing leads to step "${p.step}": not the start, the hand-off nor the fallback step`,
  loop: (p) =>
    `Steps ${p.steps} form a loop that never waits for the customer (it never stops): add a menu or a question`,
  foreign_team: (p) => `Step "${p.step}" names a team that is not this provider's`,
  text_not_storable: (p) => `Text with characters that cannot be stored at ${p.field}`,
};

const WORDING = { 'pt-BR': pt, en } as const;

/** The tool's name as the editor shows it (the checker sends its id). */
function tool(p: Params): string {
  const names: Record<string, string> = ft().tools;
  return p.tool ? (names[p.tool] ?? p.tool) : '';
}

function outcome(p: Params): string {
  return p.outcome ? (ft().outcomes[p.outcome] ?? p.outcome) : '';
}

/** An issue as the admin reads it: by its code in the current language, else its message. */
export function issueText(issue: FlowIssue): string {
  const word = issue.code ? WORDING[locale()][issue.code] : undefined;
  return word ? word(issue.params ?? {}) : issue.message;
}
