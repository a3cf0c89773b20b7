// claimgraph serve: keyboard navigation. Compiled into the binary; no other script runs.
// j/k: next/previous finding (the list's current row, or the finding pages' links);
// Enter: open the current row; c/f/w: pick a decision (focuses the reason, or submits
// when a reason is given); u: back to the list. Keys typed into a field are left alone.
(function () {
  "use strict";
  function typing(e) {
    var t = e.target;
    return t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT");
  }
  function go(sel) {
    var a = document.querySelector(sel);
    if (a) { window.location.href = a.getAttribute("href"); }
  }
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.finding"));
  var current = -1;
  function select(i) {
    if (!rows.length) { return; }
    if (current >= 0) { rows[current].classList.remove("current"); }
    current = Math.max(0, Math.min(rows.length - 1, i));
    rows[current].classList.add("current");
    rows[current].scrollIntoView({ block: "nearest" });
  }
  function decide(key) {
    var b = document.querySelector('button[data-key="' + key + '"]');
    var reason = document.getElementById("reason-input");
    if (!b || !reason) { return; }
    document.getElementById("decide").dataset.kind = b.value;
    if (reason.value.trim() === "") { reason.focus(); } else { b.click(); }
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (typing(e)) {
      // Enter in the reason field submits with the decision picked by its key.
      var form = document.getElementById("decide");
      if (e.key === "Enter" && e.target.id === "reason-input" && form && form.dataset.kind) {
        e.preventDefault();
        document.getElementById("kind-" + form.dataset.kind).click();
      }
      return;
    }
    switch (e.key) {
      case "j": if (rows.length) { select(current + 1); } else { go("a[rel=next]"); } break;
      case "k": if (rows.length) { select(current - 1); } else { go("a[rel=prev]"); } break;
      case "Enter": if (current >= 0) { window.location.href = rows[current].dataset.href; } break;
      case "u": go("a[rel=up]"); break;
      case "c": case "f": case "w": decide(e.key); e.preventDefault(); break;
      default: return;
    }
  });
  // A finding page: scroll each article to its highlighted evidence.
  Array.prototype.forEach.call(document.querySelectorAll("pre.article"), function (pre) {
    var m = pre.querySelector("mark");
    if (m) { pre.scrollTop = m.offsetTop - pre.offsetTop - pre.clientHeight / 3; }
  });
})();
