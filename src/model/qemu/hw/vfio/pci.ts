/**
 * A QEMU-like VFIO user after hw/vfio/pci.c: realize reads the MSI-X Table Size once, then the
 * guest's MSI-X enable, vector unmask and disable turn into the SET_IRQS calls the host's QEMU
 * version makes (QemuFeatures in profiles.ts):
 * - 8.1: enabling MSI-X uses vector 0 and releases it; every new highest vector disables MSI-X
 *   and re-enables nr + 1 vectors (the kernel's enable path, vfio_msi_enable());
 * - 8.2 and 10.1: MSI-X is enabled with no vector (fd -1); a new vector is added on its own
 *   (the kernel's dynamic path) unless the kernel reports NORESIZE, when it re-enables as 8.1 did.
 * QEMU reports failures with error_report(); its functions here return what QEMU's do (do_use
 * returns 0 whatever happened). The public methods return the -errno of the first SET_IRQS that
 * failed and that QEMU checks, or 0: a convenience of the model, not something QEMU returns.
 * @kernel hw/vfio/pci.c (QEMU 8.1.0 as patched by the 8.2 vfio pull, Message-ID
 * 20231009064900.1465361-1-clg@redhat.com; 10.x: source Q)
 */
import { EINVAL, strerror } from "../../../include/errno";
import { PCI_MSIX_FLAGS, PCI_MSIX_FLAGS_QSIZE } from "../../../include/pci_regs";
import {
  VFIO_DEVICE_GET_IRQ_INFO,
  VFIO_IRQ_INFO_NORESIZE,
  VFIO_IRQ_INFO_SIZE,
  VFIO_PCI_MSIX_IRQ_INDEX,
  type vfio_irq_info,
} from "../../../include/uapi_vfio";
import type { TraceArgs, TraceRet } from "../../../trace";
import {
  error_report,
  type QemuEnv,
  qemuRet,
  reportSignalingError,
  retText,
  setEventfds,
  type VFIODevice,
  vfio_device_irq_disable,
  vfio_device_irq_set_signaling,
} from "./device";

export type { QemuEnv } from "./device";

/** One VFIOMSIVector: used, and its eventfd. Frozen and replaced on change: forks share it (fork.ts). */
interface VFIOMSIVector {
  readonly use: boolean;
  readonly fd: number;
}
/** A vector the guest has not used: what g_new0() leaves in each slot. */
const UNUSED_VECTOR: VFIOMSIVector = Object.freeze({ use: false, fd: -1 });

/** A QEMU vfio-pci device instance for one host device. */
export class QemuVfioPci {
  /** `msix->entries`: the Table Size read once at realize. */
  entries = 0;
  /**
   * `msix->noresize`: VFIO_IRQ_INFO_NORESIZE of the MSI-X index at realize (QEMU 8.2+). QEMU 8.1
   * has no such field and behaves as if it were always set, so it reads `true` there.
   */
  noresize = true;
  /** `vdev->nr_vectors`: one past the highest vector in use. */
  nr_vectors = 0;
  private vectors: VFIOMSIVector[] = [];
  private msixOn = false;
  private readonly vbasedev: VFIODevice;
  /** `vdev->defer_kvm_irq_routing`: set while msix_set_vector_notifiers() replays unmasked vectors. */
  private defer = false;
  /** The first -errno of a checked SET_IRQS during the current public call. */
  private failed = 0;

  constructor(
    private env: QemuEnv,
    readonly bdf: string,
  ) {
    this.vbasedev = { env, name: bdf, fd: null, openErr: 0, log: [] };
    // QEMU's realize returns nothing and fails through its Error **errp; the trace records 0 or
    // the errno of that failure, so a reader (and the explorer) can tell a realize that failed.
    const realized = (r: number) => r;
    this.call(
      "vfio_pci_realize",
      {},
      () => {
        const fd = env.open(bdf);
        if (typeof fd === "number") {
          this.vbasedev.openErr = fd;
          error_report(this.vbasedev, `vfio ${bdf}: error getting device from group: ${strerror(fd)}`);
          return fd;
        }
        this.vbasedev.fd = fd;
        return this.vfio_msix_early_setup();
      },
      realized,
    );
  }

  /** error_report() lines, in order. */
  get log(): string[] {
    return this.vbasedev.log;
  }

  /** True while the guest has MSI-X enabled. */
  get msixEnabled(): boolean {
    return this.msixOn;
  }

  private call(fn: string, args: TraceArgs, body: () => number, ret: (r: number) => TraceRet = () => null): number {
    return this.env.tracer.call("user", fn, args, body, ret, this.bdf);
  }

  private note(ret: number): number {
    if (ret < 0 && !this.failed) this.failed = ret;
    return ret;
  }

  /** Runs one guest action with the error record cleared; returns its first checked -errno. */
  private action(body: () => void): number {
    if (!this.vbasedev.fd) return this.vbasedev.openErr;
    this.failed = 0;
    body();
    return this.failed;
  }

