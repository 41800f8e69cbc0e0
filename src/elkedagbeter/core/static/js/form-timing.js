// What a form cost (0 tijdschrijven): on submit, add the page's signed opening moment and the
// number of inputs that differ from what the page showed. Nothing is sent before saving and no
// value or keystroke is recorded.
(function () {
  "use strict";
  var opened = document.querySelector('meta[name="edb-form-opened"]');
  if (!opened) { return; }
  var before = document.querySelector('meta[name="edb-form-changed"]');

  function changedInputs(form) {
    var count = 0;
    var groups = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === "hidden" || el.type === "submit" || el.type === "button") { return; }
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked !== el.defaultChecked) {
          var key = el.type + ":" + el.name;
          if (el.type === "checkbox" || !groups[key]) { count += 1; groups[key] = true; }
        }
      } else if (el.tagName === "SELECT") {
        var changed = Array.prototype.some.call(el.options, function (o) {
          return o.selected !== o.defaultSelected;
        });
        if (changed) { count += 1; }
      } else if (el.type === "file") {
        if (el.files && el.files.length) { count += 1; }
      } else if (el.value !== el.defaultValue) {
        count += 1;
      }
    });
    return count;
  }

  function hidden(form, name, value) {
    var input = form.querySelector('input[name="' + name + '"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || (form.method || "").toLowerCase() !== "post") { return; }
    var earlier = before ? parseInt(before.content, 10) || 0 : 0;
    hidden(form, "_edb_opened", opened.content);
    hidden(form, "_edb_changed", String(earlier + changedInputs(form)));
  }, true);
})();
