/**
 * The lifecycle transitions the story is about, named once and recognised in a trace.
 *
 * A transition is something that happens to the device's interrupt state: a domain is created,
 * reused (at the same size or stale), removed; a descriptor is inserted or refused; a sysfs
 * write is refused or accepted; ... Each is a predicate over one trace entry (and the calls it is
 * nested in), so any trace (a snippet's run, an explorer step) can be asked which transitions it
 * went through. Only the trace's public shape is read: function names, arguments, numeric return
 * values (an msi_map return is read whether it is an object `{ index, virq }` or its text).
 */
import { EBUSY, EINVAL, ENODEV, ERANGE, type TraceEntry, VFIO_PCI_MSIX_IRQ_INDEX } from "msi-lifecycle";

/** One named transition. */
export interface Transition {
  id: string;
  /** One sentence: what happens. */
  sentence: string;
  /** The traced function whose entry shows it. */
  fn: string;
  /** Does `e` (a call of `fn`), called inside `callers` (outermost first), take this transition? */
  match(e: TraceEntry, callers: readonly TraceEntry[]): boolean;
}

/** The index of an msi_map return value (an object with `index`, or its text), or null. */
export function mapIndex(ret: unknown): number | null {
  if (typeof ret === "number") return ret;
  if (ret && typeof ret === "object" && typeof (ret as { index?: unknown }).index === "number") {
    return (ret as { index: number }).index;
  }
  if (typeof ret === "string") {
    const m = /index:\s*(-?\d+)/.exec(ret);
    if (m) return Number(m[1]);
  }
  return null;
}

const under = (callers: readonly TraceEntry[], fn: string) => callers.some((c) => c.fn === fn);