  /** vfio_msix_early_setup - read the Table Size once (`entries`); from 8.2 also NORESIZE from GET_IRQ_INFO. */
  private vfio_msix_early_setup(): number {
    return this.call("vfio_msix_early_setup", {}, () => {
      const pos = this.env.msixCap(this.bdf);
      const ctrl = this.env.configRead(this.bdf, pos + PCI_MSIX_FLAGS);
      this.entries = (ctrl & PCI_MSIX_FLAGS_QSIZE) + 1;
      this.env.tracer.arg("entries", this.entries);
      if (!this.env.features.noresizeHandling) return 0;
      const irq_info: vfio_irq_info = { argsz: VFIO_IRQ_INFO_SIZE, index: VFIO_PCI_MSIX_IRQ_INDEX };
      const ret = this.vbasedev.fd!.ioctl(VFIO_DEVICE_GET_IRQ_INFO, irq_info);
      if (ret) return ret;
      this.noresize = !!((irq_info.flags ?? 0) & VFIO_IRQ_INFO_NORESIZE);
      this.env.tracer.arg("noresize", this.noresize);
      return 0;
    });
  }

  /** vfio_enable_msix_no_vec - MSI-X on with no vector: SET_IRQS(start 0, count 1, fd -1). QEMU 8.2+. */
  private vfio_enable_msix_no_vec(): number {
    const body = () => this.note(setEventfds(this.vbasedev, VFIO_PCI_MSIX_IRQ_INDEX, 0, [-1]));
    return this.call("vfio_enable_msix_no_vec", {}, body, (r) => qemuRet(this.env, r));
  }

  /**
   * vfio_enable_vectors - one SET_IRQS(0, nr_vectors) with the eventfds of used vectors and -1
   * elsewhere; from 8.2, when NORESIZE is clear, MSI-X is first enabled with no vector so that
   * only the vectors in use get allocated ("the vectors to be allocated and enabled can be scattered").
   */
  private vfio_enable_vectors(msix: boolean): number {
    const body = () => {
      if (msix && !this.noresize) {
        const ret = this.vfio_enable_msix_no_vec();
        if (ret) return ret;
      }
      const fds = Array.from({ length: this.nr_vectors }, (_, i) => (this.vectors[i]?.use ? this.vectors[i]!.fd : -1));
      return this.note(setEventfds(this.vbasedev, VFIO_PCI_MSIX_IRQ_INDEX, 0, fds));
    };
    return this.call("vfio_enable_vectors", { msix }, body, (r) => qemuRet(this.env, r));
  }

  /** Disable the index and re-enable nr_vectors: QEMU's resize when it cannot add one vector. */
  private reenable(): void {
    vfio_device_irq_disable(this.vbasedev, VFIO_PCI_MSIX_IRQ_INDEX);
    const ret = this.vfio_enable_vectors(true);
    if (ret) error_report(this.vbasedev, `vfio: failed to enable vectors, ${retText(this.env, ret)}`);
  }

  /** set_irq_signalling(): point vector `nr` at its eventfd with a one-vector SET_IRQS. */
  private signal(nr: number, fd: number): void {
    const ret = this.note(vfio_device_irq_set_signaling(this.vbasedev, VFIO_PCI_MSIX_IRQ_INDEX, nr, fd));
    if (ret < 0) reportSignalingError(this.vbasedev, nr, fd, ret);
  }

  /**
   * vfio_msix_vector_do_use - the guest unmasked vector `nr`. 8.1: a new highest vector
   * re-enables nr + 1 vectors, any other is signalled. 8.2+: `resizing` re-enables only on the
   * NORESIZE path, else the vector is signalled on its own. Deferred while notifiers replay.
   * Returns 0, as QEMU's does: failures are reported, not returned.
   */
  private vfio_msix_vector_do_use(nr: number): void {
    this.call(
      "vfio_msix_vector_do_use",
      { nr },
      () => {
        let vector = this.vectors[nr]!;
        if (!vector.use) {
          vector = Object.freeze({ use: true, fd: this.env.eventfd() }); // vfio_notifier_init(..., "interrupt", nr)
          this.vectors[nr] = vector;
        }
        const resizing = this.nr_vectors < nr + 1;
        if (resizing) this.nr_vectors = nr + 1;
        if (!this.env.features.noresizeHandling) {
          if (!resizing) this.signal(nr, vector.fd);
          else if (!this.defer) this.reenable();
        } else if (!this.defer) {
          if (this.noresize && resizing) this.reenable();
          else this.signal(nr, vector.fd);
        }
        return 0;
      },
      () => 0,
    );
  }

  /** vfio_msix_vector_release - the guest masked vector `nr`: without a KVM irqfd, nothing reaches the kernel. */
  private vfio_msix_vector_release(nr: number): void {
    this.call("vfio_msix_vector_release", { nr }, () => 0);
  }

