/**
 * The VFIO core's SET_IRQS header check, shared by vfio-pci and other drivers.
 * @kernel drivers/vfio/vfio_main.c (several copies; the checks are unchanged v5.x–v6.17)
 */
import { EINVAL } from "../../include/errno";
import {
  VFIO_IRQ_SET_ACTION_TYPE_MASK,
  VFIO_IRQ_SET_DATA_BOOL,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_IRQ_SET_DATA_NONE,
  VFIO_IRQ_SET_DATA_TYPE_MASK,
  VFIO_IRQ_SET_HDR_SIZE,
  type vfio_irq_set,
} from "../../include/uapi_vfio";

const U32_MAX = 0xffffffff;

/**
 * vfio_set_irqs_validate_and_prepare - validate a SET_IRQS header against `num_irqs` (the LIVE
 * count from the caller): argsz, index, flags, exactly one DATA_ type, `start >= num_irqs` or
 * `start + count > num_irqs` → -EINVAL, and room in argsz for `count` data elements.
 * Only the DATA_ type is checked here; a missing or doubled ACTION_ fails later with -ENOTTY
 * (vfio_pci_set_irqs_ioctl finds no handler).
 * @kernel drivers/vfio/vfio_main.c
 * @returns 0 or -EINVAL; `out.data_size` receives count * element size
 */
export function vfio_set_irqs_validate_and_prepare(
  hdr: vfio_irq_set,
  num_irqs: number,
  max_irq_type: number,
  data_size: { value: number },
): number {
  const minsz = VFIO_IRQ_SET_HDR_SIZE;
  if (
    hdr.argsz < minsz ||
    hdr.index >= max_irq_type ||
    hdr.count >= U32_MAX - hdr.start ||
    hdr.flags & ~(VFIO_IRQ_SET_DATA_TYPE_MASK | VFIO_IRQ_SET_ACTION_TYPE_MASK)
  ) {
    return -EINVAL;
  }
  data_size.value = 0;
  if (hdr.start >= num_irqs || hdr.start + hdr.count > num_irqs) return -EINVAL;
  let size: number;
  switch (hdr.flags & VFIO_IRQ_SET_DATA_TYPE_MASK) {
    case VFIO_IRQ_SET_DATA_NONE:
      size = 0;
      break;
    case VFIO_IRQ_SET_DATA_BOOL:
      size = 1;
      break;
    case VFIO_IRQ_SET_DATA_EVENTFD:
      size = 4;
      break;
    default:
      return -EINVAL;
  }
  if (size) {
    if (hdr.argsz - minsz < hdr.count * size) return -EINVAL;
    data_size.value = hdr.count * size;
  }
  return 0;
}
