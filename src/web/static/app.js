// paperboy's one script. Every page works without it; it adds keys ("/" to
// search, j/k between cards, the arrow keys between days), results as you
// type, votes and saves without a reload, copy buttons and a date picker that
// goes at once.
'use strict';

const KEYS = {
  '/': focusSearch,
  j: () => moveCard(1),
  k: () => moveCard(-1),
  ArrowLeft: () => follow('a[rel=prev][aria-keyshortcuts]'),
  ArrowRight: () => follow('a[rel=next][aria-keyshortcuts]'),
};

document.addEventListener('keydown', (event) => {
  const target = event.target;
  const typing = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  const action = KEYS[event.key];
  if (!action || typing || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
  if (action() !== false) event.preventDefault();
});

function focusSearch() {
  const box = document.querySelector('input[type=search]');
  if (!box) return false;
  box.focus();
  box.select();
}

/** Moves focus to the next or previous card of the page's list, and shows it. */
function moveCard(step) {
  const cards = [...document.querySelectorAll('[data-cards] > li')];
  if (!cards.length) return false;
  const current = cards.findIndex((card) => card.contains(document.activeElement));
  const next = cards[current < 0 ? (step > 0 ? 0 : cards.length - 1) : Math.min(cards.length - 1, Math.max(0, current + step))];
  next.focus();
  next.scrollIntoView({ block: 'nearest' });
}

function follow(selector) {
  const link = document.querySelector(selector);
  if (!link) return false;
  link.click();
}

/** A vote, save or remove sent without leaving the page: the server answers with the form's part, drawn anew. */
document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-in-place')) return;
  const part = form.closest('[data-part]');
  if (!part) return;
  event.preventDefault();
  const body = new URLSearchParams(new FormData(form, event.submitter));
  body.set('fragment', '1');
  part.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch(form.action, { method: 'POST', body, credentials: 'same-origin' });
    if (new URL(response.url).pathname === '/signin') return location.assign(response.url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const id = part.id;
    part.outerHTML = await response.text();
    document.getElementById(id)?.querySelector('button')?.focus();
  } catch {
    part.removeAttribute('aria-busy');
    HTMLFormElement.prototype.submit.call(form);
  }
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
