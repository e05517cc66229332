/**
 * Per-currency amounts (a flat incentive, a flat renewal incentive) as one line of text, so one
 * input edits them all: `USD 500, EUR 450` is `{ USD: 500, EUR: 450 }`, integer minor units.
 */
export function formatAmounts(amounts: Record<string, number> | null | undefined): string {
  return Object.entries(amounts ?? {})
    .map(([currency, amount]) => `${currency} ${amount}`)
    .join(', ');
}

/**
 * Reads `formatAmounts`' text back; an entry that is not `CUR digits` is an error naming it,
 * never dropped, so a typo cannot remove a currency from the incentive unnoticed.
 */
export function parseAmounts(text: string): { amounts: Record<string, number> } | { error: string } {
  const amounts: Record<string, number> = {};
  for (const part of text.split(',').map((entry) => entry.trim()).filter(Boolean)) {
    const match = /^([A-Za-z]{3})\s*[: ]\s*(\d{1,15})$/.exec(part);
    if (!match) return { error: `“${part}” is not a currency and an amount in minor units, like “USD 500”` };
    const currency = match[1]!.toUpperCase();
    if (currency in amounts) return { error: `${currency} appears twice` };
    amounts[currency] = Number(match[2]);
  }
  if (Object.keys(amounts).length === 0) return { error: 'name at least one currency and amount, like “USD 500”' };
  return { amounts };
}
