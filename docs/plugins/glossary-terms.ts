/**
 * The glossary's terms and the words that stand for them in the pages. The glossary
 * page (docs/content/docs/reference/glossary.mdx) explains each term under a heading
 * whose anchor is `id`; docs/plugins/glossary-links.ts links the first use of each
 * term on every other page to that anchor; tests/e2e/glossary.test.ts checks both.
 *
 * `words` match in running text, case-sensitively and as whole words (a form that
 * starts lower-case also matches capitalized, at the start of a sentence). `code`
 * forms match an inline `code` element whose whole text is that form.
 */
export interface GlossaryTerm {
  /** The anchor of the term's heading on the glossary page. */
  id: string;
  words: string[];
  code?: string[];
}

export const GLOSSARY_PATH = "/reference/glossary/";

export const GLOSSARY: GlossaryTerm[] = [
  // The hardware
  { id: "config-space", words: ["config space", "configuration space"] },
  { id: "bdf", words: ["BDF", "bus address"] },
  { id: "sr-iov", words: ["SR-IOV"] },
  { id: "pf", words: ["PF", "PFs", "physical function", "physical functions"] },
  { id: "vf", words: ["VF", "VFs", "virtual function", "virtual functions"] },
  { id: "msi", words: ["MSI"] },
  { id: "msi-x", words: ["MSI-X"] },
  { id: "msi-x-table", words: ["MSI-X table", "MSI-X tables", "vector table"] },
  { id: "table-size", words: ["Table Size", "table size"] },
  { id: "vector", words: ["vector", "vectors"] },
  // The Linux kernel
  { id: "irq", words: ["IRQ", "IRQs", "Linux interrupt", "Linux interrupts", "interrupt number"] },
  { id: "msi-core", words: ["MSI core"] },
  {
    id: "msi-domain",
    words: [
      "MSI domain",
      "MSI domains",
      "MSI-X domain",
      "MSI-X domains",
      "per-device MSI domain",
      "per-device MSI domains",
      "per-device domain",
      "per-device domains",
    ],
  },
  { id: "msi-parent", words: ["MSI parent", "MSI parents"] },
  { id: "hwsize", words: ["hwsize"], code: ["hwsize", "info.hwsize"] },
  {
    id: "msi-descriptor",
    words: ["MSI descriptor", "MSI descriptors", "descriptor", "descriptors"],
    code: ["struct msi_desc"],
  },
  { id: "msi_insert_desc", words: [], code: ["msi_insert_desc()", "msi_insert_desc"] },
  { id: "-erange", words: ["ERANGE"], code: ["-ERANGE", "ERANGE"] },
  { id: "errno", words: ["errno"], code: ["errno"] },
  { id: "driver-binding", words: ["driver binding", "unbind", "unbinds", "unbinding", "unbound"] },
  { id: "devres", words: ["devres"], code: ["devres"] },
  { id: "dynamic-msi-x", words: ["dynamic MSI-X", "dynamic path"], code: ["pci_msix_alloc_irq_at()"] },
  { id: "sriov_vf_msix_count", words: [], code: ["sriov_vf_msix_count"] },
  // VFIO and QEMU
  { id: "vfio", words: ["VFIO"] },
  { id: "vfio-pci", words: ["vfio-pci"], code: ["vfio-pci"] },
  { id: "vfio-device-fd", words: ["VFIO device fd", "VFIO fd", "device fd"] },
  { id: "vfio_device_get_irq_info", words: ["GET_IRQ_INFO"], code: ["VFIO_DEVICE_GET_IRQ_INFO"] },
  { id: "vfio_device_set_irqs", words: ["SET_IRQS"], code: ["VFIO_DEVICE_SET_IRQS"] },
  { id: "noresize", words: ["NORESIZE"], code: ["VFIO_IRQ_INFO_NORESIZE", "NORESIZE", "noresize"] },
  { id: "eventfd", words: ["eventfd", "eventfds"], code: ["eventfd", "eventfd()"] },
  { id: "qemu", words: ["QEMU"] },
  { id: "vm", words: ["VM", "VMs", "virtual machine", "virtual machines", "guest", "guests"] },
  { id: "passthrough", words: ["passthrough", "passed through", "pass through", "device assignment"] },
  // This site
  { id: "the-model", words: ["model"] },
  { id: "snippet", words: ["snippet", "snippets"] },
  { id: "kernel-profile", words: ["kernel profile", "kernel profiles", "profile", "profiles"] },
  { id: "message-id", words: ["Message-ID", "Message-IDs"] },
  { id: "upstream", words: ["upstream"] },
  { id: "lspci", words: ["lspci"], code: ["lspci", "lspci -vv"] },
];
