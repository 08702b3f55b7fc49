/**
 * Linux errno numbers used by the model, with their names and glibc messages.
 *
 * Kernel functions in the model return these *negated* (`-ERANGE`), exactly as the
 * kernel does. Values from include/uapi/asm-generic/errno-base.h, errno.h and
 * include/linux/errno.h (ENOTSUPP is kernel-internal, 524, and has no glibc text).
 * @kernel include/uapi/asm-generic/errno-base.h, include/linux/errno.h
 */

/** Operation not permitted. */
export const EPERM = 1;
/** No such file or directory. */
export const ENOENT = 2;
/** Bad file descriptor. */
export const EBADF = 9;
/** Cannot allocate memory. */
export const ENOMEM = 12;
/** Bad address: what copy_to_user()/copy_from_user() failures return. */
export const EFAULT = 14;
/** Permission denied. */
export const EACCES = 13;
/** Device or resource busy. */
export const EBUSY = 16;
/** No such device. */
export const ENODEV = 19;
/** Invalid argument. */
export const EINVAL = 22;
/** Inappropriate ioctl for device. */
export const ENOTTY = 25;
/** No space left on device. */
export const ENOSPC = 28;
/** Numerical result out of range. */
export const ERANGE = 34;
/** Operation not supported. */
export const EOPNOTSUPP = 95;
/** Kernel-internal "operation is not supported" (include/linux/errno.h), never seen by glibc. */
export const ENOTSUPP = 524;

const TABLE: Record<number, [name: string, text: string]> = {
  [EPERM]: ["EPERM", "Operation not permitted"],
  [ENOENT]: ["ENOENT", "No such file or directory"],
  [EBADF]: ["EBADF", "Bad file descriptor"],
  [ENOMEM]: ["ENOMEM", "Cannot allocate memory"],
  [EFAULT]: ["EFAULT", "Bad address"],
  [EACCES]: ["EACCES", "Permission denied"],
  [EBUSY]: ["EBUSY", "Device or resource busy"],
  [ENODEV]: ["ENODEV", "No such device"],
  [EINVAL]: ["EINVAL", "Invalid argument"],
  [ENOTTY]: ["ENOTTY", "Inappropriate ioctl for device"],
  [ENOSPC]: ["ENOSPC", "No space left on device"],
  [ERANGE]: ["ERANGE", "Numerical result out of range"],
  [EOPNOTSUPP]: ["EOPNOTSUPP", "Operation not supported"],
  // glibc has no text for 524; this is what strerror() prints for an unknown number.
  [ENOTSUPP]: ["ENOTSUPP", "Unknown error 524"],
};

/**
 * errnoName - the symbolic name of an errno.
 * @param n - an errno, positive or negated (`34` and `-34` both give `'ERANGE'`)
 * @returns the name, or `'E?<n>'` for a number the model does not know
 */
export function errnoName(n: number): string {
  const e = TABLE[Math.abs(n)];
  return e ? e[0] : `E?${Math.abs(n)}`;
}

/**
 * strerror - glibc's message for an errno, as QEMU prints it with `strerror(-ret)`.
 * @param n - an errno, positive or negated
 * @returns e.g. `'Numerical result out of range'`; `'Unknown error <n>'` otherwise (glibc's form)
 */
export function strerror(n: number): string {
  const e = TABLE[Math.abs(n)];
  return e ? e[1] : `Unknown error ${Math.abs(n)}`;
}
