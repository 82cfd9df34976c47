/**
 * A short, stable fingerprint of a text (32-bit FNV-1a, hex): for telling apart versions of shipped
 * data and layouts, not for security.
 */
export function digestText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
