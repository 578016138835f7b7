/** Light modules around the symbol that scanners need to find it (the QR standard's minimum). */
export const QUIET_ZONE = 4;

/**
 * One SVG path for the dark modules of a QR matrix (row by row, 1 = dark), in module
 * units, offset by the quiet zone. Runs of dark modules in a row become one rectangle,
 * which keeps a version-10 code's path to a few kilobytes.
 */
export function qrPath(size: number, data: ArrayLike<number>, margin = QUIET_ZONE): string {
  let d = '';
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!data[y * size + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && data[y * size + x]) x++;
      d += `M${start + margin} ${y + margin}h${x - start}v1h-${x - start}z`;
    }
  }
  return d;
}
