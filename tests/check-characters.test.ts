import { describe, expect, it } from 'vitest';
import { birthDateOf, idNumberCheckChar, idNumberProblem, isValidIdNumber } from '../src/lib/gb11643.ts';
import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  creditCodeProblem,
  isValidCreditCode,
} from '../src/lib/gb32100.ts';
import { loadFixture } from './support/test-app.ts';

const world = loadFixture('world-small.json');
const idNumbers: string[] = world.people.map((p: { idNumber: string }) => p.idNumber);
const creditCodes: string[] = world.organizations.map((o: { creditCode: string }) => o.creditCode);

/** `value` with the character at `at` replaced by the next one of `alphabet`. */
function flip(value: string, at: number, alphabet: string): string {
  const next = alphabet[(alphabet.indexOf(value[at]!) + 1) % alphabet.length]!;
  return `${value.slice(0, at)}${next}${value.slice(at + 1)}`;
}

describe('GB 11643-1999 resident ID numbers', () => {
  it('accepts the examples of the standard itself', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('440524188001010014')).toBeNull();
  });

  it('accepts every ID number of the fixture world', () => {
    expect(idNumbers).toHaveLength(31);
    for (const id of idNumbers) expect(isValidIdNumber(id), id).toBe(true);
  });

  it('computes the ISO 7064 MOD 11-2 check character, X for 10', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('44052418800101001')).toBe('4');
    for (const id of idNumbers) expect(idNumberCheckChar(id.slice(0, 17))).toBe(id[17]);
  });

  it('rejects a flipped check character', () => {
    for (const id of idNumbers) {
      const bad = flip(id, 17, '0123456789X');
      expect(idNumberProblem(bad), bad).toMatch(/check character/);
    }
  });

  it('rejects a flipped order digit', () => {
    for (const id of idNumbers) expect(isValidIdNumber(flip(id, 15, '0123456789')), id).toBe(false);
  });

  it('rejects an impossible birth date even with a matching check character', () => {
    const body = '23050219870230001'; // 30 February
    const id = `${body}${idNumberCheckChar(body)}`;
    expect(birthDateOf(id)).toBe('1987-02-30');
    expect(idNumberProblem(id)).toMatch(/birth date/);
    const ancient = '23050217990101001';
    expect(idNumberProblem(`${ancient}${idNumberCheckChar(ancient)}`)).toMatch(/birth date/);
  });

  it('rejects the wrong shape: length, letters, lowercase x', () => {
    expect(idNumberProblem('2305021970031200')).toMatch(/17 digits/);
    expect(idNumberProblem('11010519491231002x')).toMatch(/17 digits/);
    expect(idNumberProblem('A30502197003120011')).toMatch(/17 digits/);
  });
});

describe('GB 32100-2015 unified social credit codes', () => {
  it('accepts the example of the standard and every code of the fixture world', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodes).toHaveLength(18);
    for (const code of creditCodes) expect(isValidCreditCode(code), code).toBe(true);
  });

  it('computes the weighted MOD 31 check character', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    for (const code of creditCodes) expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('rejects a flipped check character', () => {
    for (const code of creditCodes) {
      const bad = flip(code, 17, CREDIT_CODE_CHARSET);
      expect(creditCodeProblem(bad), bad).toMatch(/check character/);
    }
  });

  it('rejects a flipped subject identifier character', () => {
    for (const code of creditCodes) {
      expect(isValidCreditCode(flip(code, 12, CREDIT_CODE_CHARSET)), code).toBe(false);
    }
  });

  it('rejects the letters the code never uses (I, O, S, V, Z) and lowercase', () => {
    for (const letter of ['I', 'O', 'S', 'V', 'Z']) {
      expect(creditCodeProblem(`91230502MA1B0000${letter}W`)).toMatch(/18 characters/);
    }
    expect(creditCodeProblem('91230502ma1b00001w')).toMatch(/18 characters/);
    expect(creditCodeProblem('91230502MA1B00001')).toMatch(/18 characters/);
  });

  it('rejects a registration authority or category the standard does not define', () => {
    const withBody = (body: string) => `${body}${creditCodeCheckChar(body)}`;
    expect(creditCodeProblem(withBody('B1230502MA1B00001'))).toMatch(/registration authority/);
    expect(creditCodeProblem(withBody('94230502MA1B00001'))).toMatch(/category/);
    expect(creditCodeProblem(withBody('Y2230502MA1B00001'))).toMatch(/category/);
    expect(creditCodeProblem(withBody('512305A0MJ0000005'))).toMatch(/administrative division/);
    expect(creditCodeProblem(withBody('N2230502MA1B00001'))).toBeNull();
    expect(creditCodeProblem(withBody('53230502MJ0000005'))).toBeNull();
  });
});
