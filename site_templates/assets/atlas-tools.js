// Reader tools that need a little script: copy buttons (the citation formats, the embed code),
// and an absolute address in the embed code when the build had no site_url.
// A classic script (not a module), so that it also runs in the offline export opened from file://.
(function () {
  "use strict";
  function select(el) {
    const range = document.createRange();
    range.selectNodeContents(el);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }
  function announce(button, text) {
    const label = button.textContent;
    button.textContent = text;
    setTimeout(function () { button.textContent = label; }, 2000);
  }
  // The embed code of a category page names its frame by a relative address when the build had
  // no site_url (generator/render/embeds.py); pasted into another site that would lead nowhere, so
  // on a page served over HTTP(S) it is made absolute from the page's own address.
  function absoluteEmbeds() {
    if (location.protocol !== "https:" && location.protocol !== "http:") return;
    document.querySelectorAll("pre[data-embed-src]").forEach(function (pre) {
      const src = pre.dataset.embedSrc;
      if (/^https?:/.test(src)) return;
      const quoted = function (url) { return 'src="' + url.replace(/&/g, "&amp;").replace(/"/g, "&quot;") + '"'; };
      pre.textContent = pre.textContent.replace(quoted(src), quoted(new URL(src, location.href).href));
    });
  }
  absoluteEmbeds();
  document.addEventListener("click", function (event) {
    const button = event.target.closest && event.target.closest("button[data-copy]");
    if (!button) return;
    const source = document.getElementById(button.dataset.copy);
    if (!source) return;
    const text = source.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { announce(button, "Copied"); },
        function () { select(source); announce(button, "Selected: press Ctrl+C"); }
      );
    } else {
      select(source);
      let copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      announce(button, copied ? "Copied" : "Selected: press Ctrl+C");
    }
  });
})();
