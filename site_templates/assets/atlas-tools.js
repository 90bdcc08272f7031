// Reader tools that need a little script: copy buttons (the citation formats).
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
