/**
 * A minimal CBOR decoder (RFC 8949) for what WebAuthn registration sends: the attestation object and
 * the COSE public key in CTAP2's canonical form. Integers, byte and text strings, arrays, maps (as
 * `Map`, since COSE keys are numbers), false/true/null; no tags, floats or indefinite lengths, which
 * it refuses. Throws an Error on anything malformed.
 */
export type CborValue = number | Uint8Array | string | CborValue[] | Map<CborValue, CborValue> | boolean | null;

/** Decodes the item at `offset`: its value, and where the next item starts. */
export function decodeCbor(bytes: Uint8Array, offset = 0): [CborValue, number] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (n: number) => {
    if (offset + n > bytes.length) throw new Error('CBOR: truncated');
  };
  need(1);
  const initial = bytes[offset++];
  const major = initial >> 5;
  const info = initial & 31;
  // The argument: in the initial byte below 24, else in the next 1, 2, 4 or 8 bytes.
  if (info > 27) throw new Error('CBOR: unsupported length');
  const size = info < 24 ? 0 : 2 ** (info - 24);
  need(size);
  const arg =
    size === 0
      ? info
      : size === 1
        ? bytes[offset]
        : size === 2
          ? view.getUint16(offset)
          : size === 4
            ? view.getUint32(offset)
            : Number(view.getBigUint64(offset));
  offset += size;
  switch (major) {
    case 0:
      return [arg, offset];
    case 1:
      return [-1 - arg, offset];
    case 2:
      need(arg);
      return [bytes.slice(offset, offset + arg), offset + arg];
    case 3:
      need(arg);
      return [new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(offset, offset + arg)), offset + arg];
    case 4: {
      const items: CborValue[] = [];
      for (let i = 0; i < arg; i++) [items[i], offset] = decodeCbor(bytes, offset);
      return [items, offset];
    }
    case 5: {
      const map = new Map<CborValue, CborValue>();
      for (let i = 0; i < arg; i++) {
        let key: CborValue, value: CborValue;
        [key, offset] = decodeCbor(bytes, offset);
        [value, offset] = decodeCbor(bytes, offset);
        map.set(key, value);
      }
      return [map, offset];
    }
    case 7:
      if (arg === 20 || arg === 21) return [arg === 21, offset];
      if (arg === 22) return [null, offset];
      throw new Error('CBOR: unsupported simple value');
    default:
      throw new Error('CBOR: tags are not supported');
  }
}
