/**
 * Configuration-space accessors. Every call reads the device's config bytes at that
 * moment, so a "fresh read" in a kernel function is a real read.
 *
 * The kernel fills `*val`; the model returns the value instead (no failure path is
 * modelled: reads of a present device do not fail).
 * @kernel drivers/pci/access.c
 */
import type { pci_dev } from "../../include/pci";
import { PCI_MSIX_FLAGS, PCI_MSIX_FLAGS_ENABLE, PCI_MSIX_FLAGS_MASKALL } from "../../include/pci_regs";

/** The Message Control bits software can write; the Table Size and reserved bits are read-only. */
const MSIX_CTRL_WRITABLE = PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL;

/** pci_read_config_byte - one byte of config space. @kernel drivers/pci/access.c */
export function pci_read_config_byte(dev: pci_dev, where: number): number {
  return dev.config[where] ?? 0;
}

/** pci_read_config_word - a little-endian 16-bit word of config space. @kernel drivers/pci/access.c */
export function pci_read_config_word(dev: pci_dev, where: number): number {
  return (dev.config[where] ?? 0) | ((dev.config[where + 1] ?? 0) << 8);
}

/** pci_read_config_dword - a little-endian 32-bit word of config space. @kernel drivers/pci/access.c */
export function pci_read_config_dword(dev: pci_dev, where: number): number {
  return (pci_read_config_word(dev, where) | (pci_read_config_word(dev, where + 2) << 16)) >>> 0;
}

/**
 * pci_write_config_word - writes a 16-bit word. Read-only fields are the device's business:
 * a write to Message Control only changes the Enable and Function Mask bits (PCIe r6.0 §7.7.2.2).
 * @kernel drivers/pci/access.c
 */
export function pci_write_config_word(dev: pci_dev, where: number, val: number): void {
  let v = val & 0xffff;
  if (dev.msix_cap && where === dev.msix_cap + PCI_MSIX_FLAGS) {
    const old = pci_read_config_word(dev, where);
    v = (old & ~MSIX_CTRL_WRITABLE) | (v & MSIX_CTRL_WRITABLE);
  }
  dev.config[where] = v & 0xff;
  dev.config[where + 1] = v >> 8;
}
