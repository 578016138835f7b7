/**
 * The `webauthn` command: Chromium's virtual authenticators (CDP's WebAuthn domain) for the passkey
 * tests, so `navigator.credentials.create` runs for real without a device. Only Chromium's driver
 * speaks CDP: in Firefox and WebKit the command answers `{ available: false }` and the tests there
 * cover what needs no authenticator (no WebAuthn at all, a cancel).
 *
 * Payloads: `{ action: 'add', transport: 'internal' | 'usb', userVerified? }` → `{ available, id }`
 * (a CTAP2 authenticator with resident keys and user verification; `internal` is a platform one);
 * `{ action: 'set', id, userVerified?, presence? }` (presence off: it never answers); `{ action:
 * 'credentials', id }` → `{ credentials }`; `{ action: 'clear' }` removes the session's authenticators.
 */
export function virtualAuthenticator() {
  /** Per test session: its CDP session and the authenticators it added. */
  const sessions = new Map();

  async function cdpOf(session) {
    if (!sessions.has(session.id)) {
      const page = session.browser.getPage(session.id);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('WebAuthn.enable', { enableUI: false });
      sessions.set(session.id, { cdp, ids: new Set() });
    }
    return sessions.get(session.id);
  }

  return {
    name: 'virtual-authenticator',
    async executeCommand({ command, payload, session }) {
      if (command !== 'webauthn') return undefined;
      if (session.browser.type !== 'playwright' || session.browser.name !== 'Chromium') return { available: false };
      const state = await cdpOf(session);
      const { cdp, ids } = state;
      switch (payload.action) {
        case 'add': {
          const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
            options: {
              protocol: 'ctap2',
              ctap2Version: 'ctap2_1',
              transport: payload.transport,
              hasResidentKey: true,
              hasUserVerification: true,
              isUserVerified: payload.userVerified ?? true,
              automaticPresenceSimulation: true,
            },
          });
          ids.add(authenticatorId);
          return { available: true, id: authenticatorId };
        }
        case 'set':
          if (payload.userVerified !== undefined)
            await cdp.send('WebAuthn.setUserVerified', { authenticatorId: payload.id, isUserVerified: payload.userVerified });
          if (payload.presence !== undefined)
            await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: payload.id, enabled: payload.presence });
          return { available: true };
        case 'credentials':
          return { available: true, ...(await cdp.send('WebAuthn.getCredentials', { authenticatorId: payload.id })) };
        case 'clear':
          for (const id of ids) await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: id });
          ids.clear();
          return { available: true };
        default:
          throw new Error(`webauthn: unknown action ${payload.action}`);
      }
    },
    async serverStop() {
      sessions.clear();
    },
  };
}
