// SGP payloads as zod shapes, tolerant of its loose types (ids and statuses as 4 or "4", `liberado` as true
// or "True", money as 89.9 or "89.90") and of verificaacesso sometimes wrapped in a list. Only the fields
// the contract needs are named: `servico_senha` and `contratoCentralSenha` (PPPoE and portal passwords)
// are dropped here and never reach a result.
import { z } from 'zod';
import { Amount, Flag, MaybeText, Text } from '../loose';

export const ContratoRow = z.object({
  contratoId: Text,
  clienteId: MaybeText,
  cpfCnpj: MaybeText,
  razaoSocial: Text.default(''),
  contratoStatus: Text.default('1'),
  servico_plano: Text.default(''),
  endereco_bairro: MaybeText,
  endereco_cidade: MaybeText,
  popNome: MaybeText,
});
export type ContratoRow = z.output<typeof ContratoRow>;

export const ConsultaAnswer = z.object({
  msg: MaybeText,
  contratos: z
    .array(ContratoRow)
    .nullish()
    .transform((c) => c ?? []),
});

export const LinkRow = z.object({
  fatura: Text,
  vencimento: Text,
  valor: Amount,
  linhadigitavel: MaybeText,
  codigopix: MaybeText,
  link: MaybeText,
});

export const Fatura2viaAnswer = z.object({
  status: Text.default('0'),
  msg: MaybeText,
  links: z
    .array(LinkRow)
    .nullish()
    .transform((l) => l ?? []),
});

export const PixAnswer = z.object({ status: Text.default('0'), pix: MaybeText });

export const PromessaAnswer = z.object({
  status: Text.default('0'),
  liberado: Flag,
  liberado_dias: Amount.optional(),
  data_promessa: MaybeText,
  protocolo: MaybeText,
  msg: MaybeText,
});

const Acesso = z.object({ status: Text.default('0'), msg: MaybeText, login: MaybeText });
/** `{status, msg, contratoId, login}` or the same inside a one-element list. */
export const AcessoAnswer = z.union([
  Acesso,
  z
    .array(Acesso)
    .min(1)
    .transform((list) => list[0] as z.output<typeof Acesso>),
]);

export const ChamadoAnswer = z.object({ status: Text.default('0'), protocolo: MaybeText, msg: MaybeText });

const TextList = z
  .union([z.array(Text), Text])
  .nullish()
  .transform((v) => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]));

export const ManutencaoRow = z.object({
  titulo: Text.default(''),
  descricao: MaybeText,
  data_inicio: MaybeText,
  data_fim: MaybeText,
  cidade: MaybeText,
  bairros: TextList,
  pops: TextList,
});

/** `{manutencoes: [...]}`, or the list itself on some versions. */
export const ManutencaoAnswer = z.union([
  z.object({ manutencoes: z.array(z.unknown()).nullish() }).transform((a) => a.manutencoes ?? []),
  z.array(z.unknown()),
]);
