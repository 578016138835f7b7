/**
 * A pragmatic shape check (the server is the judge): something@domain.tld, no spaces, at most 254
 * characters (RFC 5321). Unicode is welcome: `åse@eksempel.no`.
 */
export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/u.test(value);
}
