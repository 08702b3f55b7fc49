/**
 * Scaffolding: the user's side of a VFIO device fd. open() is the group's
 * VFIO_GROUP_GET_DEVICE_FD ioctl, ioctl() and close() are the system calls; each is traced as a
 * user call and goes through the machine's fd table to the kernel's file operations
 * (drivers/vfio/group.c and vfio_main.c), where the open count lives.
 */

import { vfio_group_ioctl_get_device_fd } from "./drivers/vfio/group";
import { vfio_device_fops_release, vfio_device_fops_unl_ioctl } from "./drivers/vfio/vfio_main";
import { forkable } from "./fork";
import { EBADF, EFAULT, ENOTTY } from "./include/errno";
import { ioctlName, irqSetFlagsName } from "./include/uapi_vfio";
import type { Machine } from "./machine";
import type { TraceArgs } from "./trace";

/** An open VFIO device fd. */
export interface VfioDeviceFd {
  /** The fd number. */
  readonly fd: number;
  readonly bdf: string;
  /** True after close(). */
  readonly closed: boolean;
  /**
   * ioctl(fd, request, arg): 0, a positive count, or a negative errno. Results are written back
   * into `arg` (GET_IRQ_INFO fills `flags` and `count`). A closed fd gives -EBADF, an unknown
   * request -ENOTTY, a missing argument or one that cannot be written -EFAULT (a bad user pointer),
   * malformed fields -EINVAL.
   */
  ioctl(request: number, arg: object): number;
  /** close(fd): 0, or -EBADF if already closed. */
  close(): number;
}

function ioctlArgs(fd: number, request: number, arg: unknown): TraceArgs {
  const args: TraceArgs = { fd, request: ioctlName(request) };
  if (arg && typeof arg === "object") {
    const a = arg as Record<string, unknown>;
    for (const k of ["argsz", "flags", "index", "start", "count"] as const) {
      const v = a[k];
      if (typeof v === "number") args[k] = k === "flags" && "start" in a ? irqSetFlagsName(v) : v;
    }
    if (Array.isArray(a.data)) args.data = `[${a.data.map((x) => String(x)).join(",")}]`;
  }
  return args;
}

/** ioctl(2) on `fd`: the file's unlocked_ioctl, -EBADF for a closed fd, -ENOTTY for a file without one. */
function sysIoctl(m: Machine, fd: number, request: number, arg: unknown): number {
  const f = m.files.get(fd); // fdget()
  if (!f) return -EBADF;
  if (!arg || typeof arg !== "object") return -EFAULT; // stands for a user pointer the kernel cannot read
  if (f.f_op !== "vfio_device_fops") return -ENOTTY; // eventfd_fops has no unlocked_ioctl
  return vfio_device_fops_unl_ioctl(f, request, arg as Record<string, unknown>);
}

/** close(2) on `fd`: drop it from the table; the last reference runs the file's release. */
function sysClose(m: Machine, fd: number): number {
  const f = m.files.get(fd);
  if (!f) return -EBADF;
  m.files.delete(fd);
  if (f.f_op === "vfio_device_fops") vfio_device_fops_release(f);
  return 0;
}

/** Opens the VFIO device `bdf`: a fd object, or -ENODEV if it is not bound to vfio-pci. */
export function vfioOpen(m: Machine, bdf: string): VfioDeviceFd | number {
  const t = m.tracer;
  const fd = t.call(
    "user",
    "ioctl",
    { request: "VFIO_GROUP_GET_DEVICE_FD", name: bdf },
    () => vfio_group_ioctl_get_device_fd(m, bdf),
    undefined,
    m.devices.has(bdf) ? bdf : undefined,
  );
  return fd < 0 ? fd : deviceFdHandle(m, fd, bdf);
}

/** The user's handle of open device fd `fd`; a fork of the machine rebuilds it around the copy. */
function deviceFdHandle(m: Machine, fd: number, bdf: string): VfioDeviceFd {
  const t = m.tracer;
  const handle: VfioDeviceFd = {
    fd,
    bdf,
    get closed() {
      return !m.files.has(fd); // fd numbers are never reused in the model
    },
    ioctl: (request: number, arg: object): number =>
      t.call("user", "ioctl", ioctlArgs(fd, request, arg), () => sysIoctl(m, fd, request, arg), undefined, bdf),
    close: (): number => t.call("user", "close", { fd }, () => sysClose(m, fd), undefined, bdf),
  };
  return forkable(handle, (clone) => deviceFdHandle(clone(m), fd, bdf));
}
