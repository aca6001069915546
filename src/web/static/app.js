// paperboy's one script. Every page works without it; it adds "/" to focus
// search, results as you type, copy buttons and a date picker that goes at once.
'use strict';

document.addEventListener('keydown', (event) => {
  const target = event.target;
  const typing = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  if (event.key !== '/' || typing || event.ctrlKey || event.metaKey || event.altKey) return;
  const box = document.querySelector('input[type=search]');
  if (!box) return;
  event.preventDefault();
  box.focus();
  box.select();
});

for (const button of document.querySelectorAll('[data-copy]')) {
  button.hidden = false;
  button.addEventListener('click', async () => {
    const source = document.getElementById(button.dataset.copy);
    const note = button.nextElementSibling;
    try {
      await navigator.clipboard.writeText(source.value);
      note.textContent = 'Copied';
    } catch {
      source.select();
      note.textContent = 'Press Ctrl+C to copy';
    }
  });
}

for (const picker of document.querySelectorAll('input[data-autosubmit]')) {
  picker.addEventListener('change', () => picker.form.requestSubmit());
}

const searchForm = document.querySelector('form[data-live]');
if (searchForm) liveSearch(searchForm);

/** Results update in place while typing; the address follows, so back, forward and sharing work. */
function liveSearch(form) {
  const results = document.getElementById('results');
  let timer = 0;
  let pushed = false;
  let controller = null;

  const urlOf = () => {
    const params = new URLSearchParams();
    for (const element of form.elements) {
      if (!element.name || element.value === '' || (element.type === 'checkbox' && !element.checked)) continue;
      if (element.tagName === 'SELECT' && element.selectedIndex === 0) continue;
      params.append(element.name, element.value);
    }
    return `${form.action}?${params}`;
  };

  async function show(url) {
    controller?.abort();
    controller = new AbortController();
    results.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(`${url}${url.includes('?') ? '&' : '?'}fragment=1`, { signal: controller.signal });
      results.innerHTML = await response.text();
      results.removeAttribute('aria-busy');
    } catch (error) {
      if (error.name !== 'AbortError') results.removeAttribute('aria-busy');
    }
  }

  function update() {
    const url = urlOf();
    if (url === location.href) return;
    if (pushed) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    pushed = true;
    document.title = `${form.elements.q.value || 'Search'} · paperboy`;
    show(url);
  }

  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  });
  form.addEventListener('change', () => {
    clearTimeout(timer);
    update();
  });
  window.addEventListener('popstate', () => {
    const params = new URLSearchParams(location.search);
    for (const element of form.elements) {
      if (!element.name) continue;
      if (element.type === 'checkbox') element.checked = params.has(element.name);
      else element.value = params.get(element.name) ?? '';
    }
    pushed = false;
    show(location.pathname + location.search);
  });
}
