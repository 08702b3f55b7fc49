/**
 * eventfd: the files QEMU hands to VFIO as interrupt triggers, and their lookup by fd.
 * @kernel fs/eventfd.c
 */
import { EBADF, EINVAL } from "../include/errno";
import { allocFd, type Machine } from "../machine";

/**
 * `struct eventfd_ctx`, reduced: the fd the eventfd was created under (the trace names triggers
 * by it) and the machine it lives on. The kernel keeps the context opaque inside fs/eventfd.c.
 */
export interface eventfd_ctx {
  fd: number;
  machine: Machine;
}

/**
 * do_eventfd - eventfd2(2): a new eventfd file installed at a new fd; returns the fd. `count`
 * and `flags` are accepted and ignored (the model never signals). @kernel fs/eventfd.c
 */
export function do_eventfd(m: Machine, count: number, flags: number): number {
  void count;
  void flags;
  const fd = allocFd(m); // get_unused_fd_flags()
  const ctx: eventfd_ctx = { fd, machine: m };
  m.files.set(fd, { f_op: "eventfd_fops", private_data: ctx }); // anon_inode_getfile(); fd_install()
  return fd;
}

/**
 * eventfd_ctx_fdget - the eventfd context behind `fd`: -EBADF if `fd` is not open, -EINVAL if it
 * is open but not an eventfd. The model passes the machine first: file tables are per host.
 * @kernel fs/eventfd.c
 */
export function eventfd_ctx_fdget(m: Machine, fd: number): eventfd_ctx | number {
  const f = m.files.get(fd); // fdget()
  if (f === undefined) return -EBADF;
  if (f.f_op !== "eventfd_fops") return -EINVAL; // eventfd_ctx_fileget()
  return f.private_data;
}
