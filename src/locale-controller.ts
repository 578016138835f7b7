import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  intlLocale,
  isKitLocaleLoaded,
  kitLocales,
  kitLocale,
  langAncestors,
  loadKitLocale,
  resolveLang,
  translate,
  type KitLocale,
  type KitMsg,
  type Translator,
} from './localization.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Keeps an element in its language (see `resolveLang`): follows `lang` on the element, on its
 * ancestors (through shadow roots) and on `<html>`, and the browser's `languagechange`; loads the
 * kit locale it needs, then re-renders the element in place, so properties, state and whatever the
 * user typed in its fields survive a switch. An element that has rendered keeps its current language
 * until the new one is ready; one that has not waits (`loading`: `TwofaElement` holds its first
 * render back rather than flash English; a failed load renders English).
 *
 * One per element: `TwofaElement` (the base class of every kit element) creates it. The kit's
 * counterpart of `@lit/localize`'s `@localized()`, for the kit's private runtime; it does not
 * listen to the host page's `lit-localize-status` events.
 */
export class LocaleController implements ReactiveController, Translator {
  /** The element's language, a BCP 47 tag as declared (`nb-NO`, `sv`, `de`) or preferred by the browser. */
  lang = '';
  /** The kit locale the element renders in now. */
  locale: KitLocale = 'en';

  /** The load of the locale the element asked for last, until it is in (it always settles). */
  loading?: Promise<void>;
  private _observer?: MutationObserver;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  /** The element's messages, in the locale it renders in now. */
  readonly msg: KitMsg = (template, options) => translate(this.locale, template, options);

  /** The locale for `Intl` formatting next to this element's text (dates, country names): see `intlLocale`. */
  get intlLocale(): string {
    return intlLocale(this.lang || this.locale, this.locale);
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

  private _refresh = (): void => {
    const lang = resolveLang(this.host);
    const wanted = kitLocale(lang);
    if (wanted === this.locale && lang === this.lang) return; // nothing to do (e.g. another locale arrived)
    // Intl formatting follows a new tag at once; the text follows once its translations are in.
    if (lang !== this.lang || wanted !== this.locale) this.host.requestUpdate();
    this.lang = lang;
    this.loading = undefined;
    if (isKitLocaleLoaded(wanted)) {
      this.locale = wanted;
      return;
    }
    const pending: Promise<void> = loadKitLocale(wanted)
      .catch((error: unknown) => console.warn(`twofa-enroll: no "${wanted}" translations`, error))
      .then(() => {
        if (this.loading !== pending) return; // another language was asked for meanwhile
        this.loading = undefined;
        this.locale = isKitLocaleLoaded(wanted) ? wanted : 'en';
        this.host.requestUpdate();
      });
    this.loading = pending;
  };
}
