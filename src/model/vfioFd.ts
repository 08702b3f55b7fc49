/**
 * Scaffolding: VFIO device file descriptors. The open count follows drivers/vfio/vfio_main.c:
 * the first open calls `ops->open_device` (vfio_pci_open_device), the last close calls
 * `ops->close_device` (vfio_pci_core_close_device); further opens just share the device.
 */
import { EBADF, EINVAL, ENODEV } from "./include/errno";
import { ioctlName, irqSetFlagsName } from "./include/uapi_vfio";
import type { TraceArgs } from "./trace";
import {
  type vfio_pci_core_device,
  vfio_pci_core_close_device,
  vfio_pci_core_ioctl,
  vfio_pci_open_device,
} from "./drivers/vfio/pci/vfio_pci_core";
import { allocFd, type Machine } from "./machine";

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
   * request -ENOTTY, an unreadable argument -EINVAL.
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

/** Opens the VFIO device `bdf`: a fd object, or -ENODEV if it is not bound to vfio-pci. */
export function vfioOpen(m: Machine, bdf: string): VfioDeviceFd | number {
  const t = m.tracer;
  let vdev: vfio_pci_core_device | null = null;
  const ret = t.call(
    "user",
    "ioctl",
    { request: "VFIO_GROUP_GET_DEVICE_FD", name: bdf },
    () => {
      const pdev = m.devices.get(bdf);
      if (!pdev || pdev.dev.driver?.name !== "vfio-pci") return -ENODEV;
      vdev = pdev.dev.driver_data as vfio_pci_core_device;
      if (++vdev.open_count === 1) {
        const err = vfio_pci_open_device(vdev);
        if (err) {
          vdev.open_count--;
          return err;
        }
      }
      const fd = allocFd(m);
      m.files.set(fd, "vfio-device");
      return fd;
    },
    undefined,
    m.devices.has(bdf) ? bdf : undefined,
  );
  if (ret < 0 || !vdev) return ret;
  const dev: vfio_pci_core_device = vdev;
  const fd = ret;
  let closed = false;
  return {
    fd,
    bdf,
    get closed() {
      return closed;
    },
    ioctl(request: number, arg: object): number {
      return t.call(
        "user",
        "ioctl",
        ioctlArgs(fd, request, arg),
        () => {
          if (closed) return -EBADF;
          if (!arg || typeof arg !== "object") return -EINVAL;
          return vfio_pci_core_ioctl(dev, request, arg as Record<string, unknown>);
        },
        undefined,
        bdf,
      );
    },
    close(): number {
      return t.call(
        "user",
        "close",
        { fd },
        () => {
          if (closed) return -EBADF;
          closed = true;
          m.files.delete(fd);
          if (--dev.open_count === 0) vfio_pci_core_close_device(dev);
          return 0;
        },
        undefined,
        bdf,
      );
    },
  };
}
