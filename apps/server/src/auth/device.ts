import Bowser from 'bowser';

/** "Chrome 126 on Linux" from a user agent, for the sessions list; the raw string when it names no browser. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const parser = Bowser.getParser(userAgent);
  const browser = parser.getBrowserName();
  if (!browser) return userAgent.slice(0, 80);
  const major = parser.getBrowserVersion()?.split('.')[0];
  const os = parser.getOSName();
  return `${browser}${major ? ` ${major}` : ''}${os ? ` on ${os}` : ''}`;
}
