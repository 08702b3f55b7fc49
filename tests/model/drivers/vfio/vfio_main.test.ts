import { describe, expect, test } from "vitest";
import { vfio_set_irqs_validate_and_prepare } from "../../../../src/model/drivers/vfio/vfio_main";

const hdr = (o: Partial<{ argsz: number; flags: number; index: number; start: number; count: number }>) => ({
  argsz: 24,
  flags: 0x24,
  index: 2,
  start: 0,
  count: 1,
  ...o,
});

describe("vfio_set_irqs_validate_and_prepare", () => {
  test("accepts a header within num_irqs and sizes the eventfd data", () => {
    const ds = { value: -1 };
    expect(vfio_set_irqs_validate_and_prepare(hdr({}), 8, 5, ds)).toBe(0);
    expect(ds.value).toBe(4);
  });
  test("rejects start >= num_irqs and start + count > num_irqs", () => {
    const ds = { value: 0 };
    expect(vfio_set_irqs_validate_and_prepare(hdr({ start: 8 }), 8, 5, ds)).toBe(-22);
    expect(vfio_set_irqs_validate_and_prepare(hdr({ start: 7, count: 2, argsz: 28 }), 8, 5, ds)).toBe(-22);
  });
  test("rejects argsz below the header, an index >= max_irq_type, unknown flag bits, two DATA_ types", () => {
    const ds = { value: 0 };
    expect(vfio_set_irqs_validate_and_prepare(hdr({ argsz: 19 }), 8, 5, ds)).toBe(-22);
    expect(vfio_set_irqs_validate_and_prepare(hdr({ index: 5 }), 8, 5, ds)).toBe(-22);
    expect(vfio_set_irqs_validate_and_prepare(hdr({ flags: 0x64 }), 8, 5, ds)).toBe(-22);
    expect(vfio_set_irqs_validate_and_prepare(hdr({ flags: 0x25 }), 8, 5, ds)).toBe(-22);
  });
  test("rejects argsz too small for count eventfds", () => {
    expect(vfio_set_irqs_validate_and_prepare(hdr({ count: 2 }), 8, 5, { value: 0 })).toBe(-22);
  });
});
