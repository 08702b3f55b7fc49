/**
 * A QEMU-like VFIO user after hw/vfio/pci.c (source Q, QEMU 10.x era; device.c = QD): realize
 * reads the MSI-X Table Size once, then the guest's MSI-X enable, vector unmask and disable
 * turn into the same SET_IRQS calls QEMU makes, on the dynamic or the NORESIZE path.
 * Log texts follow QEMU's format strings; the messages themselves are derived, not observed.
 */
import { EINVAL, strerror } from "../../../include/errno";
import { PCI_MSIX_FLAGS, PCI_MSIX_FLAGS_QSIZE } from "../../../include/pci_regs";
import {
  irqSetArgsz,
  VFIO_DEVICE_GET_IRQ_INFO,
  VFIO_DEVICE_SET_IRQS,
  VFIO_IRQ_INFO_NORESIZE,
  VFIO_IRQ_INFO_SIZE,
  VFIO_IRQ_SET_ACTION_TRIGGER,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_IRQ_SET_DATA_NONE,
  VFIO_PCI_MSIX_IRQ_INDEX,
  type vfio_irq_info,
} from "../../../include/uapi_vfio";
import type { Tracer } from "../../../trace";
import type { VfioDeviceFd } from "../../../vfioFd";

/** What the QEMU model needs from its host. */
export interface QemuEnv {
  tracer: Tracer;
  open(bdf: string): VfioDeviceFd | number;
  eventfd(): number;
  closeEventfd(fd: number): void;
  /** The VFIO config region read (a passthrough of the MSI-X Message Control word here; UNVERIFIED). */
  configRead(bdf: string, offset: number): number;
  msixCap(bdf: string): number;
}

/** One VFIOMSIVector: whether the guest uses it, and its interrupt eventfd. */
interface VFIOMSIVector {
  use: boolean;
  fd: number;
}

/** A QEMU vfio-pci device instance for one host device. */
export class QemuVfioPci {
  /** `msix->entries`: the Table Size read once at realize. */
  entries = 0;
  /** `msix->noresize`: VFIO_IRQ_INFO_NORESIZE of the MSI-X index at realize. */
  noresize = true;
  /** `vdev->nr_vectors`. */
  nr_vectors = 0;
  /** error_report() lines. */
  readonly log: string[] = [];
  private vectors: VFIOMSIVector[] = [];
  private msixOn = false;
  private fd: VfioDeviceFd | null = null;
  private openErr = 0;

  constructor(
    private env: QemuEnv,
    readonly bdf: string,
  ) {
    this.call("vfio_pci_realize", {}, () => {
      const fd = env.open(bdf);
      if (typeof fd === "number") {
        this.openErr = fd;
        this.log.push(`vfio ${bdf}: error getting device from group: ${strerror(fd)}`);
        return fd;
      }
      this.fd = fd;
      return this.vfio_msix_early_setup();
    });
  }

  private call(fn: string, args: Record<string, number | string | boolean>, body: () => number): number {
    return this.env.tracer.call("user", fn, args, body, undefined, this.bdf);
  }

  private set_irqs(irq_set: {
    argsz: number;
    flags: number;
    index: number;
    start: number;
    count: number;
    data?: number[];
  }): number {
    if (!this.fd) return this.openErr;
    return this.fd.ioctl(VFIO_DEVICE_SET_IRQS, irq_set);
  }

  /** vfio_msix_early_setup - read the Table Size once (`entries`), then NORESIZE from GET_IRQ_INFO. */
  private vfio_msix_early_setup(): number {
    return this.call("vfio_msix_early_setup", {}, () => {
      const pos = this.env.msixCap(this.bdf);
      const ctrl = this.env.configRead(this.bdf, pos + PCI_MSIX_FLAGS);
      this.entries = (ctrl & PCI_MSIX_FLAGS_QSIZE) + 1;
      const irq_info: vfio_irq_info = { argsz: VFIO_IRQ_INFO_SIZE, index: VFIO_PCI_MSIX_IRQ_INDEX };
      const ret = this.fd!.ioctl(VFIO_DEVICE_GET_IRQ_INFO, irq_info);
      if (ret) return ret;
      this.noresize = !!((irq_info.flags ?? 0) & VFIO_IRQ_INFO_NORESIZE);
      this.env.tracer.arg("entries", this.entries);
      this.env.tracer.arg("noresize", this.noresize);
      return 0;
    });
  }

  /** vfio_enable_msix_no_vec - MSI-X on with no vector: SET_IRQS(start 0, count 1, fd -1). */
  private vfio_enable_msix_no_vec(): number {
    return this.call("vfio_enable_msix_no_vec", {}, () =>
      this.set_irqs({
        argsz: irqSetArgsz(1, "eventfd"),
        flags: VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER,
        index: VFIO_PCI_MSIX_IRQ_INDEX,
        start: 0,
        count: 1,
        data: [-1],
      }),
    );
  }

  /** vfio_enable_vectors - (dynamic: no_vec first) then SET_IRQS(0, nr_vectors) with used fds, -1 elsewhere. */
  private vfio_enable_vectors(msix: boolean): number {
    return this.call("vfio_enable_vectors", { msix }, () => {
      if (msix && !this.noresize) {
        const ret = this.vfio_enable_msix_no_vec();
        if (ret) return ret;
      }
      const fds: number[] = [];
      for (let i = 0; i < this.nr_vectors; i++) fds.push(this.vectors[i]?.use ? this.vectors[i]!.fd : -1);
      return this.set_irqs({
        argsz: irqSetArgsz(this.nr_vectors, "eventfd"),
        flags: VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER,
        index: VFIO_PCI_MSIX_IRQ_INDEX,
        start: 0,
        count: this.nr_vectors,
        data: fds,
      });
    });
  }

