import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '../lib/gb32100.ts';

// Issues GB 32100-2015 unified social credit codes: registration authority and category (2), region
// (6), organisation code (9: GB 11714 body and its own check character) and the code's check
// character (src/lib/gb32100.ts, the same the import validates with).

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const BODY_SPACE = 31 ** 6;
const BODY_STEP = 48271; // coprime with 31⁶, so consecutive serials map to distinct, scattered bodies

/** The GB 11714 check character of an 8-character organisation code body. */
export function organizationCodeCheckCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body[i]!;
    const value = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55;
    sum += value * ORG_CODE_WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** Registration authority + organisation category: enterprise, individual business, social organisation. */
export type CreditCodeIssuerKind = 'enterprise' | 'individual' | 'association';

const PREFIX: Record<CreditCodeIssuerKind, { head: string; body: string }> = {
  enterprise: { head: '91', body: 'MA' }, // 工商 · 企业
  individual: { head: '92', body: 'MA' }, // 工商 · 个体工商户
  association: { head: '51', body: 'MJ' }, // 民政 · 社会团体
};

/** Issues unique, valid credit codes: a serial scattered over the 6 free characters of the body. */
export class CreditCodeIssuer {
  private serial = 0;

  constructor(private readonly salt: number) {}

  issue(kind: CreditCodeIssuerKind, region: string): string {
    const n = (this.serial++ * BODY_STEP + this.salt) % BODY_SPACE;
    let digits = '';
    for (let rest = n, i = 0; i < 6; i++, rest = Math.floor(rest / 31))
      digits = CREDIT_CODE_CHARSET[rest % 31] + digits;
    const { head, body } = PREFIX[kind];
    const orgBody = body + digits;
    const first17 = `${head}${region}${orgBody}${organizationCodeCheckCharacter(orgBody)}`;
    return first17 + creditCodeCheckChar(first17);
  }
}
