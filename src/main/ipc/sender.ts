/**
 * Who sent an operation call. The Electron binding and the served wizard's server both reduce
 * their transport's sender to this shape, so the one check below is what guards every call.
 */
export interface SenderInfo {
  /** The URL of the frame the call came from ('' when the frame is gone). */
  frameUrl: string;
  /** True only for the main frame of the app's own window (never a child frame or popup). */
  isAppMainFrame: boolean;
}

/**
 * `scheme://host[:port]` of a URL. WHATWG URL reports the origin of non-special schemes such as
 * `app://` as the opaque "null", which would make every custom-protocol page look alike.
 */
export function originOf(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.host === '') return undefined;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

export function isTrustedSender(sender: SenderInfo, trustedOrigin: string): boolean {
  if (!sender.isAppMainFrame) return false;
  const origin = originOf(sender.frameUrl);
  return origin !== undefined && origin === trustedOrigin.toLowerCase();
}
