/** A file size for people: bytes, KB or MB (1024-based), one decimal where it helps. */
export function formatSize(bytes: number, language: 'vi' | 'en'): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', {
    maximumFractionDigits: digits,
  }).format(value);
  return `${number} ${units[unit] ?? 'B'}`;
}

/** The first characters of a SHA-256, enough to tell versions apart on screen. */
export const shortHash = (sha256: string) => sha256.slice(0, 12);