  /** vfio_device_irq_disable - SET_IRQS(DATA_NONE|ACTION_TRIGGER, start 0, count 0). (QD) */
  private vfio_device_irq_disable(index: number): number {
    return this.call("vfio_device_irq_disable", { index }, () =>
      this.set_irqs({
        argsz: irqSetArgsz(0, "none"),
        flags: VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
        index,
        start: 0,
        count: 0,
      }),
    );
  }

  /** vfio_device_irq_set_signaling - one-vector SET_IRQS(start = subindex, count 1, fd). (QD) */
  private vfio_device_irq_set_signaling(index: number, subindex: number, action: number, fd: number): number {
    return this.call("vfio_device_irq_set_signaling", { index, subindex, fd }, () => {
      const ret = this.set_irqs({
        argsz: irqSetArgsz(1, "eventfd"),
        flags: VFIO_IRQ_SET_DATA_EVENTFD | action,
        index,
        start: subindex,
        count: 1,
        data: [fd],
      });
      if (ret < 0) {
        // error_setg_errno + error_prepend ×2, reported with VFIO_MSG_PREFIX (derived text)
        this.log.push(
          `vfio ${this.bdf}: Failed to ${fd < 0 ? "tear down" : "set up"} TRIGGER eventfd signaling for interrupt MSIX-${subindex}: VFIO_DEVICE_SET_IRQS failure: ${strerror(ret)}`,
        );
      }
      return ret;
    });
  }

  /**
   * The guest sets MSI-X Enable: vfio_msix_enable(). With no vector in use yet this is
   * vfio_enable_msix_no_vec(). Returns 0 or the failing ioctl's negative errno.
   */
  enableMsix(): number {
    return this.call("vfio_msix_enable", {}, () => {
      if (this.msixOn) this.disableMsix(); // vfio_disable_interrupts()
      this.vectors = Array.from({ length: this.entries }, () => ({ use: false, fd: -1 }));
      this.msixOn = true; // vdev->interrupt = VFIO_INT_MSIX
      let ret: number;
      if (this.nr_vectors) {
        ret = this.vfio_enable_vectors(true);
        if (ret) this.log.push(`vfio: failed to enable vectors, ${strerror(ret)}`);
      } else {
        ret = this.vfio_enable_msix_no_vec();
        if (ret) this.log.push(`vfio: failed to enable MSI-X, ${strerror(ret)}`);
      }
      return ret;
    });
  }

  /**
   * The guest unmasks vector `nr`: vfio_msix_vector_do_use(). Dynamic path: one-vector SET_IRQS
   * with a new eventfd. NORESIZE path when `nr` grows the set: disable, then re-enable nr+1.
   * Returns 0 or a negative errno; -EINVAL without an ioctl if MSI-X is off or `nr` is beyond
   * the table (QEMU never calls vector_use then: a model guard).
   */
  useVector(nr: number): number {
    return this.call("vfio_msix_vector_do_use", { nr }, () => {
      if (!this.fd) return this.openErr;
      if (!this.msixOn || !Number.isInteger(nr) || nr < 0 || nr >= this.entries) {
        this.log.push(`model: vector ${nr} not usable (MSI-X ${this.msixOn ? "on" : "off"}, ${this.entries} entries)`);
        return -EINVAL;
      }
      const vector = this.vectors[nr]!;
      if (!vector.use) {
        vector.use = true;
        vector.fd = this.env.eventfd(); // vfio_notifier_init(..., "interrupt", nr)
      }
      const resizing = this.nr_vectors < nr + 1;
      if (resizing) this.nr_vectors = nr + 1;
      if (this.noresize && resizing) {
        this.vfio_device_irq_disable(VFIO_PCI_MSIX_IRQ_INDEX);
        const ret = this.vfio_enable_vectors(true);
        if (ret) this.log.push(`vfio: failed to enable vectors, ${strerror(ret)}`);
        return ret;
      }
      // set_irq_signalling()
      return this.vfio_device_irq_set_signaling(VFIO_PCI_MSIX_IRQ_INDEX, nr, VFIO_IRQ_SET_ACTION_TRIGGER, vector.fd);
    });
  }

  /** The guest clears MSI-X Enable: vfio_msix_disable(). Returns the disable ioctl's result. */
  disableMsix(): number {
    return this.call("vfio_msix_disable", {}, () => {
      if (!this.fd) return this.openErr;
      // vfio_msix_vector_release(): without KVM irqfd (virq < 0) nothing goes to the kernel.
      const ret = this.vfio_device_irq_disable(VFIO_PCI_MSIX_IRQ_INDEX);
      for (const v of this.vectors) if (v.use) this.env.closeEventfd(v.fd);
      this.vectors = [];
      this.nr_vectors = 0;
      this.msixOn = false; // vdev->interrupt = VFIO_INT_NONE
      return ret;
    });
  }

  /** QEMU exits: disable MSI-X if enabled, close the device fd. Returns the first error. */
  shutdown(): number {
    return this.call("vfio_pci_put_device", {}, () => {
      if (!this.fd) return this.openErr;
      let ret = 0;
      if (this.msixOn) ret = this.disableMsix();
      const c = this.fd.close();
      return ret || c;
    });
  }

  /** True while the guest has MSI-X enabled. */
  get msixEnabled(): boolean {
    return this.msixOn;
  }
}
