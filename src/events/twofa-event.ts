/** What the kit's public events share: they bubble and cross shadow roots, so a page hears them on any ancestor. */
export class TwofaEvent<T> extends CustomEvent<T> {
  constructor(type: string, detail: T) {
    super(type, { bubbles: true, composed: true, detail });
  }
}
