// runcare's only script: small conveniences on pages that work without it.
// The body map's regions are submit buttons that show the intake again with
// the area chosen and every answer kept; here a click chooses in place.
(function () {
	"use strict";
	function choose(link, event) {
		var area = link.getAttribute("data-area");
		var radio = document.getElementById("area-" + area);
		if (!radio) return;
		event.preventDefault();
		radio.checked = true;
		var form = radio.form;
		var hidden = form.querySelector("input[name=region]");
		if (!hidden) {
			hidden = document.createElement("input");
			hidden.type = "hidden";
			hidden.name = "region";
			form.appendChild(hidden);
		}
		hidden.value = link.getAttribute("data-region");
		var side = document.getElementById("side-" + (link.getAttribute("data-side") || ""));
		if (side) side.checked = true;
		var all = document.querySelectorAll(".bm-pick .bm-r");
		for (var i = 0; i < all.length; i++) all[i].classList.remove("bm-chosen");
		link.classList.add("bm-chosen");
		var note = document.getElementById("bm-chosen-note");
		if (note) note.textContent = "On the map: " + link.getAttribute("aria-label");
		radio.focus();
	}
	document.addEventListener("click", function (event) {
		var link = event.target.closest ? event.target.closest(".bm-pick .bm-r") : null;
		if (link && link.getAttribute("data-area")) choose(link, event);
	});

	// The upload: send the form in the background to show its progress,
	// then show the answer. Without this the form posts as usual.
	document.addEventListener("submit", function (event) {
		var form = event.target;
		if (!form.classList || !form.classList.contains("upload")) return;
		if (!window.FormData || !window.XMLHttpRequest || !window.DOMParser) return;
		event.preventDefault();
		var bar = form.querySelector("progress");
		var xhr = new XMLHttpRequest();
		xhr.open("POST", form.action);
		if (bar) bar.hidden = false;
		xhr.upload.onprogress = function (e) {
			if (bar && e.lengthComputable) bar.value = Math.round(100 * e.loaded / e.total);
		};
		xhr.onload = function () {
			var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
			document.title = doc.title;
			document.body.replaceWith(doc.body);
			var status = document.querySelector("[role=status], [role=alert]");
			if (status) { status.tabIndex = -1; status.focus(); }
		};
		xhr.onerror = function () { form.submit(); };
		xhr.send(new FormData(form));
	});
})();
