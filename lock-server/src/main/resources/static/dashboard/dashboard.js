// The lock server's dashboard: signs in with HTTP Basic, reads the server-sent events of /api/v1/events through
// fetch (EventSource cannot send an Authorization header) and draws locks, semaphores, sessions and SVG charts.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const WINDOW = 300;
  const AUTH_KEY = 'holdfast.dashboard.auth';
  const view = {
    auth: sessionStorage.getItem(AUTH_KEY), viewer: null, abort: null, retry: null,
    locks: new Map(), rows: new Map(), seconds: new Map(), lastSecond: 0, activities: [], sessions: [],
    receivedAt: 0, serverAt: 0, pending: null,
  };

  // ---- signing in and the event stream ----

  function basic(user, password) {
    const bytes = new TextEncoder().encode(user + ':' + password);
    return 'Basic ' + btoa(String.fromCharCode(...bytes));
  }

  function headers() {
    return { Authorization: view.auth, 'X-Requested-With': 'XMLHttpRequest' };
  }

  function setStatus(state, text) {
    $('connection').dataset.state = state;
    $('status').textContent = text;
  }

  function signOut(message) {
    disconnect();
    view.auth = null;
    view.viewer = null;
    clearLocks();
    sessionStorage.removeItem(AUTH_KEY);
    $('board').hidden = true;
    $('login').hidden = false;
    $('sign-out').hidden = true;
    $('whoami').textContent = '';
    $('login-error').textContent = message || '';
    setStatus('offline', 'not signed in');
  }

  function disconnect() {
    clearTimeout(view.retry);
    if (view.abort) {
      view.abort.abort();
      view.abort = null;
    }
  }

  function retryLater() {
    setStatus('offline', 'disconnected, retrying…');
    clearTimeout(view.retry);
    view.retry = setTimeout(connect, 2000);
  }

  async function connect() {
    disconnect();
    if (!view.auth) {
      return;
    }
    setStatus('connecting', 'connecting…');
    const controller = new AbortController();
    view.abort = controller;
    let response;
    try {
      response = await fetch('/api/v1/events', {
        headers: { ...headers(), Accept: 'text/event-stream' }, signal: controller.signal, cache: 'no-store',
      });
    } catch (e) {
      if (!controller.signal.aborted) retryLater();
      return;
    }
    if (response.status === 401) return signOut('Wrong user or password.');
    if (response.status === 403) return signOut('This user may not read the dashboard: it needs the READ role.');
    if (!response.ok) {
      setStatus('offline', 'server answered ' + response.status);
      retryLater();
      return;
    }
    $('login').hidden = true;
    $('board').hidden = false;
    $('sign-out').hidden = false;
    await HoldfastEvents.read(response, dispatch);
    if (!controller.signal.aborted) retryLater();
  }

  function dispatch(name, body) {
    if (name === 'snapshot') snapshot(body);
    else if (name === 'state') applyState(body);
    else if (name === 'change') change(body);
  }

  // ---- applying events ----

  function clearLocks() {
    $('locks').tBodies[0].replaceChildren();
    view.rows.clear();
    view.locks.clear();
  }

  function snapshot(body) {
    clearLocks();
    view.viewer = body.viewer;
    view.seconds.clear();
    view.activities = body.recent.slice().reverse();
    $('store').textContent = body.store;
    $('whoami').textContent = body.viewer.client + (body.viewer.admin ? ' (admin)' : '');
    setStatus('live', 'live');
    applyState(body.state);
    renderActivity();
  }

  function applyState(state) {
    setStatus('live', 'live');
    view.receivedAt = performance.now();
    view.serverAt = state.at;
    const seen = new Set();
    for (const lock of state.locks) {
      seen.add(lock.lock);
      view.locks.set(lock.lock, { ...lock, receivedAt: view.receivedAt });
    }
    for (const name of [...view.locks.keys()]) {
      if (!seen.has(name)) view.locks.delete(name);
    }
    for (const second of state.seconds) view.seconds.set(second.second, second);
    view.lastSecond = Math.max(view.lastSecond, Math.floor(state.at / 1000));
    for (const key of view.seconds.keys()) {
      if (key <= view.lastSecond - WINDOW) view.seconds.delete(key);
    }
    view.sessions = state.sessions;
    $('count-waiting').textContent = state.waiting;
    $('count-sessions').textContent = state.sessionsOpen;
    $('count-semaphores').textContent = state.semaphores.length;
    renderLocks();
    renderSemaphores(state.semaphores);
    renderSessions();
    renderCharts();
  }

  function change(body) {
    const now = performance.now();
    for (const lock of body.locks) view.locks.set(lock.lock, { ...lock, receivedAt: now });
    for (const name of body.gone) view.locks.delete(name);
    for (const activity of body.activities) view.activities.unshift(activity);
    view.activities.length = Math.min(view.activities.length, 50);
    renderLocks();
    renderActivity();
  }

  // ---- rendering ----

  function cell(row, index, text) {
    if (row.cells[index].textContent !== String(text)) row.cells[index].textContent = text;
  }

  function remaining(lock) {
    if (lock.remainingMs < 0) return 'never expires';
    const left = lock.remainingMs - (performance.now() - lock.receivedAt);
    return left <= 0 ? 'expired' : (left / 1000).toFixed(1) + ' s';
  }

  function renderLocks() {
    const body = $('locks').tBodies[0];
    for (const [name, row] of view.rows) {
      if (!view.locks.has(name)) {
        row.remove();
        view.rows.delete(name);
      }
    }
    for (const lock of [...view.locks.values()].sort((a, b) => a.lock.localeCompare(b.lock))) {
      let row = view.rows.get(lock.lock);
      if (!row) {
        row = body.insertRow();
        row.className = 'fresh';
        row.dataset.lock = lock.lock;
        for (let i = 0; i < 6; i++) row.insertCell();
        row.cells[2].className = row.cells[3].className = row.cells[4].className = 'num';
        if (view.viewer && view.viewer.admin) {
          const button = document.createElement('button');
          button.type = 'button';
          button.className = 'force-release';
          button.textContent = 'Force-release';
          button.addEventListener('click', () => askRelease(row.dataset.lock));
          row.cells[5].append(button);
        }
        view.rows.set(lock.lock, row);
      }
      cell(row, 0, lock.lock);
      cell(row, 1, lock.owner);
      cell(row, 2, lock.token);
      cell(row, 3, remaining(lock));
      cell(row, 4, lock.waiters);
    }
    $('count-locks').textContent = view.locks.size;
    $('locks-empty').hidden = view.locks.size > 0;
  }

  function tickRemaining() {
    for (const [name, row] of view.rows) {
      const lock = view.locks.get(name);
      if (lock) cell(row, 3, remaining(lock));
    }
    renderSessions();
  }

  function renderSemaphores(semaphores) {
    const body = $('semaphores').tBodies[0];
    body.replaceChildren();
    for (const semaphore of semaphores) {
      const row = body.insertRow();
      row.dataset.semaphore = semaphore.semaphore;
      const readWrite = semaphore.kind !== 'SEMAPHORE';
      row.insertCell().textContent = semaphore.semaphore + (readWrite ? ' (read/write)' : '');
      const use = row.insertCell();
      if (!readWrite) {
        const bar = document.createElement('span');
        bar.className = 'bar';
        const fill = document.createElement('i');
        fill.style.width = Math.min(100, (100 * semaphore.inUse) / Math.max(1, semaphore.permits)) + '%';
        bar.append(fill);
        use.append(bar);
      }
      use.append(readWrite ? semaphore.holders.length + ' holders' : semaphore.inUse + ' / ' + semaphore.permits);
      const owners = semaphore.holders.map((h) => h.owner + (h.permits > 1 ? ' ×' + h.permits : ''));
      row.insertCell().textContent = owners.slice(0, 3).join(', ') + (owners.length > 3 ? ' +' + (owners.length - 3) : '');
      row.insertCell().textContent = semaphore.queued;
    }
    $('semaphores-empty').hidden = semaphores.length > 0;
  }

  function renderSessions() {
    const body = $('sessions').tBodies[0];
    const serverNow = view.serverAt + (performance.now() - view.receivedAt);
    body.replaceChildren();
    for (const session of view.sessions) {
      const row = body.insertRow();
      row.insertCell().textContent = session.session;
      row.insertCell().textContent = session.client || '';
      row.insertCell().textContent = Math.max(0, Math.round((serverNow - session.openedAt) / 1000)) + ' s';
    }
    $('sessions-empty').hidden = view.sessions.length > 0;
  }

  function renderActivity() {
    const list = $('activity');
    list.replaceChildren();
    for (const a of view.activities) {
      const item = document.createElement('li');
      const time = new Date(a.at).toISOString().slice(11, 23);
      const kind = document.createElement('b');
      kind.className = a.kind;
      kind.textContent = a.kind.toLowerCase().replace('_', ' ');
      item.append(time + ' ', kind, ' ' + a.target + (a.owner ? ' by ' + a.owner : '')
          + (a.token ? ' token ' + a.token : '') + (a.handoffMs != null ? ', hand-off ' + a.handoffMs.toFixed(2) + ' ms' : ''));
      list.append(item);
    }
  }

  function series(pick) {
    const values = [];
    for (let s = view.lastSecond - WINDOW + 1; s <= view.lastSecond; s++) {
      const second = view.seconds.get(s);
      values.push(second ? pick(second) : 0);
    }
    return values;
  }

  function renderCharts() {
    const chart = HoldfastCharts.render;
    const sum = (values) => values.reduce((a, b) => a + b, 0);
    const grants = series((s) => s.grants);
    const refusals = series((s) => s.refusals);
    const lost = series((s) => s.lost);
    chart('chart-grants', grants, sum(grants), '/s');
    chart('chart-refusals', refusals, sum(refusals), '/s');
    chart('chart-handoff', series((s) => s.handoffAvgMs), sum(series((s) => s.handoffs)), ' ms',
      series((s) => s.handoffMaxMs));
    chart('chart-lost', lost, sum(lost), '/s');
  }

  // ---- force-release ----

  function askRelease(name) {
    const lock = view.locks.get(name);
    if (!lock) return;
    view.pending = name;
    $('confirm-text').textContent =
      'Release lock ' + name + ' held by ' + lock.owner + ' (token ' + lock.token + ') now?';
    $('confirm-error').textContent = '';
    $('confirm').showModal();
  }

  async function release() {
    const name = view.pending;
    const slash = name.indexOf('/');
    const path = '/api/v1/locks/' + encodeURIComponent(name.slice(0, slash)) + '/'
      + encodeURIComponent(name.slice(slash + 1));
    let response;
    try {
      response = await fetch(path, { method: 'DELETE', headers: headers() });
    } catch (e) {
      $('confirm-error').textContent = 'The server did not answer: ' + e;
      return;
    }
    if (response.status === 204 || response.status === 404) {
      view.locks.delete(name);
      renderLocks();
      $('confirm').close();
      return;
    }
    let detail = 'refused with status ' + response.status;
    try {
      const problem = await response.json();
      detail = problem.detail || problem.title || detail;
    } catch (e) {
      // not a problem detail
    }
    $('confirm-error').textContent = detail;
  }

  // ---- wiring ----

  $('login').addEventListener('submit', (event) => {
    event.preventDefault();
    view.auth = basic($('login-user').value, $('login-password').value);
    sessionStorage.setItem(AUTH_KEY, view.auth);
    $('login-error').textContent = '';
    connect();
  });
  $('sign-out').addEventListener('click', () => signOut(''));
  $('confirm-release').addEventListener('click', release);
  setInterval(tickRemaining, 250);
  if (view.auth) connect();
})();
