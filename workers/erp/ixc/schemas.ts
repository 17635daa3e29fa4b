// IXC payloads as zod shapes, tolerant the way IXC is loose: every value may be a string or a number,
// `registros` is absent when nothing matched, and only the fields the tool contract needs are named — the
// rest (`senha` on cliente and radusuarios: portal and PPPoE passwords) is dropped at parse.
import { z } from 'zod';
import { MaybeText, Text } from '../loose';

/** A listing answer: `registros` missing means none. Rows that do not parse are skipped, not fatal. */
export function listAnswer<T extends z.ZodType>(row: T) {
  return z
    .object({ total: Text.optional(), registros: z.array(z.unknown()).optional() })
    .transform(({ total, registros }) => ({
      total: Number(total ?? 0) || 0,
      rows: (registros ?? []).flatMap((r) => {
        const parsed = row.safeParse(r);
        return parsed.success ? [parsed.data as z.output<T>] : [];
      }),
    }));
}

export const ClienteRow = z.object({
  id: Text,
  razao: Text.default(''),
  cnpj_cpf: Text.default(''),
  ativo: MaybeText,
  bairro: MaybeText,
  cidade: MaybeText,
});

export const ContratoRow = z.object({
  id: Text,
  id_cliente: MaybeText,
  contrato: Text.default(''),
  status: Text.default('A'),
  status_internet: MaybeText,
  status_velocidade: MaybeText,
  desbloqueio_confianca: MaybeText,
  dt_ult_desb_conf: MaybeText,
  bairro: MaybeText,
  cidade: MaybeText,
});
export type ContratoRow = z.output<typeof ContratoRow>;

export const AreceberRow = z.object({
  id: Text,
  id_contrato: MaybeText,
  data_vencimento: Text,
  valor: Text,
  valor_aberto: MaybeText,
  status: Text.default('A'),
  linha_digitavel: MaybeText,
});

export const RadusuarioRow = z.object({
  login: MaybeText,
  online: MaybeText,
  ultima_conexao_inicial: MaybeText,
  ultima_conexao_final: MaybeText,
  motivo_desconexao: MaybeText,
});

/** Planned maintenance per neighbourhood (the simulator's `manutencao` listing; see README). */
export const ManutencaoRow = z.object({
  titulo: Text.default(''),
  descricao: MaybeText,
  bairro: MaybeText,
  data_inicio: MaybeText,
  data_final: MaybeText,
});

/** Inserts and most actions: {type: "success" | "error", message, id}. */
export const InsertAnswer = z.object({ type: Text, message: MaybeText, id: MaybeText });

export const PixAnswer = z.object({
  type: Text.optional(),
  message: MaybeText,
  pix: z.object({ qrCode: z.object({ qrcode: Text }) }).optional(),
});

/** desbloqueio_confianca: {tipo: "sucesso" | "erro", mensagem, codigo}. */
export const UnlockAnswer = z.object({ tipo: Text, mensagem: MaybeText, codigo: MaybeText });
