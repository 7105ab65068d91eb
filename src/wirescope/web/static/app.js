// wirescope dashboard script (ours, no framework): progress indicators and the ingestion form.
// Article text never passes through innerHTML: everything is set with textContent.
"use strict";

function showBusy(message) {
  const box = document.getElementById("busy");
  if (!box) return;
  document.getElementById("busy-text").textContent = message;
  box.hidden = false;
}

function hideBusy() {
  const box = document.getElementById("busy");
  if (box) box.hidden = true;
}

// Forms that load a slow page (semantic search embeds the query) show a spinner until the next page arrives.
function watchSlowForms() {
  for (const form of document.querySelectorAll("form[data-progress]")) {
    form.addEventListener("submit", () => {
      showBusy(form.dataset.progress);
      for (const b of form.querySelectorAll("button")) b.disabled = true;
    });
  }
  window.addEventListener("pageshow", hideBusy);
}

function linesOf(text) {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
}

function isUrlList(lines) {
  return lines.length > 0 && lines.every((l) => /^https?:\/\/\S+$/.test(l));
}

async function postIngest(payload) {
  const response = await fetch("/api/ingest", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    credentials: "same-origin",
    body: JSON.stringify(payload),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(typeof body.detail === "string" ? body.detail : response.statusText);
  return body;
}

// URLs are sent one at a time so the progress bar moves; a pasted article is one request.
async function ingest(form) {
  const status = document.getElementById("ingest-status");
  const bar = document.getElementById("ingest-progress");
  const button = form.querySelector("button");
  const text = form.elements.text.value;
  const lines = linesOf(text);
  if (lines.length === 0) {
    status.textContent = "Paste an article's text or some URLs first.";
    return;
  }
  const jobs = isUrlList(lines)
    ? lines.map((url) => ({ url }))
    : [{ document: { text, title: form.elements.title.value || null, published: form.elements.published.value || null } }];
  button.disabled = true;
  bar.hidden = false;
  bar.max = jobs.length;
  bar.value = 0;
  const ids = [];
  try {
    for (const [i, job] of jobs.entries()) {
      status.textContent = `Analysing ${i + 1} of ${jobs.length}… (entities, times, events, claims)`;
      const result = await postIngest(job);
      ids.push(...result.ids);
      bar.value = i + 1;
    }
    status.textContent = `Done: ${ids.length} document(s) stored or already known.`;
    if (ids.length === 1) window.location.href = `/documents/${encodeURIComponent(ids[0])}`;
  } catch (error) {
    status.textContent = `Failed: ${error.message}`;
  } finally {
    button.disabled = false;
  }
}

function watchIngestForm() {
  const form = document.getElementById("ingest-form");
  if (!form) return;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    ingest(form);
  });
}

// While the server groups articles into stories, poll its status, show progress, reload when done.
function watchStatus() {
  const box = document.querySelector("[data-watch-status]");
  if (!box) return;
  const label = document.getElementById("stories-progress");
  const poll = async () => {
    const response = await fetch("/api/status", { credentials: "same-origin" }).catch(() => null);
    const status = response && response.ok ? await response.json() : null;
    if (status && status.stories_ready) {
      window.location.reload();
      return;
    }
    if (status) label.textContent = `${status.progress.done} of ${status.progress.total}`;
    window.setTimeout(poll, 1000);
  };
  window.setTimeout(poll, 1000);
}

document.addEventListener("DOMContentLoaded", () => {
  watchSlowForms();
  watchIngestForm();
  watchStatus();
});
