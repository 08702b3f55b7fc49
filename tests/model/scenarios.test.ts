import { createHost, formatTrace, KERNEL_PROFILES, type KernelProfile } from "msi-lifecycle";
import { describe, expect, test } from "vitest";
import { BDF, boundHost, disableIrqs, hasErange, openFd, setIrqs } from "./helpers";

/** What each profile does on the second open after the table grew 8 → 64 behind the kernel. */
const GROW: Record<KernelProfile, { noresize: boolean; useVector8: number; domainAfter: number | null }> = {
  "v6.1": { noresize: true, useVector8: 0, domainAfter: null },
  "v6.2": { noresize: true, useVector8: -34, domainAfter: 8 },
  "v6.5": { noresize: false, useVector8: -34, domainAfter: 8 },
  "v6.5+fix": { noresize: false, useVector8: 0, domainAfter: 64 },
  "v6.5+warn": { noresize: false, useVector8: -34, domainAfter: 8 },
};

for (const kernel of KERNEL_PROFILES) {
  describe(`lifecycle on ${kernel}`, () => {
    const perDevice = kernel !== "v6.1";

    test("first open: enable MSI-X and use 8 vectors", () => {
      const { host, vf } = boundHost(kernel);
      const vm = host.qemu(vf.bdf);
      expect(vm.entries).toBe(8);
      expect(vm.noresize).toBe(GROW[kernel].noresize);
      expect(vm.enableMsix()).toBe(0);
      for (let n = 0; n < 8; n++) expect(vm.useVector(n)).toBe(0);
      const s = host.inspect(vf.bdf);
      expect(s.descriptors).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(s.vfioContexts).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(s.irqType).toBe("msix");
      expect(s.msixEnabled).toBe(true);
      expect(s.functionMasked).toBe(false);
      expect(s.domain).toEqual(perDevice ? { hwsize: 8 } : null);
      expect(host.lspci(vf.bdf)).toBe("Capabilities: [a0] MSI-X: Enable+ Count=8 Masked-");
    });

    test("close frees vectors and descriptors; the domain stays unless the fix removes it", () => {
      const { host, vf } = boundHost(kernel);
      const vm = host.qemu(vf.bdf);
      vm.enableMsix();
      for (let n = 0; n < 4; n++) vm.useVector(n);
      expect(vm.shutdown()).toBe(0);
      const s = host.inspect(vf.bdf);
      expect(s).toMatchObject({
        descriptors: [],
        vfioContexts: [],
        irqType: "none",
        msixEnabled: false,
        hasDynMsix: null,
      });
      expect(s.domain).toEqual(perDevice && kernel !== "v6.5+fix" ? { hwsize: 8 } : null);
    });

    test("reopen after the firmware grows the table to 64", () => {
      const { host, vf } = boundHost(kernel);
      let vm = host.qemu(vf.bdf);
      vm.enableMsix();
      for (let n = 0; n < 8; n++) vm.useVector(n);
      vm.shutdown();
      vf.firmwareSetMsixCount(64);
      expect(host.lspci(vf.bdf)).toBe("Capabilities: [a0] MSI-X: Enable- Count=64 Masked-");
      vm = host.qemu(vf.bdf);
      expect(vm.entries).toBe(64);
      expect(vm.enableMsix()).toBe(0);
      for (let n = 0; n < 8; n++) expect(vm.useVector(n)).toBe(0);
      expect(vm.useVector(8)).toBe(GROW[kernel].useVector8);
      const d = GROW[kernel].domainAfter;
      expect(host.inspect(vf.bdf).domain).toEqual(d === null ? null : { hwsize: d });
      if (GROW[kernel].useVector8 === -34) {
        const expected = GROW[kernel].noresize
          ? "vfio: failed to enable vectors, Numerical result out of range"
          : `vfio ${BDF}: Failed to set up TRIGGER eventfd signaling for interrupt MSIX-8: VFIO_DEVICE_SET_IRQS failure: Numerical result out of range`;
        expect(vm.log).toContain(expected);
        // the error comes from msi_insert_desc(), on the path of each QEMU mode
        const path = GROW[kernel].noresize
          ? /msix_setup_msi_descs[\s\S]*msi_insert_desc\(index=8, hwsize=8\) = -34 ERANGE/
          : /pci_msix_alloc_irq_at[\s\S]*msi_insert_desc\(index=8, hwsize=8\) = -34 ERANGE/;
        expect(formatTrace(host.trace)).toMatch(path);
      } else {
        expect(vm.log).toEqual([]);
        expect(host.inspect(vf.bdf).vfioContexts).toContain(8);
      }
      expect(host.trace.some((e) => e.fn === "WARN_ON_ONCE" && e.args.condition === "hwsize != info->hwsize")).toBe(
        kernel === "v6.5+warn",
      );
    });

    test("a NORESIZE-style disable + enable with 9 vectors after growing to 64", () => {
      const { host, vf } = boundHost(kernel);
      let fd = openFd(host);
      expect(setIrqs(fd, 0, [host.eventfd()])).toBe(0);
      fd.close();
      vf.firmwareSetMsixCount(64);
      fd = openFd(host);
      expect(setIrqs(fd, 0, [-1])).toBe(0);
      expect(disableIrqs(fd)).toBe(0);
      const fds = Array.from({ length: 9 }, () => host.eventfd());
      const ok = kernel === "v6.1" || kernel === "v6.5+fix";
      expect(setIrqs(fd, 0, fds)).toBe(ok ? 0 : -34);
      expect(host.inspect(vf.bdf).descriptors.length).toBe(ok ? 9 : 0);
    });

    test("the supported path: unbind, sriov_vf_msix_count=64, bind, then 64 vectors work", () => {
      const { host, vf } = boundHost(kernel);
      let vm = host.qemu(vf.bdf);
      vm.enableMsix();
      for (let n = 0; n < 8; n++) vm.useVector(n);
      vm.shutdown();
      const knob = `/sys/bus/pci/devices/${BDF}/sriov_vf_msix_count`;
      expect(host.sysfs.write(knob, 64)).toBe(-16); // EBUSY while vfio-pci is bound
      expect(vf.unbind()).toBe(0);
      expect(host.inspect(vf.bdf).domain).toBeNull(); // devres released the MSI data
      expect(host.sysfs.write(knob, "64\n")).toBe(0);
      expect(host.lspci(vf.bdf)).toBe("Capabilities: [a0] MSI-X: Enable- Count=64 Masked-");
      expect(vf.bind("vfio-pci")).toBe(0);
      vm = host.qemu(vf.bdf);
      expect(vm.enableMsix()).toBe(0);
      for (let n = 0; n < 12; n++) expect(vm.useVector(n)).toBe(0);
      expect(host.inspect(vf.bdf).domain).toEqual(perDevice ? { hwsize: 64 } : null);
      expect(hasErange(host.trace)).toBe(false);
    });

    test("shrink 64 → 8: SET_IRQS beyond the live count fails validation with -EINVAL", () => {
      const { host, vf } = boundHost(kernel, 64);
      let vm = host.qemu(vf.bdf);
      vm.enableMsix();
      for (let n = 0; n < 20; n++) expect(vm.useVector(n)).toBe(0);
      vm.shutdown();
      vf.firmwareSetMsixCount(8);
      vm = host.qemu(vf.bdf);
      expect(vm.entries).toBe(8);
      expect(vm.enableMsix()).toBe(0);
      const fd = openFd(host);
      host.clearTrace();
      expect(setIrqs(fd, 8, [host.eventfd()])).toBe(-22);
      expect(host.trace.map((e) => e.fn)).not.toContain("vfio_pci_set_irqs_ioctl");
      // index 7 passes validation; without dynamic MSI-X (NORESIZE) it has no interrupt yet: -EINVAL
      expect(setIrqs(fd, 7, [host.eventfd()])).toBe(GROW[kernel].noresize ? -22 : 0);
      expect(host.trace.map((e) => e.fn)).toContain("vfio_pci_set_irqs_ioctl");
    });
  });
}

