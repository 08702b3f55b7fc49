/**
 * `struct file`, reduced to what the model's fd table needs: which file operations the file has
 * and their private data (an eventfd context, or the VFIO device behind a device fd).
 * @kernel include/linux/fs.h
 */
import type { eventfd_ctx } from "../fs/eventfd";
import type { vfio_device } from "./vfio";

/** An open file: `f_op` names its `struct file_operations`, `private_data` is what they work on. */
export type file =
  | { f_op: "eventfd_fops"; private_data: eventfd_ctx }
  | { f_op: "vfio_device_fops"; private_data: vfio_device };
