/** `230502197003120011` → `2305**********0011`. */
export function maskIdNumber(idNumber: string | null): string | null {
  if (idNumber === null) return null;
  return `${idNumber.slice(0, 4)}${'*'.repeat(Math.max(0, idNumber.length - 8))}${idNumber.slice(-4)}`;
}
