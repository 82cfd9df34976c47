/**
 * The font stacks of the app and of graph labels. Latin text takes the system's own face first; Chinese
 * text comes from the first Chinese font in the list that is installed. Each name not installed costs
 * the browser a synchronous font lookup for every size and weight drawn (on Linux, 43 lookups against
 * 28 for the same page in English), so each platform's own font comes first: PingFang on Apple
 * systems, Microsoft YaHei on Windows, Noto Sans CJK / Source Han Sans elsewhere. The others follow, so
 * the face each platform shows is the one it showed before.
 */

const APPLE = ['"PingFang SC"'];
const WINDOWS = ['"Microsoft YaHei"'];
const OTHERS = ['"Noto Sans CJK SC"', '"Source Han Sans SC"'];

/** Which family of systems a user agent string names. */
function platform(agent: string): 'apple' | 'windows' | 'other' {
  if (/Macintosh|Mac OS X|iPhone|iPad/.test(agent)) return 'apple';
  if (/Windows/.test(agent)) return 'windows';
  return 'other';
}

/** The Chinese font families, this platform's own first. */
export function chineseFamilies(agent: string): string[] {
  const own = { apple: APPLE, windows: WINDOWS, other: OTHERS }[platform(agent)];
  return [...own, ...[...APPLE, ...WINDOWS, ...OTHERS].filter((f) => !own.includes(f))];
}

/** The font stack of graph labels (and of the pictures exported from the graph). */
export function graphFontStack(agent: string): string {
  return ['system-ui', ...chineseFamilies(agent), 'sans-serif'].join(', ');
}

/** The font stack of the app's text (`--font`): the platform's UI face, then the Chinese fonts. */
export function uiFontStack(agent: string): string {
  const latin = { apple: ['-apple-system'], windows: ['"Segoe UI"'], other: [] }[platform(agent)];
  return ['system-ui', ...latin, ...chineseFamilies(agent), 'sans-serif'].join(', ');
}

/** This browser's user agent, or '' where there is none (tests, the build). */
export const userAgent = (): string => (typeof navigator === 'undefined' ? '' : (navigator.userAgent ?? ''));
