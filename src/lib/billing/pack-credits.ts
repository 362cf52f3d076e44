// How many credits a paid Checkout grants: the configured pack of each line item's price,
// times its quantity. What the payment's metadata says plays no part: only the price bought.

export interface PurchasedLine {
  priceId: string | undefined;
  quantity: number | null | undefined;
}

export type PackCredits =
  | { kind: 'pack'; credits: number; priceId: string }
  | { kind: 'unknown-price'; priceIds: string[] };

/**
 * `creditsOfPrice` gives the credits of a configured pack price, undefined for any other.
 * Every line must be a pack with a positive whole quantity, or nothing is granted.
 */
export function packCredits(lines: readonly PurchasedLine[], creditsOfPrice: (priceId: string) => number | undefined): PackCredits {
  const unknown: string[] = [];
  let credits = 0;
  for (const line of lines) {
    const perPack = line.priceId === undefined ? undefined : creditsOfPrice(line.priceId);
    const quantity = line.quantity ?? 1;
    if (perPack === undefined || !Number.isInteger(quantity) || quantity < 1) unknown.push(line.priceId ?? '(no price)');
    else credits += perPack * quantity;
  }
  const first = lines[0]?.priceId;
  if (unknown.length > 0 || first === undefined || credits <= 0) return { kind: 'unknown-price', priceIds: unknown.length > 0 ? unknown : ['(no line items)'] };
  return { kind: 'pack', credits, priceId: first };
}
