/**
 * PCI configuration-space registers the model uses.
 * @kernel include/uapi/linux/pci_regs.h
 */

/** Command register (16 bits). */
export const PCI_COMMAND = 0x04;
/** Enable response in Memory space. */
export const PCI_COMMAND_MEMORY = 0x2;
/** Offset of the first capability pointer. */
export const PCI_CAPABILITY_LIST = 0x34;
/** Interrupt pin register (8 bits); 0 = no INTx. */
export const PCI_INTERRUPT_PIN = 0x3d;
/** Capability ID of MSI-X. */
export const PCI_CAP_ID_MSIX = 0x11;

/** MSI-X Message Control, offset inside the MSI-X capability. */
export const PCI_MSIX_FLAGS = 2;
/** Table Size field of Message Control, in N-1 encoding (bits 10:0). */
export const PCI_MSIX_FLAGS_QSIZE = 0x07ff;
/** Function Mask bit of Message Control (bit 14). */
export const PCI_MSIX_FLAGS_MASKALL = 0x4000;
/** MSI-X Enable bit of Message Control (bit 15). */
export const PCI_MSIX_FLAGS_ENABLE = 0x8000;
/** Table Offset/Table BIR register, offset inside the MSI-X capability. */
export const PCI_MSIX_TABLE = 4;
/** BAR Indicator field of the Table Offset/Table BIR register (bits 2:0). */
export const PCI_MSIX_TABLE_BIR = 0x00000007;
/** Table Offset field of the Table Offset/Table BIR register (bits 31:3). */
export const PCI_MSIX_TABLE_OFFSET = 0xfffffff8;
/** PBA Offset/PBA BIR register, offset inside the MSI-X capability. */
export const PCI_MSIX_PBA = 8;

/**
 * msix_table_size - the number of table entries encoded in Message Control.
 * @kernel drivers/pci/msi/msi.h (`#define msix_table_size(flags) ((flags & PCI_MSIX_FLAGS_QSIZE) + 1)`); source T4
 */
export function msix_table_size(flags: number): number {
  return (flags & PCI_MSIX_FLAGS_QSIZE) + 1;
}
