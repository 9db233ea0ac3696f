// Wires the archive's search box to the Pagefind index in /pagefind/ (built with the site, so
// search needs no other host). The box stays hidden when this script does not run.
const box = document.querySelector("[data-search]");
if (box) {
  const form = box.querySelector("form");
  const input = box.querySelector("input[type=search]");
  const status = box.querySelector(".search-status");
  const list = box.querySelector(".search-results");
  let pagefind;
  let latest = 0;

  box.hidden = false;
  const query = new URLSearchParams(location.search).get("q");
  if (query) {
    input.value = query;
    search(query);
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search(input.value);
  });
  input.addEventListener("input", () => search(input.value));

  async function search(term) {
    const run = ++latest;
    if (!term.trim()) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    pagefind ??= await loadPagefind();
    const found = await pagefind.debouncedSearch(term, {}, 200);
    // A newer keystroke has started its own search (or debounced this one away).
    if (found === null || run !== latest) return;
    const results = await Promise.all(found.results.slice(0, 20).map((result) => result.data()));
    if (run !== latest) return;
    list.replaceChildren(...results.map(resultItem));
    status.textContent = results.length === 0 ? "No episode matches." : `${found.results.length} ${found.results.length === 1 ? "episode" : "episodes"} found.`;
  }

  // The index sits beside assets/ wherever the site is published (https://user.github.io/show/
  // too): found from this script's own URL, and its result URLs put under the same path.
  async function loadPagefind() {
    const site = new URL("../", import.meta.url);
    const loaded = await import(new URL("pagefind/pagefind.js", site).href);
    await loaded.options({ baseUrl: site.pathname });
    return loaded;
  }

  function resultItem(result) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.meta.title ?? result.url;
    const excerpt = document.createElement("p");
    excerpt.append(...markedText(result.excerpt));
    item.append(link, excerpt);
    return item;
  }

  // Pagefind's excerpt is HTML whose only markup is <mark>; rebuild it from text nodes so
  // nothing else in it can ever become markup.
  function markedText(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    return [...template.content.childNodes].map((node) => {
      if (node.nodeName !== "MARK") return document.createTextNode(node.textContent);
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    });
  }
}
