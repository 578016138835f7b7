/**
 * React 19: the wizard in a settings page. `import 'twofa-enroll/react'` adds every tag to JSX with
 * its attributes, properties and events typed; React 19 sets `adapter` as a property (the element has
 * one) and `require-password` as an attribute, and `ontwofa-complete` listens to `twofa-complete`.
 */
import { useMemo, useState } from 'react';
import type { CSSProperties } from 'react';
import 'twofa-enroll';
import 'twofa-enroll/react';
import { HttpAdapter } from 'twofa-enroll/adapter/http';
import type { TwofaCompleteEvent } from 'twofa-enroll';

export function TwoFactorSetup({ csrfToken, onDone }: { csrfToken: string; onDone: (methods: string[]) => void }) {
  const adapter = useMemo(() => new HttpAdapter({ endpoint: '/api/2fa', headers: { 'X-CSRF-Token': csrfToken } }), [csrfToken]);
  const [step, setStep] = useState<string>('info');
  const theme = { '--twofa-accent': '#0b7a53', '--twofa-radius': '0' } as CSSProperties;

  return (
    <section aria-label="Two-factor authentication">
      <twofa-enroll
        adapter={adapter}
        require-password
        sms="optional"
        lang="nb"
        style={theme}
        ontwofa-step-change={(event) => setStep(event.detail.to)}
        ontwofa-complete={(event: TwofaCompleteEvent) => onDone(event.detail.methods)}
        ontwofa-cancel={(event) => console.info('cancelled on', event.detail.step)}
        ontwofa-error={(event) => console.warn(event.detail.code, event.detail.retryAfter)}
      >
        <a href="/settings">Back to settings</a>
      </twofa-enroll>
      <p hidden id="current-step">
        {step}
      </p>
    </section>
  );
}

/** A step on its own, e.g. in a design review page. */
export function QrStepPreview({ uri, secret }: { uri: string; secret: string }) {
  return <twofa-step-qr uri={uri} secret={secret} issuer="Example" account="jane@example.com" manual-open ontwofa-next={() => undefined} />;
}

/** What the typings refuse. */
export function Mistakes() {
  return (
    <>
      {/* @ts-expect-error: "sometimes" is not an SMS policy */}
      <twofa-enroll sms="sometimes" />
      {/* @ts-expect-error: the complete event's detail has no `code` */}
      <twofa-enroll ontwofa-complete={(event) => event.detail.code} />
      {/* @ts-expect-error: `digits` is a number */}
      <twofa-code-input digits="six" />
    </>
  );
}