/** Every transition, in the order of the story. */
export const TRANSITIONS: readonly Transition[] = [
  {
    id: "irq-info-noresize",
    sentence: "VFIO reports the MSI-X index with NORESIZE: the user must disable and re-enable to add vectors.",
    fn: "vfio_pci_ioctl_get_irq_info",
    match: (e, c) => e.args.noresize === true && c.at(-1)?.args.index === VFIO_PCI_MSIX_IRQ_INDEX,
  },
  {
    id: "irq-info-resizable",
    sentence: "VFIO reports the MSI-X index without NORESIZE: vectors can be added one at a time (v6.5+).",
    fn: "vfio_pci_ioctl_get_irq_info",
    match: (e, c) => e.args.noresize === false && c.at(-1)?.args.index === VFIO_PCI_MSIX_IRQ_INDEX,
  },
  {
    id: "domain-created",
    sentence: "A per-device MSI-X domain is created, sized by the Table Size read at that moment.",
    fn: "msi_create_device_irq_domain",
    match: (e) => e.ret === true,
  },
  {
    id: "domain-reused-same-size",
    sentence: "MSI-X is enabled again and the existing domain is reused; its size still matches the Table Size.",
    fn: "pci_setup_msix_device_domain",
    match: (e) => typeof e.args.reused_hwsize === "number" && e.args.reused_hwsize === e.args.hwsize,
  },
  {
    id: "domain-reused-stale",
    sentence: "MSI-X is enabled again and the existing domain is reused although the Table Size has changed.",
    fn: "pci_setup_msix_device_domain",
    match: (e) => typeof e.args.reused_hwsize === "number" && e.args.reused_hwsize !== e.args.hwsize,
  },
  {
    id: "stale-size-warning",
    sentence: "HYPOTHETICAL (v6.5+warn): the kernel warns once when it reuses a domain whose size no longer matches.",
    fn: "WARN_ON_ONCE",
    match: (e) => e.args.condition === "hwsize != info->hwsize",
  },
  {
    id: "descriptor-inserted",
    sentence: "An MSI descriptor is inserted at its index.",
    fn: "msi_insert_desc",
    match: (e) => e.ret === 0,
  },
  {
    id: "descriptor-refused-erange",
    sentence: "msi_insert_desc() refuses an index at or beyond the domain's size with -ERANGE.",
    fn: "msi_insert_desc",
    match: (e) => e.ret === -ERANGE,
  },
  {
    id: "dynamic-add",
    sentence: "A vector is added while MSI-X stays enabled (pci_msix_alloc_irq_at() succeeds).",
    fn: "pci_msix_alloc_irq_at",
    match: (e) => (mapIndex(e.ret) ?? -1) >= 0,
  },
  {
    id: "noresize-reenable",
    sentence: "QEMU adds a vector the NORESIZE way: it disables MSI-X and enables it again with one more vector.",
    fn: "vfio_device_irq_disable",
    match: (_e, c) => c.at(-1)?.fn === "vfio_msix_vector_do_use",
  },
  {
    id: "set-irqs-refused-live-count",
    sentence: "VFIO refuses a SET_IRQS that reaches beyond the Table Size config space reports now (-EINVAL).",
    // The live count is the return value of the vfio_pci_get_irq_count() call inside the ioctl.
    fn: "vfio_pci_get_irq_count",
    match: (e, c) => {
      const [ioctl, setIrqs] = [c.at(-2), c.at(-1)];
      if (setIrqs?.fn !== "vfio_pci_ioctl_set_irqs" || setIrqs.ret !== -EINVAL || typeof e.ret !== "number") {
        return false;
      }
      const { start, count } = ioctl?.args ?? {};
      return typeof start === "number" && typeof count === "number" && (start >= e.ret || start + count > e.ret);
    },
  },
  {
    id: "vectors-freed",
    sentence: "MSI-X is disabled: interrupts and descriptors are freed (the domain is not).",
    fn: "pci_free_irq_vectors",
    match: (_e, c) => under(c, "vfio_msi_disable"),
  },
  {
    id: "domain-removed-by-patch",
    sentence: "The proposed patch removes the domain when MSI-X is disabled (v6.5+fix only).",
    fn: "msi_remove_device_irq_domain",
    match: (e, c) => "hwsize" in e.args && under(c, "vfio_msi_disable"),
  },
  {
    id: "table-size-changed-by-firmware",
    sentence: "The device's firmware changes the Table Size on its own, without telling the kernel.",
    fn: "firmware_set_msix_count",
    match: () => true,
  },
  {
    id: "count-write-refused-ebusy",
    sentence: "A write to sriov_vf_msix_count is refused with -EBUSY because a driver is bound to the VF.",
    fn: "sriov_vf_msix_count_store",
    match: (e) => e.ret === -EBUSY,
  },
  {
    id: "count-write-accepted",
    sentence: "A write to sriov_vf_msix_count on an unbound VF changes its Table Size.",
    fn: "sriov_vf_msix_count_store",
    match: (e) => typeof e.ret === "number" && e.ret > 0,
  },
  {
    id: "msi-data-released",
    sentence: "Unbinding the driver releases the device's MSI data (devres), whatever it holds.",
    fn: "msi_device_data_release",
    match: () => true,
  },
  {
    id: "domain-removed-at-unbind",
    sentence: "Unbinding the driver removes the per-device domain with the MSI data.",
    fn: "msi_remove_device_irq_domain",
    match: (e, c) => "hwsize" in e.args && under(c, "msi_device_data_release"),
  },
  {
    id: "unbind-refused-busy",
    sentence: "Unbinding vfio-pci while a VFIO fd is open is refused with -EBUSY (the model's stand-in for blocking).",
    fn: "unbind_store",
    match: (e) => e.ret === -EBUSY,
  },
  {
    id: "open-refused-enodev",
    sentence: "Opening the VFIO device fails with -ENODEV because vfio-pci is not bound.",
    fn: "ioctl",
    match: (e) => e.args.request === "VFIO_GROUP_GET_DEVICE_FD" && e.ret === -ENODEV,
  },
];

/**
 * Transitions that no snippet on the site needs to show, each with the reason. The coverage
 * test fails for a transition that no snippet reaches and that is not listed here, and for a
 * transition listed here that a snippet does reach (the list would be stale).
 */
export const NOT_SHOWN: Readonly<Record<string, string>> = {
  "unbind-refused-busy":
    "a model deviation, not kernel behaviour: real vfio-pci blocks the unbind until the VFIO fd is closed; the explorer does not try it either",
};

const BY_FN = Map.groupBy(TRANSITIONS, (t) => t.fn);

/** The transitions `trace` goes through, in TRANSITIONS order, each once. */
export function transitionsOf(trace: readonly TraceEntry[]): string[] {
  const found = new Set<string>();
  const stack: TraceEntry[] = [];
  for (const e of trace) {
    while (stack.length > 0 && stack[stack.length - 1]!.depth >= e.depth) stack.pop();
    for (const t of BY_FN.get(e.fn) ?? []) if (!found.has(t.id) && t.match(e, stack)) found.add(t.id);
    stack.push(e);
  }
  return TRANSITIONS.filter((t) => found.has(t.id)).map((t) => t.id);
}
