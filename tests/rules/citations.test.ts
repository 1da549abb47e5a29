import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/graph/rules/index.ts';
import { RULE_IDS } from '../../src/graph/rules/types.ts';

const source = readFileSync(new URL('../fixtures/plan-source.txt', import.meta.url), 'utf8');

describe('every rule cites its article', () => {
  it('has one module per rule of RULES.md', () => {
    expect(RULES.map((r) => r.id).sort()).toEqual([...RULE_IDS].sort());
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s quotes the plan word for word', (_id, rule) => {
    expect(source).toContain(rule.citation.text);
    expect(rule.citation.article).toMatch(/^（十[一二三]）/);
  });
});
