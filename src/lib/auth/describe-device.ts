// A short, human description of a browser from its User-Agent, for the list of sessions.

export function describeDevice(userAgent: string | null | undefined): string {
  if (!userAgent) return 'Unknown browser';
  const browser =
    /Edg\//.test(userAgent) ? 'Edge' :
    /OPR\//.test(userAgent) ? 'Opera' :
    /Firefox\//.test(userAgent) ? 'Firefox' :
    /Chrome\/|Chromium\//.test(userAgent) ? 'Chrome' :
    /Safari\//.test(userAgent) ? 'Safari' :
    /curl\//i.test(userAgent) ? 'curl' : 'A browser';
  const system =
    /iPhone|iPad/.test(userAgent) ? 'iOS' :
    /Android/.test(userAgent) ? 'Android' :
    /Windows/.test(userAgent) ? 'Windows' :
    /Mac OS X|Macintosh/.test(userAgent) ? 'macOS' :
    /Linux/.test(userAgent) ? 'Linux' : undefined;
  return system ? `${browser} on ${system}` : browser;
}