describe("vfio/pci: remove msi domain on msi disable", () => {
  test("the patched vfio_msi_disable removes the domain right after vfio_pci_memory_unlock_and_restore", () => {
    const { host, vf } = boundHost("v6.5+fix");
    const vm = host.qemu(vf.bdf);
    vm.enableMsix();
    host.clearTrace();
    vm.disableMsix();
    const inDisable = formatTrace(host.trace, {
      only: [
        "vfio_msi_disable",
        "pci_free_irq_vectors",
        "vfio_pci_memory_unlock_and_restore",
        "msi_remove_device_irq_domain",
      ],
    });
    expect(inDisable.split("\n").map((l) => l.trim())).toEqual([
      "vfio_msi_disable(msix=true)",
      "pci_free_irq_vectors()",
      "vfio_pci_memory_unlock_and_restore(cmd=2)",
      "msi_remove_device_irq_domain(domid=0, hwsize=8)",
    ]);
    expect(host.inspect(vf.bdf).domain).toBeNull();
  });

  test("unpatched v6.5 keeps the stale domain and fails with -ERANGE; patched succeeds", () => {
    const run = (kernel: KernelProfile) => {
      const host = createHost({ kernel });
      const vf = host.addVf(BDF, { msixTableSize: 8 });
      vf.bind("vfio-pci");
      let vm = host.qemu(vf.bdf);
      vm.enableMsix();
      for (let n = 0; n < 8; n++) vm.useVector(n);
      vm.shutdown();
      vf.firmwareSetMsixCount(64);
      vm = host.qemu(vf.bdf);
      vm.enableMsix();
      return vm.useVector(8);
    };
    expect(run("v6.5")).toBe(-34);
    expect(run("v6.5+fix")).toBe(0);
  });

  test("a resize while MSI-X stays enabled still fails on the patched kernel (the fix only acts at disable)", () => {
    const { host, vf } = boundHost("v6.5+fix");
    const fd = openFd(host);
    expect(setIrqs(fd, 0, [-1])).toBe(0);
    vf.firmwareSetMsixCount(64);
    expect(setIrqs(fd, 8, [host.eventfd()])).toBe(-34);
  });
});
