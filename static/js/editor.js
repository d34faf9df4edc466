// A small, dependency-free HTML toolbar for section textareas: wraps the selection in tags.
(function () {
  document.querySelectorAll("[data-editor-for]").forEach(function (toolbar) {
    var area = document.getElementById(toolbar.dataset.editorFor);
    if (!area) return;
    function replace(before, after) {
      var start = area.selectionStart, end = area.selectionEnd;
      var text = area.value.slice(start, end);
      area.setRangeText(before + text + after, start, end, "select");
      area.focus();
    }
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      if (button.dataset.wrap) {
        replace("<" + button.dataset.wrap + ">", "</" + button.dataset.wrap + ">");
      } else if (button.dataset.list) {
        var lines = area.value.slice(area.selectionStart, area.selectionEnd).split("\n");
        var items = lines.filter(Boolean).map(function (l) { return "  <li>" + l + "</li>"; });
        area.setRangeText("<" + button.dataset.list + ">\n" + items.join("\n") + "\n</" +
          button.dataset.list + ">", area.selectionStart, area.selectionEnd, "select");
        area.focus();
      } else if (button.hasAttribute("data-link")) {
        var url = window.prompt("URL (https://…)");
        if (url) replace('<a href="' + url.replace(/"/g, "&quot;") + '">', "</a>");
      }
    });
  });
})();