  /**
   * vfio_msix_enable - the guest set MSI-X Enable. msix_set_vector_notifiers() first replays
   * vector_use for each vector the guest left unmasked (deferred: it only counts them); then
   * either all of them are enabled at once (vfio_enable_vectors), or MSI-X is enabled with no
   * vector: 8.2+ with fd -1, 8.1 by using vector 0 and releasing it (which leaves it allocated).
   */
  private vfio_msix_enable(unmasked: readonly number[]): void {
    this.call("vfio_msix_enable", {}, () => {
      if (this.msixOn) this.vfio_msix_disable(); // vfio_disable_interrupts()
      this.vectors = Array.from({ length: this.entries }, () => UNUSED_VECTOR);
      this.msixOn = true; // vdev->interrupt = VFIO_INT_MSIX
      this.defer = true; // vfio_prepare_kvm_msi_virq_batch()
      for (const nr of unmasked) this.vfio_msix_vector_do_use(nr);
      this.defer = false; // vfio_commit_kvm_msi_virq_batch()
      if (this.nr_vectors) {
        const ret = this.vfio_enable_vectors(true);
        if (ret) error_report(this.vbasedev, `vfio: failed to enable vectors, ${retText(this.env, ret)}`);
      } else if (this.env.features.noresizeHandling) {
        const ret = this.vfio_enable_msix_no_vec();
        if (ret) error_report(this.vbasedev, `vfio: failed to enable MSI-X, ${retText(this.env, ret)}`);
      } else {
        this.vfio_msix_vector_do_use(0);
        this.vfio_msix_vector_release(0);
      }
      return 0;
    });
  }

  /**
   * vfio_msix_disable - the guest cleared MSI-X Enable: clear the MSI-X index (QEMU 8.1/8.2 only
   * when a vector is in use; from d2b668fca565 always), drop the eventfds. Returns the kernel's
   * result of the disable, which QEMU itself ignores (0 when no ioctl was made).
   */
  private vfio_msix_disable(): number {
    return this.call("vfio_msix_disable", {}, () => {
      // vfio_msix_vector_release() of each used vector: without KVM irqfds, nothing reaches the kernel.
      let ret = 0;
      if (this.nr_vectors || this.env.features.alwaysClearMsix) {
        ret = vfio_device_irq_disable(this.vbasedev, VFIO_PCI_MSIX_IRQ_INDEX);
      }
      for (const v of this.vectors) if (v.use) this.env.closeEventfd(v.fd); // vfio_msi_disable_common()
      this.vectors = [];
      this.nr_vectors = 0;
      this.msixOn = false; // vdev->interrupt = VFIO_INT_NONE
      return ret;
    });
  }

  /**
   * The guest sets MSI-X Enable: vfio_msix_enable(). `unmasked` lists vectors the guest left
   * unmasked in the table beforehand (a restored or migrated guest): QEMU enables them all at once.
   * Returns 0 or the -errno of the first failed SET_IRQS; -EINVAL without an ioctl for a vector
   * outside the table (the MSI-X core never calls vector_use for those: a model guard).
   */
  enableMsix(opts: { unmasked?: readonly number[] } = {}): number {
    const unmasked = [...new Set(opts?.unmasked ?? [])].sort((a, b) => a - b);
    if (this.vbasedev.fd && !unmasked.every((nr) => this.inTable(nr))) return -EINVAL;
    return this.action(() => this.vfio_msix_enable(unmasked));
  }

  /**
   * The guest unmasks vector `nr`: vfio_msix_vector_do_use(). Returns 0 or the -errno of the first
   * failed SET_IRQS (QEMU's own function returns 0 and reports instead); -EINVAL without an ioctl
   * if MSI-X is off or `nr` is not a vector of the table (a model guard: QEMU never gets there).
   */
  useVector(nr: number): number {
    if (this.vbasedev.fd && (!this.msixOn || !this.inTable(nr))) return -EINVAL;
    return this.action(() => this.vfio_msix_vector_do_use(nr));
  }

  /**
   * The guest clears MSI-X Enable: vfio_msix_disable() if it was enabled (QEMU acts on the
   * transition only). Returns the disable ioctl's result, 0 if there was none.
   */
  disableMsix(): number {
    if (!this.vbasedev.fd) return this.vbasedev.openErr;
    return this.msixOn ? this.vfio_msix_disable() : 0;
  }

  /** QEMU exits: disable MSI-X if enabled, close the device fd. Returns the first error. */
  shutdown(): number {
    return this.call("vfio_pci_put_device", {}, () => {
      const fd = this.vbasedev.fd;
      if (!fd) return this.vbasedev.openErr;
      const ret = this.msixOn ? this.vfio_msix_disable() : 0;
      const closed = fd.close(); // whatever the disable returned: QEMU closes the fd on exit
      return ret || closed;
    });
  }

  private inTable(nr: unknown): nr is number {
    return Number.isInteger(nr) && (nr as number) >= 0 && (nr as number) < this.entries;
  }
}
