// Progressive enhancement of the story form; the form works the same without it.
// - A slider that was never moved is no answer (the hidden "touched" field says so).
// - Moving a slider or typing points unticks "not applicable".
// - A triad shows how many of its 100 points are given.
(function () {
  "use strict";
  var form = document.getElementById("story-form");
  if (!form) { return; }

  function notApplicable(fieldset) {
    return fieldset.querySelector(".edb-na input[type=checkbox]");
  }

  form.querySelectorAll(".edb-signifier--dyad").forEach(function (fieldset) {
    var range = fieldset.querySelector("input[type=range]");
    var touched = form.querySelector("input[name='" + range.name + "_touched']");
    if (!touched) { return; }
    if (touched.value !== "1") {
      touched.value = "0";
      fieldset.classList.add("edb-untouched");
    }
    range.addEventListener("input", function () {
      touched.value = "1";
      fieldset.classList.remove("edb-untouched");
      var na = notApplicable(fieldset);
      if (na) { na.checked = false; }
    });
  });

  form.querySelectorAll("[data-triad]").forEach(function (triad) {
    var inputs = triad.querySelectorAll("input");
    var output = triad.querySelector("[data-sum]");
    var fieldset = triad.closest("fieldset");
    function update() {
      var sum = 0;
      var any = false;
      inputs.forEach(function (input) {
        var value = parseInt(input.value, 10);
        if (!isNaN(value)) { sum += value; any = true; }
      });
      output.hidden = !any;
      output.textContent = output.dataset.template.replace("%(sum)s", String(sum));
      output.classList.toggle("edb-triad__sum--done", sum === 100);
    }
    inputs.forEach(function (input) {
      input.addEventListener("input", function () {
        var na = notApplicable(fieldset);
        if (na) { na.checked = false; }
        update();
      });
    });
    update();
  });
}());
