/**
 * The markup of one embedded snippet as Snippet.astro and SnippetRunner.astro
 * render it (the elements and attributes the runner reads), for the DOM tests
 * under happy-dom. The e2e tests run the runner on the real built page.
 */
export interface SnippetFixture {
  src?: string;
  profiles?: string[];
  outputs?: Record<string, string>;
  /** The controls' data-json; null leaves it out. */
  json?: string | null;
}

export function snippetSection(fixture: SnippetFixture = {}): HTMLElement {
  const src = fixture.src ?? "demo/page/passes";
  const profiles = fixture.profiles ?? ["v6.5", "v6.5+fix"];
  const outputs = fixture.outputs ?? Object.fromEntries(profiles.map((p) => [p, `on ${p}`]));
  const id = `snippet-${src.replace(/[^A-Za-z0-9]+/g, "-")}`;
  const json = fixture.json === undefined ? `/base/snippets/${src}.json` : fixture.json;
  const radios =
    profiles.length > 1
      ? `<fieldset class="msi-runner__profiles"><legend>Profile</legend>${profiles
          .map(
            (p, i) =>
              `<label><input type="radio" name="${id}-profile" value="${p}"${i === 0 ? " checked" : ""}><span>${p}</span></label>`,
          )
          .join("")}</fieldset>`
      : "";
  const section = document.createElement("section");
  section.className = "msi-snippet";
  section.id = id;
  section.dataset.snippet = src;
  section.dataset.profiles = profiles.join(" ");
  section.innerHTML = `
    <header class="msi-snippet__head"><a class="msi-snippet__title" id="${id}-title" href="#${id}">${src.split("/").pop()}.ts</a></header>
    <div class="expressive-code"><figure><pre><code>the code</code></pre></figure></div>
    <div class="msi-snippet__runner" data-runner-slot>
      <div class="msi-runner not-content" data-runner${json === null ? "" : ` data-json="${json}"`}>
        <div class="msi-runner__bar">
          <div class="msi-runner__buttons">
            <button type="button" data-action="run">Run</button>
            <button type="button" data-action="edit" aria-pressed="false">Edit</button>
            <button type="button" data-action="reset" aria-disabled="true">Reset</button>
          </div>
          ${radios}
        </div>
        <p class="msi-runner__hint" id="${id}-hint" data-runner-hint hidden></p>
        <p class="msi-runner__status" role="status" data-runner-status></p>
        <div class="msi-runner__result" data-runner-result hidden></div>
      </div>
    </div>
    <div class="msi-snippet__outputs">${profiles
      .map(
        (p) =>
          `<figure class="msi-snippet__output" data-profile="${p}"><pre><code>${outputs[p] ?? ""}</code></pre></figure>`,
      )
      .join("")}</div>`;
  document.body.append(section);
  return section;
}

/** The element `selector` names in `root` (a test failure, not a null, when it is missing). */
export function find<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
}
