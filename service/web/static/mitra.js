// Mitra pages: taxonomy suggestions while typing, and progress of a scheduling job.
// Plain JavaScript, no library: the pages must work offline at the venue.
"use strict";

(function () {
  function debounce(fn, wait) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, wait);
    };
  }

  // List fields hold several terms separated by ';' or ','; suggest for the last one and
  // offer the whole field completed, so picking a suggestion keeps what was typed before.
  function setUpSuggestions(input) {
    var list = input.list;
    if (!list) {
      list = document.createElement("datalist");
      list.id = (input.id || input.name) + "-list";
      input.insertAdjacentElement("afterend", list);
      input.setAttribute("list", list.id);
    }
    var lastAsked = "";
    var ask = debounce(function () {
      var value = input.value;
      var cut = Math.max(value.lastIndexOf(";"), value.lastIndexOf(","));
      var before = cut >= 0 ? value.slice(0, cut + 1) + " " : "";
      var typed = value.slice(cut + 1).trim();
      if (typed.length < 2 || value === lastAsked) { return; }
      lastAsked = value;
      var url = "/saran?kind=" + encodeURIComponent(input.dataset.suggest) +
        "&q=" + encodeURIComponent(typed);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { terms: [] }; })
        .then(function (data) {
          list.textContent = "";
          data.terms.forEach(function (term) {
            var option = document.createElement("option");
            option.value = (before + term).trim();
            option.label = term;
            list.appendChild(option);
          });
        })
        .catch(function () { /* offline or signed out: typing still works */ });
    }, 150);
    input.addEventListener("input", ask);
  }

  function followJob(box) {
    var bar = box.querySelector("progress");
    var state = box.querySelector("#job-state");
    var links = document.getElementById("schedule-links");
    function poll() {
      fetch(box.dataset.statusUrl, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (job) {
          bar.value = job.progress;
          bar.textContent = Math.round(job.progress * 100) + "%";
          state.textContent = job.label + (job.message ? " — " + job.message : "");
          box.dataset.status = job.status;
          if (job.status === "done") {
            if (links) { links.hidden = false; }
          } else if (job.status !== "failed") {
            setTimeout(poll, 700);
          }
        })
        .catch(function () { setTimeout(poll, 3000); });
    }
    if (box.dataset.status === "queued" || box.dataset.status === "running") { poll(); }
  }

  // The service refuses bodies above its limit; say so before a long upload on venue wifi.
  function checkFileSize(input) {
    var warning = document.getElementById("file-too-large");
    input.form.addEventListener("submit", function (event) {
      var file = input.files[0];
      var tooLarge = file && file.size > Number(input.dataset.maxBytes);
      if (warning) { warning.hidden = !tooLarge; }
      if (tooLarge) { event.preventDefault(); input.focus(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[type=file][data-max-bytes]").forEach(checkFileSize);
    document.querySelectorAll("input[data-suggest]").forEach(setUpSuggestions);
    var job = document.getElementById("job");
    if (job) { followJob(job); }
  });
})();
