/**
 * Copying to user space. The model's "user memory" is the plain object a caller passes to
 * ioctl(); an object whose fields cannot be written (frozen, or read-only properties) stands for
 * a pointer the kernel cannot write through.
 * @kernel include/linux/uaccess.h
 */

/**
 * copy_to_user - write each field of `from` into `to`; returns the number of fields not copied
 * (0 on success), as the kernel returns the bytes left. Callers return -EFAULT when it is not 0.
 * @kernel include/linux/uaccess.h
 */
export function copy_to_user(to: object, from: Record<string, number>): number {
  const keys = Object.keys(from);
  const done = keys.findIndex((k) => !Reflect.set(to, k, from[k]));
  return done < 0 ? 0 : keys.length - done;
}
