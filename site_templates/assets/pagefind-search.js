// Provision Atlas: the header's search field, answered by Pagefind (hosted build only).
//
// site_templates/overrides/partials/search.html draws Material's search dialog
// without Material's own search machinery; this module makes it work:
// Pagefind (pagefind/pagefind.js, written by `atlas build`) is loaded the first
// time the field is used, and results are drawn with Material's markup and
// classes, so Material's stylesheet gives them its look in both colour schemes.
// Keys are Material's: "/", "s" or "f" open search; arrows move through the
// results; Enter opens the first; Escape or Tab close it.
// docs/decisions/0006-pagefind-hosted-search.md says why the hosted site uses
// Pagefind and the offline export keeps Material's lunr search.

const BATCH = 10; // results drawn at once; more as the list is scrolled (as Material does)

const dialog = document.querySelector("[data-atlas-pagefind]");
if (dialog) mount(dialog);

function mount(dialog) {
  const input = dialog.querySelector(".md-search__input");
  const form = input.form;
  const output = dialog.querySelector(".md-search__scrollwrap");
  const meta = dialog.querySelector(".md-search-result__meta");
  const list = dialog.querySelector(".md-search-result__list");
  const toggle = document.querySelector("[data-md-toggle=search]");
  const translations = JSON.parse(document.getElementById("__config").textContent).translations;
  const bundle = new URL(dialog.dataset.atlasPagefind, document.baseURI).href;

  let pagefind = null; // the loaded module, once asked for
  let ticket = 0; // the latest query: answers to earlier ones are dropped
  let pending = []; // results found but not drawn yet

  // Searching on the page's own thread (noWorker) spares a query the download of Pagefind's
  // worker script (40 KB); a search over one chunk of the index takes milliseconds.
  const load = () =>
    (pagefind ??= import(bundle).then(async (module) => {
      await module.options({ excerptLength: 24, noWorker: true });
      await module.init();
      return module;
    }));

  const setOpen = (open) => {
    if (toggle.checked !== open) toggle.click(); // how Material flips its toggles: a change event follows
  };
  const reveal = () => {
    // in the accessibility tree only while search is open (as Material does)
    list.setAttribute("role", toggle.checked ? "list" : "presentation");
    list.hidden = !toggle.checked;
  };
  toggle.addEventListener("change", reveal);

  const say = (key, count) => {
    meta.textContent = (translations[key] || "").replace("#", String(count));
  };

  async function run(query) {
    const mine = ++ticket;
    if (!query.trim()) {
      pending = [];
      list.replaceChildren();
      say("search.result.placeholder");
      return;
    }
    const module = await load();
    const search = await module.debouncedSearch(query, {}, 100);
    if (search === null || mine !== ticket) return; // a later keystroke took over
    const results = search.results;
    if (results.length === 0) say("search.result.none");
    else if (results.length === 1) say("search.result.one");
    else say("search.result.other", results.length);
    pending = results.slice();
    list.replaceChildren();
    await more(mine);
  }

  async function more(mine) {
    const batch = pending.splice(0, BATCH);
    if (batch.length === 0) return;
    const found = await Promise.all(batch.map((result) => result.data()));
    if (mine !== ticket) return;
    list.append(...found.map(render));
  }

  input.addEventListener("input", () => run(input.value));
  input.addEventListener("focus", () => {
    setOpen(true);
    load(); // start fetching while the reader types
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    setTimeout(() => run(""));
    input.focus();
  });
  output.addEventListener("scroll", () => {
    if (output.scrollTop + output.clientHeight >= output.scrollHeight - 16) more(ticket);
  });
  // a chosen result closes search, so the page it opens is not hidden behind it
  dialog.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("a")) setOpen(false);
  });
  // the header's search button (small screens): focus the field, which also brings up the keyboard
  const button = document.querySelector("header [for=__search]");
  if (button) button.addEventListener("click", () => input.focus());

  // Material's keyboard observable (window.keyboard$, its documented hook for custom keys)
  if (window.keyboard$) window.keyboard$.subscribe((key) => onKey(key));

  function onKey(key) {
    const active = document.activeElement;
    if (key.mode === "global") {
      if (key.type === "/" || key.type === "s" || key.type === "f") {
        input.focus();
        input.select();
        key.claim();
      }
      return;
    }
    switch (key.type) {
      case "Enter": {
        if (active === input) {
          const first = list.querySelector("a[href]");
          if (first) first.click();
          key.claim();
        }
        break;
      }
      case "Escape":
      case "Tab":
        setOpen(false);
        input.blur();
        break;
      case "ArrowUp":
      case "ArrowDown": {
        const stops = [input, ...list.querySelectorAll("a[href]")];
        const here = Math.max(0, stops.indexOf(active));
        const step = key.type === "ArrowUp" ? -1 : 1;
        stops[(here + step + stops.length) % stops.length].focus();
        key.claim();
        break;
      }
      default:
        if (active !== input) input.focus();
    }
  }
}

// One result, as Material draws a page found by its own search.
function render(found) {
  const link = element("a", "md-search-result__link");
  link.href = found.url;
  link.tabIndex = -1;
  const article = element("article", "md-search-result__article md-search-result__article--document md-typeset");
  const title = element("h1");
  title.textContent = (found.meta && found.meta.title) || found.url;
  const excerpt = element("p");
  excerpt.append(...marked(found.excerpt || ""));
  article.append(element("div", "md-search-result__icon md-icon"), title, excerpt);
  link.append(article);
  const item = element("li", "md-search-result__item");
  item.append(link);
  return item;
}

// Pagefind's excerpt is HTML with <mark> around the matched words; keep the text and the marks only.
function marked(html) {
  const parsed = document.createElement("template");
  parsed.innerHTML = html; // inert: a template's content runs no script and loads nothing
  const nodes = [];
  for (const node of parsed.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = element("mark");
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent || ""));
    }
  }
  return nodes;
}

function element(tag, className) {
  const made = document.createElement(tag);
  if (className) made.className = className;
  return made;
}
