// CPF/CNPJ for the simulated customers: check digits computed here (so every seeded document is valid), the
// ERPs' stored spellings (IXC keeps `175.181.720-20`, some installations digits only) and digit extraction.

function checkDigit(digits: string, weights: number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * (weights[i] ?? 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

/** A full CPF (11 digits) from its first 9, or CNPJ (14) from its first 12, with correct check digits. */
export function withCheckDigits(base: string): string {
  if (base.length === 9) {
    const d1 = checkDigit(base, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
    return `${base}${d1}${checkDigit(`${base}${d1}`, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2])}`;
  }
  if (base.length === 12) {
    const d1 = checkDigit(base, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
    return `${base}${d1}${checkDigit(`${base}${d1}`, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])}`;
  }
  throw new Error(`a CPF base has 9 digits, a CNPJ base 12: ${base}`);
}

/** `175.181.720-20` / `11.222.333/0001-81`: how the ERPs store and show documents. */
export function formatDocument(digits: string): string {
  if (digits.length === 11) return digits.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1.$2.$3-$4');
  return digits.replace(/^(\d{2})(\d{3})(\d{3})(\d{4})(\d{2})$/, '$1.$2.$3/$4-$5');
}

export const onlyDigits = (value: string) => value.replace(/\D/g, '');
