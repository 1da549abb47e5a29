/**
 * Whether a jurisdiction code covers a region: the region starts with the jurisdiction minus its trailing
 * `00` pairs (`230500` covers `230502` and `230500`; `230000` covers every `23xxxx`).
 */
export function jurisdictionMatches(jurisdiction: string, region: string): boolean {
  let prefix = jurisdiction;
  while (prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return region.startsWith(prefix);
}
