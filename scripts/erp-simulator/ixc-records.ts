// The seed as IXC's tables: every value a string (ids, money, flags), dates as "YYYY-MM-DD HH:MM:SS",
// documents stored masked (`390.533.447-05`) except where an installation kept digits only, secrets present
// (`senha` on cliente and radusuarios) exactly as IXC hands them out.
import { formatDocument } from './documents';
import type { SimContract, SimStatus } from './seed';
import type { IspState } from './state';

export type IxcRow = Record<string, string>;

const ixcTime = (iso: string | null) => (iso ? iso.slice(0, 19).replace('T', ' ') : '0000-00-00 00:00:00');

/** Contract status letters: status A/I (I = inactive, how IXC shows a cancelled contract). */
function contractLetters(status: SimStatus): { status: string; internet: string; speed: string } {
  if (status === 'cancelled') return { status: 'I', internet: 'D', speed: 'N' };
  if (status === 'suspended') return { status: 'A', internet: 'CA', speed: 'N' };
  if (status === 'reduced') return { status: 'A', internet: 'A', speed: 'R' };
  return { status: 'A', internet: 'A', speed: 'N' };
}

function contractRow(c: SimContract): IxcRow {
  const letters = contractLetters(c.status);
  return {
    id: c.id,
    id_cliente: c.customerId,
    contrato: c.plan,
    status: letters.status,
    status_internet: letters.internet,
    status_velocidade: letters.speed,
    desbloqueio_confianca: c.unlockedUntil ? 'S' : 'N',
    dt_ult_desb_conf: c.unlockedUntil ? c.unlockedUntil : '0000-00-00',
    pago_ate_data: '0000-00-00',
    endereco: 'Rua Simulada',
    bairro: c.neighbourhood,
    cidade: c.cityCode,
    id_filial: '1',
  };
}

/** The rows of `table`, or null when IXC has no such table here. */
export function ixcRows(state: IspState, table: string): IxcRow[] | null {
  switch (table) {
    case 'cliente':
      return state.customers.map((c) => ({
        id: c.id,
        razao: c.name,
        fantasia: '',
        cnpj_cpf: c.ixcDocumentDigitsOnly ? c.document : formatDocument(c.document),
        tipo_pessoa: c.document.length === 11 ? 'F' : 'J',
        ativo: state.contracts.some((k) => k.customerId === c.id && k.status !== 'cancelled') ? 'S' : 'N',
        email: c.email,
        fone: '',
        telefone_celular: c.phone,
        whatsapp: c.phone,
        endereco: c.address,
        bairro: state.contracts.find((k) => k.customerId === c.id)?.neighbourhood ?? '',
        cidade: '3550',
        cep: '01001-000',
        senha: c.portalPassword,
        hotsite_acesso: c.email,
      }));
    case 'cliente_contrato':
      return state.contracts.map(contractRow);
    case 'fn_areceber':
      return state.invoices.map((i) => ({
        id: i.id,
        id_cliente: i.customerId,
        id_contrato: i.contractId,
        data_vencimento: i.dueDate,
        valor: i.amount.toFixed(2),
        valor_aberto: i.status === 'A' ? i.amount.toFixed(2) : '0.00',
        status: i.status,
        linha_digitavel: i.digitableLine,
        gateway_link: '',
        pix_txid: `FAT${i.id}`,
      }));
    case 'radusuarios':
      return state.contracts.map((c) => ({
        id: String(Number(c.id) + 7000),
        id_contrato: c.id,
        id_cliente: c.customerId,
        login: c.login,
        senha: c.pppoePassword,
        ativo: c.status === 'cancelled' ? 'N' : 'S',
        online: c.online ? 'S' : 'N',
        ip: c.online ? `100.64.0.${Number(c.id) % 250}` : '',
        ultima_conexao_inicial: ixcTime(c.lastSessionStart),
        ultima_conexao_final: ixcTime(c.lastSessionStop),
        motivo_desconexao: c.disconnectReason,
      }));
    case 'manutencao':
      // Not a stock IXC table: how this simulator exposes planned maintenance per neighbourhood (README).
      return state.maintenance.map((m) => ({
        id: m.id,
        titulo: m.title,
        descricao: m.description,
        bairro: m.neighbourhood,
        cidade: '3550',
        data_inicio: ixcTime(m.startsAt),
        data_final: ixcTime(m.endsAt),
      }));
    default:
      return null;
  }
}
