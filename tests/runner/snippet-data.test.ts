import { describe, expect, test, vi } from "vitest";
import {
  expectedOutput,
  fetchSnippetData,
  type SnippetData,
  SnippetDataLoader,
} from "../../src/runner/client/snippet-data";

const DATA: SnippetData = {
  src: "demo/page/passes",
  title: "passes.ts",
  body: 'console.log("hi");',
  bodyOffset: 2,
  js: "(function (require, console) {})",
  mappings: "AAAA",
  outputs: [
    { profile: "v6.5", text: "hi" },
    { profile: "v6.5+fix", text: "hi, fixed" },
  ],
};

const json = (body: unknown, status = 200) =>
  vi.fn(async (_url: string | URL | Request) => new Response(JSON.stringify(body), { status }));

describe("fetchSnippetData", () => {
  test("fetches the URL it is given (Astro's base included) and returns the data", async () => {
    const fetchImpl = json(DATA);
    await expect(fetchSnippetData("/msi/snippets/demo/page/passes.json", fetchImpl)).resolves.toEqual(DATA);
    expect(fetchImpl).toHaveBeenCalledWith("/msi/snippets/demo/page/passes.json");
  });

  test("an HTTP error is an error that names the status", async () => {
    await expect(fetchSnippetData("/snippets/x.json", json("Not found", 404))).rejects.toThrow(
      "HTTP 404 for the snippet's data",
    );
  });

  test("JSON that is not a snippet is an error that names the URL", async () => {
    await expect(fetchSnippetData("/snippets/x.json", json({ body: "x", js: "y" }))).rejects.toThrow(
      "the snippet's data at /snippets/x.json is not a snippet",
    );
    await expect(
      fetchSnippetData("/snippets/x.json", json({ ...DATA, outputs: [{ profile: "v6.5" }] })),
    ).rejects.toThrow("is not a snippet");
    await expect(fetchSnippetData("/snippets/x.json", json(null))).rejects.toThrow("is not a snippet");
  });

  test("no URL at all is an error, not a fetch of the page itself", async () => {
    const fetchImpl = json(DATA);
    await expect(fetchSnippetData("", fetchImpl)).rejects.toThrow("no data URL (data-json)");
    expect(fetchImpl).not.toHaveBeenCalled();
  });
});

describe("SnippetDataLoader", () => {
  test("fetches once for any number of uses", async () => {
    const fetchImpl = json(DATA);
    const loader = new SnippetDataLoader("/snippets/a.json", fetchImpl);
    const [a, b] = await Promise.all([loader.get(), loader.get()]);
    expect(a).toBe(b);
    expect(await loader.get()).toBe(a);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  test("a failed fetch is tried again on the next use", async () => {
    const fetchImpl = vi
      .fn<typeof fetch>()
      .mockRejectedValueOnce(new TypeError("Failed to fetch"))
      .mockResolvedValueOnce(new Response(JSON.stringify(DATA)));
    const loader = new SnippetDataLoader("/snippets/a.json", fetchImpl);
    await expect(loader.get()).rejects.toThrow("Failed to fetch");
    await expect(loader.get()).resolves.toEqual(DATA);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });
});

test("expectedOutput picks the profile's block, or none", () => {
  expect(expectedOutput(DATA, "v6.5+fix")).toBe("hi, fixed");
  expect(expectedOutput(DATA, "v6.1")).toBeUndefined();
});
