/**
 * Interrupt handler registration: only the trace entries, since the model never fires
 * an interrupt. @kernel kernel/irq/manage.c
 */
import type { eventfd_ctx } from "../../fs/eventfd";

/**
 * request_irq - install `handler` for `irq` with `dev` as cookie. Always succeeds here.
 * @kernel include/linux/interrupt.h (inline around request_threaded_irq, kernel/irq/manage.c)
 */
export function request_irq(irq: number, handler: string, flags: number, name: string, dev: eventfd_ctx): number {
  return dev.machine.tracer.call("msi", "request_irq", { irq, handler, flags, name, trigger: dev.fd }, () => 0);
}

/** free_irq - remove the handler; the interrupt itself stays allocated. @kernel kernel/irq/manage.c */
export function free_irq(irq: number, dev_id: eventfd_ctx): void {
  dev_id.machine.tracer.call("msi", "free_irq", { irq, trigger: dev_id.fd }, () => undefined);
}
