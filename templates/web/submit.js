/*
 * The new-submission form, with script on: each chosen PDF's upload progress, and a live preview.
 * The form works without this file; with it, the same post is sent by XHR (to the same route,
 * which uploads the files through their presigned PUTs server-side) so that the bytes of each file
 * can be followed as they go, and the preview frame is refreshed as the mission types.
 * No markup is built from strings (the pages require Trusted Types for script sinks).
 */
(() => {
  const form = document.getElementById('submission-form');
  if (!(form instanceof HTMLFormElement)) return;
  const files = [...form.querySelectorAll('input[type="file"]')];
  const progressOf = (input) => document.getElementById(`${input.id}-progress`);
  const labelOf = (input) => form.querySelector(`label[for="${input.id}-progress"]`);

  const show = (input) => {
    const bar = progressOf(input);
    const label = labelOf(input);
    const chosen = input.files && input.files.length > 0;
    if (bar) {
      bar.hidden = !chosen;
      bar.value = 0;
    }
    if (label) label.hidden = !chosen;
  };
  for (const input of files) {
    input.addEventListener('change', () => show(input));
    show(input);
  }

  /** Bytes sent, spread over the files in the order the form sends them (they come last). */
  const spread = (loaded, total) => {
    const chosen = files.filter((input) => input.files && input.files.length > 0);
    const sizes = chosen.map((input) => input.files[0].size);
    let before = total - sizes.reduce((a, b) => a + b, 0);
    chosen.forEach((input, i) => {
      const bar = progressOf(input);
      const done = Math.max(0, Math.min(1, (loaded - before) / Math.max(1, sizes[i])));
      if (bar) bar.value = Math.round(done * 100);
      before += sizes[i];
    });
  };

  form.addEventListener('submit', (event) => {
    const submitter = event.submitter;
    // The preview goes to its frame as the form says; only the submission is sent by XHR.
    if (submitter?.hasAttribute('formaction')) return;
    if (!files.some((input) => input.files && input.files.length > 0)) return;
    event.preventDefault();
    const data = new FormData(form, submitter || undefined);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) spread(e.loaded, e.total);
    });
    // Every byte is sent: each chosen file's bar is full.
    xhr.upload.addEventListener('load', () => {
      for (const input of files) {
        const bar = progressOf(input);
        if (bar && !bar.hidden) bar.value = 100;
      }
    });
    xhr.addEventListener('load', () => {
      const landed = new URL(xhr.responseURL || form.action, location.href);
      if (xhr.status === 200 && landed.pathname !== new URL(form.action, location.href).pathname) {
        location.assign(landed.href);
        return;
      }
      // The form comes back (a problem to fix): post it as the page would, to show the answer.
      HTMLFormElement.prototype.submit.call(form);
    });
    xhr.addEventListener('error', () => HTMLFormElement.prototype.submit.call(form));
    xhr.send(data);
  });

  // The preview, refreshed a moment after the typing stops (the Preview button does it by hand).
  const previewButton = form.querySelector('button[formaction]');
  if (!previewButton) return;
  let timer;
  form.addEventListener('input', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === 'file') return;
    clearTimeout(timer);
    timer = setTimeout(() => form.requestSubmit(previewButton), 1500);
  });
})();
