// The Connections screen. Everything it shows comes from the authenticated API under /imsa/connections; the page
// itself is a static shell. Text from the API (entries, certificate fields, messages, history) is only ever set
// with textContent, never parsed as HTML.
'use strict';

(function () {
  const API = '/imsa/connections';
  const TOKEN_KEY = 'imsa-james.webadmin-token';
  const MAX_SHOWN_ENTRIES = 2000;
  const MAX_UPLOAD_BYTES = 1024 * 1024;

  const $ = (id) => document.getElementById(id);

  let token = sessionStorage.getItem(TOKEN_KEY);
  let saved = null;        // the state as the API last returned it
  let etag = null;         // that state's ETag: the If-Match of the next change
  let entries = [];        // the list being edited: [{text, error}]
  let policy = null;       // the mode being edited
  let importLines = [];    // the lines of the last file chosen for import

  // ---------------------------------------------------------------- API

  async function api(method, path, body, contentType) {
    const headers = { 'Accept': 'application/json' };
    if (token) {
      headers['Authorization'] = 'Bearer ' + token;
    }
    if (method !== 'GET') {
      headers['If-Match'] = etag;
    }
    let payload;
    if (body instanceof FormData) {
      payload = body; // the browser writes multipart/form-data with its boundary
    } else if (typeof body === 'string') {
      headers['Content-Type'] = contentType || 'text/plain; charset=utf-8';
      payload = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json; charset=utf-8';
      payload = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(API + path, { method, headers, body: payload, cache: 'no-store', credentials: 'omit' });
    } catch (e) {
      return { status: 0, json: { message: 'James did not answer: ' + e.message } };
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = { message: text };
    }
    if (response.status === 401) {
      askForToken(token ? 'James refused this token (expired, wrong key, or not an admin token).' : '');
    }
    return { status: response.status, json, etag: response.headers.get('ETag') };
  }

  function messageOf(result) {
    if (result.status === 413) {
      return 'Too large: James accepts at most 1 MiB.';
    }
    if (result.json && typeof result.json.message === 'string') {
      return result.json.message;
    }
    return 'James answered ' + result.status + '.';
  }

  // ---------------------------------------------------------------- token

  function askForToken(reason) {
    sessionStorage.removeItem(TOKEN_KEY);
    token = null;
    $('token-panel').hidden = false;
    $('session').hidden = true;
    $('screen').hidden = true;
    $('token-error').textContent = reason || '';
    $('token-input').focus();
  }

  async function connectWithToken(event) {
    event.preventDefault();
    const value = $('token-input').value.trim();
    $('token-input').value = '';
    if (!value) {
      $('token-error').textContent = 'Paste the token first.';
      return;
    }
    token = value;
    sessionStorage.setItem(TOKEN_KEY, value);
    await loadState();
  }

  // ---------------------------------------------------------------- loading and rendering

  async function loadState() {
    const result = await api('GET', '');
    if (result.status === 401) {
      return;
    }
    if (result.status !== 200) {
      showError('Cannot load the state: ' + messageOf(result));
      return;
    }
    $('token-panel').hidden = true;
    $('session').hidden = !token;
    $('screen').hidden = false;
    hideBanners();
    // What answered the previous state (a lookup, an import's or an upload's error) would now mislead.
    ['lookup-result', 'import-error', 'upload-error', 'entry-add-error'].forEach((id) => { $(id).textContent = ''; });
    $('import-lines').replaceChildren();
    takeState(result);
    renderAll();
    loadHistory();
    loadStats();
  }

  function takeState(result) {
    saved = result.json;
    etag = result.etag || ('"' + saved.version + '"');
    $('state-version').textContent = saved.version;
    renderCertificate();
    renderPendingRestart();
  }

  function renderAll() {
    renderSmtpInterface();
    renderConnectionControl();
    renderTls();
    clearSectionErrors();
    updateDirtyNote();
  }

  function renderSmtpInterface() {
    const smtp = saved.smtpInterface || {};
    const ip = smtp.ipAddress || 'all';
    $('ip-all').checked = ip === 'all';
    $('ip-loopback').checked = ip === 'loopback';
    $('ip-other').checked = ip !== 'all' && ip !== 'loopback';
    $('ip-address').value = $('ip-other').checked ? ip : '';
    $('port').value = numberText(smtp.port);
    $('inactivity').value = numberText(smtp.inactivityTimeoutMinutes);
    const max = smtp.maxConnections || 0;
    $('conn-unlimited').checked = max === 0;
    $('conn-limited').checked = max > 0;
    $('max-connections').value = max > 0 ? String(max) : '';
    $('max-per-ip').value = numberText(smtp.maxConnectionsPerIp);
    $('max-message-size').value = numberText(smtp.maxMessageSizeKb);
    // A row for a value this James's state does not carry is not shown rather than shown empty.
    document.querySelectorAll('#smtp-interface [data-key]').forEach((row) => {
      row.hidden = !(row.dataset.key.substring('smtpInterface.'.length) in smtp);
    });
    renderPendingRestart();
  }

  function renderConnectionControl() {
    const control = saved.connectionControl || { policy: 'accept-all-except', entries: [] };
    policy = control.policy;
    $('policy-accept').checked = policy === 'accept-all-except';
    $('policy-deny').checked = policy === 'deny-all-except';
    entries = (control.entries || []).map((text) => ({ text, error: null }));
    renderEntries();
  }

  function renderTls() {
    const tls = saved.tls || {};
    const incoming = tls.incoming || {};
    const outgoing = tls.outgoing || {};
    $('tls-incoming').checked = !!incoming.enabled;
    $('tls-only').checked = !!incoming.tlsOnly;
    $('tls-outgoing').checked = !!outgoing.enabled;
    selectOption($('tls-outgoing-mode'), outgoing.mode || 'opportunistic');
    $('tls-outgoing-mode').disabled = !outgoing.enabled;
  }

  function renderCertificate() {
    const certificate = saved.tls && saved.tls.incoming && saved.tls.incoming.certificate;
    $('certificate').hidden = !certificate;
    $('no-certificate').hidden = !!certificate;
    $('cert-subject').textContent = certificate ? certificate.subject : '';
    $('cert-issuer').textContent = certificate ? certificate.issuer : '';
    $('cert-expiry').textContent = certificate ? certificate.notAfter : '';
    $('cert-sha256').textContent = certificate ? certificate.sha256 : '';
    $('cert-expiry').classList.toggle('expiring', !!certificate && expiresWithinDays(certificate.notAfter, 30));
  }

  function renderPendingRestart() {
    const pending = Array.isArray(saved.pendingRestart) ? saved.pendingRestart : [];
    $('restart-banner').hidden = pending.length === 0;
    $('restart-keys').textContent = pending.join(', ');
    document.querySelectorAll('[data-key]').forEach((row) => {
      const key = row.dataset.key;
      const isPending = pending.some((p) => p === key || p.startsWith(key + '.') || key.startsWith(p + '.'));
      row.classList.toggle('is-pending', isPending);
    });
  }

  function renderEntries() {
    const list = $('entry-list');
    list.replaceChildren();
    const filter = $('entry-filter').value.trim().toLowerCase();
    let matching = 0;
    entries.forEach((entry, index) => {
      if (filter && !entry.text.toLowerCase().includes(filter)) {
        return;
      }
      matching++;
      if (matching > MAX_SHOWN_ENTRIES) {
        return;
      }
      const item = document.createElement('li');
      item.dataset.index = String(index);
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.className = 'entry-select';
      box.setAttribute('aria-label', 'Select ' + entry.text);
      const label = document.createElement('span');
      label.className = 'entry';
      label.textContent = entry.text;
      item.append(box, label);
      if (entry.error) {
        item.classList.add('has-error');
        const error = document.createElement('span');
        error.className = 'field-error';
        error.textContent = entry.error;
        item.append(error);
      }
      list.append(item);
    });
    $('entry-count').textContent = entries.length === 1 ? '1 entry' : entries.length + ' entries';
    $('entry-more').hidden = matching <= MAX_SHOWN_ENTRIES;
    $('entry-more').textContent = 'Showing ' + MAX_SHOWN_ENTRIES + ' of ' + matching
      + ' matching entries; type in the filter to find the others.';
    renderEntryErrors();
    if (!entries.some((entry) => entry.error)) {
      sectionError('connection-control', '');   // the list that message was about is gone
    }
    updateDirtyNote();
  }

  // Every entry error is also listed here, so that one hidden by the filter or the display limit is still seen.
  function renderEntryErrors() {
    const list = $('entry-errors');
    list.replaceChildren();
    entries.forEach((entry, index) => {
      if (entry.error) {
        const item = document.createElement('li');
        item.textContent = 'Entry ' + (index + 1) + ' (' + entry.text + '): ' + entry.error;
        list.append(item);
      }
    });
  }

  async function loadHistory() {
    const result = await api('GET', '/history');
    $('history').hidden = result.status !== 200 || !Array.isArray(result.json);
    if ($('history').hidden) {
      return;
    }
    const rows = $('history-rows');
    rows.replaceChildren();
    result.json.slice(0, 20).forEach((version, position) => {
      const row = document.createElement('tr');
      row.append(cell(version.version), cell(shortTime(version.at)), cell(version.by));
      const changes = document.createElement('td');
      const list = document.createElement('ul');
      list.className = 'plain';
      (version.changes || []).slice(0, 10).forEach((change) => {
        const item = document.createElement('li');
        item.textContent = change;
        list.append(item);
      });
      if ((version.changes || []).length > 10) {
        const item = document.createElement('li');
        item.textContent = 'and ' + (version.changes.length - 10) + ' more';
        list.append(item);
      }
      changes.append(list);
      row.append(changes);
      const action = document.createElement('td');
      if (position > 0) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'restore';
        button.textContent = 'Restore';
        button.addEventListener('click', () => restore(version.version, button));
        action.append(button);
      } else {
        action.textContent = 'in force';
      }
      row.append(action);
      rows.append(row);
    });
    $('history-empty').hidden = result.json.length > 0;
  }

  async function loadStats() {
    const result = await api('GET', '/stats');
    $('stats').hidden = result.status !== 200 || !result.json;
    if ($('stats').hidden) {
      return;
    }
    const stats = result.json;
    $('stats-accepted').textContent = String(stats.accepted);
    $('stats-refused').textContent = String(stats.refused);
    fillList($('stats-by-entry'), (stats.byEntry || []).slice(0, 20), (e) => e.entry + ': ' + e.refused + ' refused');
    fillList($('stats-recent'), (stats.recentRefused || []).slice(0, 20),
      (r) => shortTime(r.at) + '  ' + r.ip + (r.entry ? ' (' + r.entry + ')' : ''));
  }

  // ---------------------------------------------------------------- editing the list

  function addEntries() {
    const input = $('entry-input');
    const texts = input.value.split(/[\s,;]+/).filter((t) => t.length > 0);
    $('entry-add-error').textContent = '';
    if (texts.length === 0) {
      $('entry-add-error').textContent = 'Type an address or a group first.';
      return;
    }
    const present = new Set(entries.map((e) => e.text));
    const duplicates = [];
    texts.forEach((text) => {
      if (present.has(text)) {
        duplicates.push(text);
      } else {
        present.add(text);
        entries.push({ text, error: null });
      }
    });
    if (duplicates.length > 0) {
      $('entry-add-error').textContent = 'Already in the list: ' + duplicates.join(', ');
    }
    input.value = '';
    renderEntries();
  }

  function removeSelected() {
    const selected = new Set();
    document.querySelectorAll('#entry-list li').forEach((item) => {
      if (item.querySelector('.entry-select').checked) {
        selected.add(Number(item.dataset.index));
      }
    });
    entries = entries.filter((entry, index) => !selected.has(index));
    renderEntries();
  }

  function selectAllShown() {
    document.querySelectorAll('#entry-list .entry-select').forEach((box) => { box.checked = true; });
  }

  // ---------------------------------------------------------------- Save

  function smtpInterfaceChanges() {
    const smtp = saved.smtpInterface || {};
    const form = {
      ipAddress: $('ip-all').checked ? 'all' : $('ip-loopback').checked ? 'loopback' : $('ip-address').value.trim(),
      port: integerOf($('port').value),
      inactivityTimeoutMinutes: integerOf($('inactivity').value),
      maxConnections: $('conn-unlimited').checked ? 0 : integerOf($('max-connections').value),
      maxConnectionsPerIp: integerOf($('max-per-ip').value),
      maxMessageSizeKb: integerOf($('max-message-size').value),
    };
    const changes = {};
    Object.keys(form).forEach((key) => {
      if (key in smtp && form[key] !== smtp[key]) {
        changes[key] = form[key];
      }
    });
    return changes;
  }

  function connectionControlChanged() {
    const control = saved.connectionControl || {};
    const savedEntries = control.entries || [];
    const texts = entries.map((e) => e.text);
    return policy !== control.policy || texts.length !== savedEntries.length
      || texts.some((text, i) => text !== savedEntries[i]);
  }

  function tlsChanges() {
    const tls = saved.tls || {};
    const incoming = tls.incoming || {};
    const outgoing = tls.outgoing || {};
    const changes = {};
    const wantIncoming = { enabled: $('tls-incoming').checked, tlsOnly: $('tls-only').checked };
    Object.keys(wantIncoming).forEach((key) => {
      if (wantIncoming[key] !== !!incoming[key]) {
        changes.incoming = changes.incoming || {};
        changes.incoming[key] = wantIncoming[key];
      }
    });
    const wantOutgoing = { enabled: $('tls-outgoing').checked, mode: $('tls-outgoing-mode').value };
    if (wantOutgoing.enabled !== !!outgoing.enabled) {
      changes.outgoing = { enabled: wantOutgoing.enabled };
    }
    if (wantOutgoing.enabled && wantOutgoing.mode !== (outgoing.mode || 'opportunistic')) {
      changes.outgoing = Object.assign(changes.outgoing || {}, { mode: wantOutgoing.mode });
    }
    return changes;
  }

  function isDirty() {
    return saved !== null && (connectionControlChanged() || Object.keys(tlsChanges()).length > 0
      || Object.keys(smtpInterfaceChanges()).length > 0);
  }

  function updateDirtyNote() {
    $('dirty-note').textContent = isDirty() ? 'Unsaved changes.' : '';
  }

  // One Save sends each changed section in turn, each with the ETag the previous one returned: the list first (it
  // applies within a second), then TLS, then what applies only at the next start.
  async function save() {
    hideBanners();
    clearSectionErrors();
    const steps = [];
    if (connectionControlChanged()) {
      steps.push({
        name: 'Connection Control', section: 'connection-control', method: 'PUT', path: '/connection-control',
        body: () => ({ policy, entries: entries.map((e) => e.text) }),
      });
    }
    if (Object.keys(tlsChanges()).length > 0) {
      steps.push({ name: 'Transport Layer Security', section: 'tls', method: 'PUT', path: '/tls', body: tlsChanges });
    }
    if (Object.keys(smtpInterfaceChanges()).length > 0) {
      steps.push({
        name: 'SMTP Interface', section: 'smtp-interface', method: 'PUT', path: '/smtp-interface',
        body: smtpInterfaceChanges,
      });
    }
    if (steps.length === 0) {
      showOk('Nothing to save: the page shows the saved state.');
      return;
    }
    const done = [];
    $('save').disabled = true;
    try {
      for (const step of steps) {
        const result = await api(step.method, step.path, step.body());
        if (result.status !== 200) {
          failedStep(step, result, done);
          return;
        }
        takeState(result);
        done.push(step.name);
      }
      renderAll();
      showOk('Saved: ' + done.join(', ') + '. Version ' + saved.version + '.');
      loadHistory();
      loadStats();
    } finally {
      $('save').disabled = false;
    }
  }

  function failedStep(step, result, done) {
    const before = done.length > 0 ? ' Saved before it: ' + done.join(', ') + '.' : '';
    if (result.status === 412) {
      showStale('Someone else saved a change since this page loaded its state, so ' + step.name
        + ' was not saved (nothing of it changed).' + before + ' Reload to see the current state, then redo your change.');
      return;
    }
    if (result.status === 401) {
      return;
    }
    if (step.section === 'connection-control' && result.json && Array.isArray(result.json.errors)) {
      markEntryErrors(result.json.errors);
    }
    if (step.section === 'smtp-interface' && result.json && Array.isArray(result.json.errors)) {
      markFieldErrors('smtpInterface.', result.json.errors);
    }
    const message = step.section === 'smtp-interface' && (result.status === 404 || result.status === 405)
      ? 'This James does not save ' + step.name + ' from this screen: change it in the settings\' smtpInterface:'
        + ' section and run imsa-james generate --update; it applies at the next start of James. Nothing was changed.'
      : messageOf(result);
    sectionError(step.section, message);
    showError(step.name + ' was not saved: ' + message + before);
  }

  // Each refused value beside its own field (the API names it: {"field": "port", "message": ...}).
  function markFieldErrors(prefix, errors) {
    errors.forEach((error) => {
      const row = typeof error.field === 'string'
        ? Array.from(document.querySelectorAll('[data-key]')).find((r) => r.dataset.key === prefix + error.field)
        : null;
      const target = row && row.querySelector('.field-error');
      if (target) {
        target.textContent = String(error.message);
      }
    });
  }

  function markEntryErrors(errors) {
    entries.forEach((entry) => { entry.error = null; });
    errors.forEach((error) => {
      if (Number.isInteger(error.index) && error.index >= 0 && error.index < entries.length) {
        entries[error.index].error = String(error.message);
      }
    });
    renderEntries();
  }

  // ---------------------------------------------------------------- Import, Test an address, Upload, Restore

  async function chooseImportFile() {
    const file = $('import-file').files[0];
    importLines = file ? (await file.text()).split(/\r?\n/) : [];
    $('import-error').textContent = '';
    $('import-lines').replaceChildren();
  }

  async function importFile() {
    hideBanners();
    const file = $('import-file').files[0];
    $('import-lines').replaceChildren();
    $('import-error').textContent = '';
    if (!file) {
      $('import-error').textContent = 'Choose a file first.';
      return;
    }
    if (connectionControlChanged()) {
      $('import-error').textContent = 'Save or cancel your changes to the list first: an import applies to the saved list.';
      return;
    }
    const mode = $('import-replace').checked ? 'replace' : 'append';
    const text = await file.text();
    importLines = text.split(/\r?\n/);
    const result = await api('POST', '/connection-control/import?mode=' + mode, text, 'text/plain; charset=utf-8');
    if (result.status === 200) {
      takeState(result);
      renderConnectionControl();
      $('import-file').value = '';
      showOk('Imported ' + file.name + ' (' + (mode === 'replace' ? 'replaced the list' : 'added to the list')
        + '): ' + entries.length + ' entries in force. Version ' + saved.version + '.');
      loadHistory();
      loadStats();
      return;
    }
    if (result.status === 412) {
      showStale('Someone else saved a change since this page loaded its state: nothing was imported. Reload, then import again.');
      return;
    }
    $('import-error').textContent = 'Nothing was imported: ' + messageOf(result);
    const errors = result.json && Array.isArray(result.json.errors) ? result.json.errors : [];
    showImportErrors(errors);
  }

  // Each error beside its line, as the file has it.
  function showImportErrors(errors) {
    const list = $('import-lines');
    errors.slice(0, 100).forEach((error) => {
      const item = document.createElement('li');
      item.className = 'import-error';
      item.dataset.line = String(error.line);
      const number = document.createElement('span');
      number.className = 'line-number';
      number.textContent = 'line ' + error.line;
      const line = document.createElement('code');
      line.className = 'line-text';
      const original = Number.isInteger(error.line) ? importLines[error.line - 1] : undefined;
      line.textContent = original !== undefined ? original : String(error.entry);
      const message = document.createElement('span');
      message.className = 'field-error';
      message.textContent = error.message;
      item.append(number, line, message);
      list.append(item);
    });
    if (errors.length > 100) {
      const item = document.createElement('li');
      item.textContent = 'and ' + (errors.length - 100) + ' more errors';
      list.append(item);
    }
  }

  async function lookup() {
    const ip = $('lookup-ip').value.trim();
    const out = $('lookup-result');
    out.className = 'lookup-result';
    if (!ip) {
      out.textContent = 'Type an IP address first.';
      return;
    }
    const result = await api('GET', '/lookup?ip=' + encodeURIComponent(ip));
    if (result.status !== 200) {
      out.classList.add('refused');
      out.textContent = messageOf(result);
      return;
    }
    const answer = result.json;
    out.classList.add(answer.decision === 'accepted' ? 'accepted' : 'refused');
    out.textContent = answer.ip + ' is ' + answer.decision
      + (answer.matchedEntry ? ' (matches ' + answer.matchedEntry + ')' : ' (matches no entry)');
  }

  async function upload() {
    hideBanners();
    const error = $('upload-error');
    error.textContent = '';
    const key = $('key-file').files[0];
    const certificate = $('cert-file').files[0];
    const ca = $('ca-file').files[0];
    if (!key || !certificate) {
      error.textContent = 'Choose the private key and the server certificate first.';
      return;
    }
    // multipart/form-data: a PEM file as it is, a DER file in base64 (James 3.8.1 reads a multipart body as text
    // before the route does, so binary bytes would not arrive whole), the password as a field.
    const total = key.size + certificate.size + (ca ? ca.size : 0);
    if (total > MAX_UPLOAD_BYTES) {
      error.textContent = 'Not uploaded: the files are ' + total + ' bytes; James accepts at most 1 MiB.';
      return;
    }
    const files = new FormData();
    files.append('privateKey', await filePart(key), plainName(key.name, 'server.key'));
    files.append('serverCertificate', await filePart(certificate), plainName(certificate.name, 'server.crt'));
    if (ca) {
      files.append('caCertificate', await filePart(ca), plainName(ca.name, 'ca.crt'));
    }
    if ($('key-password').value) {
      files.append('privateKeyPassword', $('key-password').value);
    }
    const result = await api('POST', '/tls/certificate', files);
    $('key-password').value = '';
    if (result.status === 200) {
      takeState(result);
      ['key-file', 'cert-file', 'ca-file'].forEach((id) => { $(id).value = ''; });
      showOk('Uploaded: new STARTTLS handshakes serve ' + saved.tls.incoming.certificate.subject
        + '. Version ' + saved.version + '.');
      loadHistory();
      loadStats();
      return;
    }
    if (result.status === 412) {
      showStale('Someone else saved a change since this page loaded its state: nothing was uploaded. Reload, then upload again.');
      return;
    }
    error.textContent = 'Not uploaded: ' + messageOf(result);
  }

  async function filePart(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (new TextDecoder('utf-8').decode(bytes).includes('-----BEGIN')) {
      return file;
    }
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return new Blob([btoa(binary)], { type: 'application/octet-stream' });
  }

  // James refuses odd file names (HTML, control or invisible characters, over 255) and uses none of them, so the
  // page sends an odd one under a plain name instead.
  function plainName(name, fallback) {
    return /^[^\/\\<>"&\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]{1,255}$/.test(name)
      && name !== '.' && name !== '..' ? name : fallback;
  }

  async function restore(version, button) {
    if (button.dataset.armed !== 'yes') {
      button.dataset.armed = 'yes';
      button.textContent = 'Click again to restore ' + version;
      return;
    }
    hideBanners();
    const result = await api('POST', '/history/' + encodeURIComponent(version) + '/restore');
    if (result.status === 200) {
      takeState(result);
      renderAll();
      showOk('Restored version ' + version + ' as the new version ' + saved.version + '.');
      loadHistory();
      loadStats();
      return;
    }
    if (result.status === 412) {
      showStale('Someone else saved a change since this page loaded its state: nothing was restored.');
      return;
    }
    showError('Not restored: ' + messageOf(result));
  }

  // ---------------------------------------------------------------- banners and small helpers

  function hideBanners() {
    ['stale-banner', 'error-banner', 'ok-banner'].forEach((id) => { $(id).hidden = true; });
  }

  function showStale(text) {
    $('stale-text').textContent = text;
    $('stale-banner').hidden = false;
  }

  function showError(text) {
    $('error-banner').textContent = text;
    $('error-banner').hidden = false;
  }

  function showOk(text) {
    $('ok-banner').textContent = text;
    $('ok-banner').hidden = false;
  }

  function sectionError(section, text) {
    const target = document.querySelector('#' + section + ' .section-error');
    if (target) {
      target.textContent = text;
    }
  }

  function clearSectionErrors() {
    document.querySelectorAll('.section-error, .row > .field-error').forEach((element) => {
      element.textContent = '';
    });
  }

  function cell(text) {
    const td = document.createElement('td');
    td.textContent = text === undefined || text === null ? '' : String(text);
    return td;
  }

  function fillList(list, items, format) {
    list.replaceChildren();
    items.forEach((item) => {
      const li = document.createElement('li');
      li.textContent = format(item);
      list.append(li);
    });
  }

  // A value the page has no option for (a mode of a newer James, or "none" while disabled) is shown as it is.
  function selectOption(select, value) {
    if (!Array.from(select.options).some((option) => option.value === value)) {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = value;
      select.append(option);
    }
    select.value = value;
  }

  // 2026-12-02T03:22:44.463999686Z -> 2026-12-02 03:22:44 UTC; anything else is shown as it came.
  function shortTime(at) {
    const text = at === undefined || at === null ? '' : String(at);
    const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(text);
    return match ? match[1] + ' ' + match[2] + ' UTC' : text;
  }

  function numberText(value) {
    return value === undefined || value === null ? '' : String(value);
  }

  // A field the user emptied or typed letters into is sent as text, so that James refuses it with its reason.
  function integerOf(text) {
    const trimmed = String(text).trim();
    return /^[0-9]+$/.test(trimmed) ? Number(trimmed) : trimmed;
  }

  function expiresWithinDays(notAfter, days) {
    const at = Date.parse(notAfter);
    return !Number.isNaN(at) && at - Date.now() < days * 24 * 3600 * 1000;
  }

  // ---------------------------------------------------------------- wiring

  document.addEventListener('DOMContentLoaded', () => {
    $('token-form').addEventListener('submit', connectWithToken);
    $('sign-out').addEventListener('click', () => askForToken('Token forgotten.'));
    $('stale-reload').addEventListener('click', loadState);
    $('reload').addEventListener('click', loadState);
    $('save').addEventListener('click', save);
    $('entry-add').addEventListener('click', addEntries);
    $('entry-input').addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        addEntries();
      }
    });
    $('entry-remove').addEventListener('click', removeSelected);
    $('entry-select-all').addEventListener('click', selectAllShown);
    $('entry-filter').addEventListener('input', renderEntries);
    document.querySelectorAll('input[name="policy"]').forEach((radio) => {
      radio.addEventListener('change', () => { policy = radio.value; updateDirtyNote(); });
    });
    $('import-file').addEventListener('change', chooseImportFile);
    $('import-button').addEventListener('click', importFile);
    $('lookup-button').addEventListener('click', lookup);
    $('lookup-ip').addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        lookup();
      }
    });
    $('upload-button').addEventListener('click', upload);
    $('stats-refresh').addEventListener('click', loadStats);
    $('tls-outgoing').addEventListener('change', () => {
      const mode = $('tls-outgoing-mode');
      mode.disabled = !$('tls-outgoing').checked;
      if ($('tls-outgoing').checked && mode.value === 'none') {
        mode.value = 'opportunistic';
      }
    });
    $('screen').addEventListener('change', updateDirtyNote);
    $('screen').addEventListener('input', updateDirtyNote);
    loadState();
  });
}());
