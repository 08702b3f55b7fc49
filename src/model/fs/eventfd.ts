/**
 * eventfd lookup for VFIO triggers.
 * @kernel fs/eventfd.c
 */
import { EBADF, EINVAL } from "../include/errno";
import type { eventfd_ctx } from "../kernel/irq/manage";
import type { Machine } from "../machine";

/**
 * eventfd_ctx_fdget - the eventfd context behind `fd`: -EBADF if `fd` is not open, -EINVAL if it
 * is open but not an eventfd. The model passes the machine first: file tables are per host.
 * @kernel fs/eventfd.c
 */
export function eventfd_ctx_fdget(m: Machine, fd: number): eventfd_ctx | number {
  const f = m.files.get(fd);
  if (f === undefined) return -EBADF;
  if (f !== "eventfd") return -EINVAL;
  return { fd, machine: m };
}
