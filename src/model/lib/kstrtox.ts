/**
 * String to integer conversion, as sysfs store functions use it.
 * @kernel lib/kstrtox.c
 */
import { EINVAL, ERANGE } from "../include/errno";

/**
 * kstrtoint - parse an int with base auto-detection (0x hex, 0 octal), an optional sign and one
 * trailing newline. -EINVAL on junk, -ERANGE on overflow. @kernel lib/kstrtox.c
 */
export function kstrtoint(s: string, base: number, res: { value: number }): number {
  void base; // the model supports base 0 only, the one iov.c uses
  const m = /^([+-]?)(0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*)\n?$/i.exec(s);
  if (!m) return -EINVAL;
  const body = m[2]!;
  const mag = body.toLowerCase().startsWith("0x")
    ? Number.parseInt(body.slice(2), 16)
    : body.startsWith("0")
      ? Number.parseInt(body, 8)
      : Number.parseInt(body, 10);
  const v = m[1] === "-" ? -mag : mag;
  if (v > 0x7fffffff || v < -0x80000000) return -ERANGE;
  res.value = v;
  return 0;
}
