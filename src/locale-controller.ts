import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  intlLocale,
  isKitLocaleLoaded,
  kitLocales,
  kitLocale,
  langAncestors,
  loadKitLocale,
  resolveLang,
  useKitLocale,
  type KitLocale,
} from './localization.js';

type Host = ReactiveControllerHost & HTMLElement & { readonly hasUpdated: boolean };

/**
 * Keeps an element in its language (see `resolveLang`): follows `lang` on the element, on its
 * ancestors (through shadow roots) and on `<html>`, and the browser's `languagechange`; loads the
 * kit locale it needs, then re-renders the element in place, so properties, state and whatever the
 * user typed in its fields survive a switch. Until the translations have arrived, an element that
 * has not rendered yet waits rather than flash English (a failed load renders English); one that
 * has rendered keeps its current language until the new one is ready.
 *
 * One per element: `TwofaElement` (the base class of every kit element) creates it. The kit's
 * counterpart of `@lit/localize`'s `@localized()`, for the kit's private runtime; it does not
 * listen to the host page's `lit-localize-status` events.
 */
export class LocaleController implements ReactiveController {
  /** The element's language, a BCP 47 tag as declared (`nb-NO`, `sv`, `de`) or preferred by the browser. */
  lang = '';
  /** The kit locale the element renders in now. */
  locale: KitLocale = 'en';

  /** The load of the locale the element asked for last, until it is in. */
  private _pending?: Promise<void>;
  private _observer?: MutationObserver;

  constructor(private readonly host: Host) {
    host.addController(this);
    const scheduler = host as unknown as { scheduleUpdate(): void | Promise<unknown> };
    const schedule = scheduler.scheduleUpdate;
    // The first render waits for the element's language (Lit awaits a promise returned here; it always settles).
    scheduler.scheduleUpdate = () => {
      const pending = host.hasUpdated ? undefined : this._pending;
      return pending ? pending.then(() => schedule.call(host)) : schedule.call(host);
    };
  }

  /** The locale for `Intl` formatting next to this element's text (dates, country names): see `intlLocale`. */
  get intlLocale(): string {
    return intlLocale(this.lang || this.locale, this.locale);
  }

  /** Runs `fn` with `msg` translating into this element's language: for strings made outside `render()`. */
  run<T>(fn: () => T): T {
    const previous = useKitLocale(this.locale);
    try {
      return fn();
    } finally {
      useKitLocale(previous);
    }
  }

  hostConnected(): void {
    this._observer = new MutationObserver(this._refresh);
    for (const element of langAncestors(this.host)) this._observer.observe(element, { attributes: true, attributeFilter: ['lang'] });
    addEventListener('languagechange', this._refresh);
    kitLocales.addEventListener('load', this._refresh);
    this._refresh();
  }

  hostDisconnected(): void {
    this._observer?.disconnect();
    removeEventListener('languagechange', this._refresh);
    kitLocales.removeEventListener('load', this._refresh);
  }

  hostUpdate(): void {
    useKitLocale(this.locale);
  }

  private _refresh = (): void => {
    const lang = resolveLang(this.host);
    const wanted = kitLocale(lang);
    if (wanted === this.locale && lang === this.lang) return; // nothing to do (e.g. another locale arrived)
    // Intl formatting follows a new tag at once; the text follows once its translations are in.
    if (lang !== this.lang || wanted !== this.locale) this.host.requestUpdate();
    this.lang = lang;
    this._pending = undefined;
    if (isKitLocaleLoaded(wanted)) {
      this.locale = wanted;
      return;
    }
    const pending: Promise<void> = loadKitLocale(wanted)
      .catch((error: unknown) => console.warn(`twofa-enroll: no "${wanted}" translations`, error))
      .then(() => {
        if (this._pending !== pending) return; // another language was asked for meanwhile
        this._pending = undefined;
        this.locale = isKitLocaleLoaded(wanted) ? wanted : 'en';
        this.host.requestUpdate();
      });
    this._pending = pending;
  };
}
