// GB 32100-2015 unified social credit code: 18 characters from a 31-character set (no I, O, Z, S, V).
// 1: registration authority, 2: category of organisation under that authority, 3-8: administrative division
// of the registering office (GB/T 2260), 9-17: subject identifier (GB 11714 organisation code), 18: check
// character, weighted MOD 31 (weights 3^i mod 31).

export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/**
 * Registration authorities and the organisation categories each may issue (GB 32100-2015 table 1 with its
 * amendment No. 1 of 2016, and the codes A and N assigned since). The GB 11714 check digit inside chars
 * 9-17 is not enforced: registries (and our fixtures) carry codes whose legacy organisation-code part
 * does not satisfy it, while the code's own check character always holds.
 */
export const REGISTRATION_AUTHORITIES: Readonly<Record<string, { name: string; categories: string }>> = {
  '1': { name: '机构编制', categories: '1239' },
  '2': { name: '外交', categories: '19' },
  '3': { name: '司法行政', categories: '123459' },
  '4': { name: '文化', categories: '19' },
  '5': { name: '民政', categories: '1239' },
  '6': { name: '旅游', categories: '129' },
  '7': { name: '宗教', categories: '129' },
  '8': { name: '工会', categories: '19' },
  '9': { name: '工商（市场监管）', categories: '123' },
  A: { name: '中央军委改革和编制办公室', categories: '19' },
  N: { name: '农业', categories: '1239' },
  Y: { name: '其他', categories: '1' },
};

/** The check character for the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('a credit code body is 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i]!);
    if (value < 0) throw new RangeError(`${first17[i]} is not in the credit code character set`);
    sum += value * WEIGHTS[i]!;
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** Why `value` is not a valid unified social credit code, or null when it is. */
export function creditCodeProblem(value: string): string | null {
  if (!SHAPE.test(value)) {
    return 'a unified social credit code is 18 characters of 0-9 and uppercase A-Y without I, O, S, V, Z';
  }
  const authority = REGISTRATION_AUTHORITIES[value[0]!];
  if (!authority) return `${value[0]} is not a registration authority code of GB 32100`;
  if (!authority.categories.includes(value[1]!)) {
    return `${value[1]} is not an organisation category of registration authority ${value[0]} (${authority.name})`;
  }
  if (!/^\d{6}$/.test(value.slice(2, 8))) {
    return 'characters 3-8 must be the 6-digit administrative division code of the registering office';
  }
  const expected = creditCodeCheckChar(value.slice(0, 17));
  if (value[17] !== expected) {
    return `the check character is ${value[17]}, but GB 32100 (weighted MOD 31) gives ${expected}`;
  }
  return null;
}

export function isValidCreditCode(value: string): boolean {
  return creditCodeProblem(value) === null;
}
