// The compare page: two to four platforms side by side, category by category.
// A classic script (not a module), like the data it reads (assets/compare-data.js, the global
// atlasCompareData), so that both run in the offline export opened from file://, where nothing
// can be fetched. Rows are aligned as generator/relate/alignment.py aligns them (the browser
// tests hold the two together). Record text is only ever set with textContent.
// The script has no words of its own: every string it shows is the page's, in the page's language
// (the JSON block #atlas-compare-strings, from generator/render/kinds/compare.py; the badges and the
// relations in words from the template #atlas-compare-words), with %(name)s where a value goes.
(function () {
  "use strict";
  var FORMAT = 1;
  var form = document.getElementById("atlas-compare-form");
  var status = document.getElementById("atlas-compare-status");
  var result = document.getElementById("atlas-compare-result");
  var words = document.getElementById("atlas-compare-words");
  var said = document.getElementById("atlas-compare-strings");
  if (!form || !status || !result || !words || !said) return;
  var S = JSON.parse(said.textContent);
  var data = window.atlasCompareData;
  if (!data || data.format !== FORMAT) {
    status.textContent = S.unloaded;
    return;
  }
  var MIN = Number(form.getAttribute("data-min"));
  var MAX = Number(form.getAttribute("data-max"));
  var select = form.querySelector("select");
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));

  var platforms = Object.create(null);
  data.platforms.forEach(function (pl) { platforms[pl.id] = pl; });
  var categories = Object.create(null);
  data.categories.forEach(function (c) { categories[c.id] = c; });

  // --- small helpers ----------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function link(href, text) {
    var a = el("a", "", text);
    a.setAttribute("href", href);
    return a;
  }
  function word(attribute, value) {
    var found = words.content.querySelector("[" + attribute + '="' + value + '"]');
    return found ? found.firstElementChild || found : null;
  }
  function badge(attribute, value) {
    var found = word(attribute, value);
    return found ? found.cloneNode(true) : el("span", "atlas-badge", value);
  }
  function phrase(relation) {
    var found = words.content.querySelector('[data-relation="' + relation + '"]');
    return found ? found.textContent : relation;
  }
  // A string of the page's with its %(name)s filled: as text, or (fragment) with nodes among the words.
  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (all, name) { return String(values[name]); });
  }
  function fragment(template, values) {
    var out = document.createDocumentFragment();
    template.split(/(%\(\w+\)s)/).forEach(function (part, i) {
      if (i % 2 === 0) {
        if (part) out.appendChild(document.createTextNode(part));
        return;
      }
      var value = values[part.slice(2, -2)];
      out.appendChild(typeof value === "string" ? document.createTextNode(value) : value);
    });
    return out;
  }
  function number(n) {
    return n < S.numbers.length ? S.numbers[n] : String(n);
  }
  function count(forms, n, values) {  // forms: [for one, for more]; a count in words as %(num)s
    var filled = Object.create(null);
    for (var name in values || {}) filled[name] = values[name];
    filled.num = number(n);
    return fill(forms[n === 1 ? 0 : 1], filled);
  }
  function sentences(first, next) {
    return next ? fill(S.sentences, { first: first, next: next }) : first;
  }
  function names(ids) {
    var list = ids.map(function (id) { return platforms[id].name; });
    if (list.length < 2) return list.join("");
    return fill(S.list, { items: list.slice(0, -1).join(S.comma), last: list[list.length - 1] });
  }

  // --- the choice, and the address that keeps it ------------------------------
  function current() {
    var chosen = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    return { platforms: chosen, category: select.value === "all" ? null : select.value };
  }
  function address(choice) {
    var parts = [];
    if (choice.platforms.length) parts.push("platforms=" + choice.platforms.join(","));
    if (choice.category) parts.push("category=" + choice.category);
    return parts.join("&");
  }
  function decode(text) {
    try { return decodeURIComponent(text); } catch (e) { return ""; }  // a malformed address: that part unread
  }
  function fromAddress() {
    var params = Object.create(null);
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var at = part.indexOf("=");
      if (at > 0) params[decode(part.slice(0, at))] = decode(part.slice(at + 1));
    });
    var asked = (params.platforms || "").split(",");
    var known = boxes.map(function (b) { return b.value; }).filter(function (id) { return asked.indexOf(id) >= 0; });
    var category = params.category && categories[params.category] ? params.category : null;
    return { platforms: known.slice(0, MAX), category: category, dropped: Math.max(0, known.length - MAX) };
  }
  function remember(choice) {
    var hash = address(choice);
    var target = location.pathname + location.search + (hash ? "#" + hash : "");
    if (location.hash.replace(/^#/, "") === hash) return;
    try {
      history.replaceState(history.state, "", target);
    } catch (e) {
      location.replace("#" + hash);  // a browser that refuses the history API here: the fragment alone
    }
  }
  function show(choice) {
    boxes.forEach(function (b) { b.checked = choice.platforms.indexOf(b.value) >= 0; });
    select.value = choice.category || "all";
  }
  function limit() {
    var full = current().platforms.length >= MAX;
    boxes.forEach(function (b) { b.disabled = full && !b.checked; });
    return full;
  }

  // --- the rows: generator/relate/alignment.py, step for step ------------------
  function align(columns, category) {
    var place = Object.create(null);
    columns.forEach(function (id, i) { place[id] = i; });
    var listed = category.provisions.filter(function (i) { return data.provisions[i].platform in place; });
    var position = Object.create(null);
    listed.forEach(function (i, at) { position[i] = at; });
    var starts = listed.slice().sort(function (a, b) {
      var pa = place[data.provisions[a].platform], pb = place[data.provisions[b].platform];
      return pa !== pb ? pa - pb : position[a] - position[b];
    });
    var seen = Object.create(null);
    var rows = [];
    starts.forEach(function (start) {
      if (seen[start]) return;
      var members = component(start, position);
      members.forEach(function (i) { seen[i] = true; });
      var inRow = listed.filter(function (i) { return members.indexOf(i) >= 0; });
      rows.push({
        cells: columns.map(function (id) {
          return inRow.filter(function (i) { return data.provisions[i].platform === id; });
        }),
      });
    });
    var present = Object.create(null);
    listed.forEach(function (i) { present[data.provisions[i].platform] = true; });
    rows.forEach(function (row) {
      row.missing = columns.filter(function (id, at) { return row.cells[at].length === 0; });
    });
    return { rows: rows, absent: columns.filter(function (id) { return !present[id]; }) };
  }
  function component(start, considered) {
    var found = [start];
    var todo = [start];
    while (todo.length) {
      data.provisions[todo.pop()].links.forEach(function (l) {
        if (l[0] in considered && found.indexOf(l[0]) < 0) {
          found.push(l[0]);
          todo.push(l[0]);
        }
      });
    }
    return found;
  }

  // --- the tables ------------------------------------------------------------
  function wording(p) {
    if (p.wording === null) {
      return el("p", "atlas-compare-nowording", S.noWording);
    }
    var quoted = p.status === "verbatim" || p.status === "excerpt";
    var box = el(quoted ? "blockquote" : "div", "atlas-compare-wording atlas-compare-wording-" + p.status);
    box.setAttribute("lang", p.lang);
    p.wording.split("\n\n").forEach(function (para) { box.appendChild(el("p", "", para)); });
    return box;
  }
  function relations(index, row) {
    var list = el("ul", "atlas-compare-relations");
    var inRow = [].concat.apply([], row.cells);
    data.provisions[index].links.forEach(function (l) {
      if (inRow.indexOf(l[0]) < 0) return;
      var other = data.provisions[l[0]];
      var item = el("li", "atlas-compare-relation atlas-compare-relation-" + l[1]);
      item.appendChild(fragment(S.relation, {
        relation: el("strong", "", phrase(l[1])),
        platform: platforms[other.platform].name,
        provision: link(other.href, other.title),
      }));
      list.appendChild(item);
    });
    return list.children.length ? list : null;
  }
  function provision(index, row) {
    var p = data.provisions[index];
    var box = el("div", "atlas-compare-provision");
    box.setAttribute("data-provision", p.id);
    var title = el("p", "atlas-compare-title");
    var strong = el("strong");
    strong.appendChild(link(p.href, p.title));
    title.appendChild(strong);
    box.appendChild(title);
    var badges = el("p", "atlas-badges");
    badges.appendChild(badge("data-status", p.status));
    badges.appendChild(document.createTextNode(" "));
    badges.appendChild(badge("data-exposure", p.exposure || "none"));
    box.appendChild(badges);
    box.appendChild(wording(p));
    var marks = relations(index, row);
    if (marks) box.appendChild(marks);
    return box;
  }
  function cell(row, at, columns, absent) {
    var id = columns[at];
    var td = el("td", "atlas-compare-cell");
    td.setAttribute("data-platform", id);
    td.appendChild(el("p", "atlas-compare-label", platforms[id].name));
    if (!row.cells[at].length) {
      td.classList.add("atlas-compare-empty");
      var none = absent.indexOf(id) >= 0 ? S.noneInCategory : S.noneInRow;
      td.appendChild(el("p", "atlas-compare-none", none));
    }
    row.cells[at].forEach(function (index) { td.appendChild(provision(index, row)); });
    return td;
  }
  function rowHeader(row, n) {
    var th = el("th", "atlas-compare-row");
    th.setAttribute("scope", "row");
    th.appendChild(el("span", "atlas-compare-rownum", fill(S.rowNumber, { num: n })));
    th.appendChild(document.createTextNode(" "));
    var partial = row.missing.length > 0;
    var missing = row.missing.map(function (id) { return platforms[id].name; }).join(S.comma);
    var text = partial ? fill(S.notOn, { platforms: missing }) : S.onEvery;
    th.appendChild(el("span", "atlas-compare-coverage" + (partial ? " atlas-compare-partial" : ""), text));
    return th;
  }
  function table(category, columns, aligned) {
    var t = el("table", "atlas-table atlas-compare-table");
    t.appendChild(el("caption", "", fill(S.caption, { category: category.title, platforms: names(columns) })));
    var head = el("tr");
    var corner = el("th", "", S.row);
    corner.setAttribute("scope", "col");
    head.appendChild(corner);
    columns.forEach(function (id) {
      var th = el("th");
      th.setAttribute("scope", "col");
      th.appendChild(link(platforms[id].href, platforms[id].name));
      head.appendChild(th);
    });
    t.appendChild(el("thead")).appendChild(head);
    var body = t.appendChild(el("tbody"));
    aligned.rows.forEach(function (row, n) {
      var tr = body.appendChild(el("tr", row.missing.length ? "atlas-compare-partial-row" : ""));
      tr.appendChild(rowHeader(row, n + 1));
      columns.forEach(function (id, at) { tr.appendChild(cell(row, at, columns, aligned.absent)); });
    });
    return t;
  }
  function section(category, columns, aligned) {
    var box = el("section", "atlas-compare-section");
    var heading = el("h2", "atlas-compare-heading");
    heading.id = "compare-" + category.id;
    heading.appendChild(link(category.href, category.title));
    box.appendChild(heading);
    var full = aligned.rows.filter(function (r) { return !r.missing.length; }).length;
    var rows = count(S.rows, aligned.rows.length);
    var text = full ? fill(S.summary, { rows: rows, num: number(full) }) : fill(S.summaryNone, { rows: rows });
    text = text.charAt(0).toUpperCase() + text.slice(1);
    if (aligned.absent.length) text = sentences(text, fill(S.absent, { platforms: names(aligned.absent) }));
    box.appendChild(el("p", "atlas-compare-summary", text));
    box.appendChild(table(category, columns, aligned));
    return box;
  }

  // --- putting it together ----------------------------------------------------
  function render(choice, note) {
    var columns = choice.platforms;
    result.textContent = "";
    var full = limit();
    if (columns.length < MIN) {
      var where = choice.category ? { category: categories[choice.category].title } : {};
      var range = { min: number(MIN), max: number(MAX), category: where.category };
      var ask = columns.length ? count(choice.category ? S.moreIn : S.more, MIN - columns.length, where)
        : fill(choice.category ? S.chooseIn : S.choose, range);
      status.textContent = sentences(ask, note);
      return;
    }
    var chosen = choice.category ? [categories[choice.category]] : data.categories;
    var rows = 0, shown = 0, empty = [];
    chosen.forEach(function (category) {
      var aligned = align(columns, category);
      if (!aligned.rows.length) { empty.push(category); return; }
      rows += aligned.rows.length;
      shown += 1;
      result.appendChild(section(category, columns, aligned));
    });
    if (empty.length) {
      var none = el("p", "atlas-compare-empty-categories");
      var links = document.createDocumentFragment();
      empty.forEach(function (category, i) {
        if (i) links.appendChild(document.createTextNode(S.comma));
        links.appendChild(link(category.href, category.title));
      });
      none.appendChild(fragment(S.emptyCategories, { platforms: names(columns), categories: links }));
      result.appendChild(none);
    }
    var counted = count(S.rows, rows);
    var text = choice.category
      ? fill(S.shown, { platforms: names(columns), category: categories[choice.category].title, rows: counted })
      : fill(S.shownAll, { platforms: names(columns), rows: counted, categories: count(S.categories, shown) });
    if (full) text = sentences(text, S.most);
    status.textContent = sentences(text, note);
  }
  function changed() {
    var choice = current();
    remember(choice);
    render(choice);
  }
  function restore() {
    var choice = fromAddress();
    show(choice);
    render(choice, choice.dropped ? fill(S.dropped, { max: number(MAX) }) : "");
  }

  form.addEventListener("change", changed);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("hashchange", restore);
  form.hidden = false;
  restore();
})();
