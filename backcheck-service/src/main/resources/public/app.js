// Backcheck's page: builds the checklists from the API, sends the answers to POST /api/assessments
// whenever one changes, and shows the result. Talks to its own origin only; every text from the
// server goes in through textContent, never as HTML.
'use strict';

(function () {
  const PATHOLOGY_NAMES = {
    cauda_equina: 'Cauda equina syndrome',
    cord_compression: 'Spinal cord compression',
    cancer: 'Cancer or spinal metastases',
    infection: 'Spinal infection',
    fracture: 'Vertebral fracture'
  };

  const HEADINGS = {
    emergency_mri: 'Emergency MRI: refer immediately',
    imaging_indicated: 'Imaging indicated',
    refer_rheumatology: 'Refer to rheumatology',
    hla_b27_test: 'Test HLA-B27, refer if positive',
    specialist_imaging_if_changes_management: 'Image only if the result would change management',
    no_imaging: 'No imaging',
    out_of_scope: 'Outside the guidance\u2019s age range'
  };

  const URGENCY = {
    emergency: 'Emergency: now',
    same_day: 'Same day',
    urgent: 'Urgent: within days',
    routine: 'Routine'
  };

  const SPA_OUTCOMES = {
    refer: 'criteria met: refer',
    test_hla_b27: 'three criteria: test HLA-B27',
    not_met: 'criteria not met',
    not_assessed: 'no features recorded yet: ask about them',
    onset_age_needed: 'record the age the pain began to know whether NICE NG65 applies',
    not_applicable: 'not counted (pain did not begin before 45, or has not lasted over 3 months)'
  };

  // STarT Back items 1 to 8, by topic, in Backcheck's own short words (the tool's wording is Keele's).
  const START_BACK_ITEMS = [
    ['leg_pain', 'Leg pain', 'Pain reaching into a leg'],
    ['shoulder_neck_pain', 'Shoulder or neck pain', 'Pain in the shoulder or neck as well'],
    ['walking', 'Walking', 'Back pain has limited how far they walk'],
    ['dressing', 'Dressing', 'Back pain has slowed their dressing'],
    ['fear', 'Fear', 'Believes activity could harm their back'],
    ['worry', 'Worry', 'Often preoccupied with worry'],
    ['catastrophising', 'Catastrophising', 'Sees the pain as dreadful and permanent'],
    ['low_mood', 'Low mood', 'Less pleasure in usual activities']
  ];

  const $ = (id) => document.getElementById(id);
  const form = $('case');
  const resultBody = $('result-body');
  const leafletButton = $('open-leaflet');
  let latest = null;      // the last assessment shown
  let sequence = 0;       // answers arrive in order of asking; older ones are dropped
  let pending = null;     // the request in flight
  let timer = null;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) node.append(c);
    return node;
  }

  function capitalise(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  function checkbox(name, value, label, idPrefix) {
    const id = idPrefix + value;
    return el('div', { class: 'check' },
      el('input', { type: 'checkbox', id, name, value }),
      el('label', { for: id, text: label }));
  }

  // ---------------------------------------------------------------- building the form

  async function getJson(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
    return response.json();
  }

  async function buildRedFlags() {
    const flags = await getJson('api/red-flags');
    const groups = $('red-flag-groups');
    groups.textContent = '';
    const byPathology = new Map();
    for (const flag of flags) {
      if (!byPathology.has(flag.pathology)) byPathology.set(flag.pathology, []);
      byPathology.get(flag.pathology).push(flag);
    }
    for (const [pathology, list] of byPathology) {
      const set = el('fieldset', { class: 'nested group-' + pathology },
        el('legend', { text: PATHOLOGY_NAMES[pathology] || capitalise(pathology.replace(/_/g, ' ')) }));
      for (const flag of list) set.append(checkbox('red_flags', flag.id, flag.label, 'rf-'));
      groups.append(set);
    }
  }

  async function buildSpaFeatures() {
    const features = await getJson('api/spa-features');
    const box = $('spa-features');
    for (const f of features) box.append(checkbox('spa_features', f.id, capitalise(f.label), 'spa-'));
  }

  function buildStartBack() {
    const box = $('start-back-items');
    for (const [id, topic, meaning] of START_BACK_ITEMS) {
      const set = el('fieldset', { class: 'nested item', id: 'sb-' + id },
        el('legend', {}, el('strong', { text: topic + ': ' }), meaning));
      for (const answer of ['agree', 'disagree']) {
        const inputId = 'sb-' + id + '-' + answer;
        set.append(el('span', { class: 'check inline' },
          el('input', { type: 'radio', id: inputId, name: 'sb-' + id, value: answer }),
          el('label', { for: inputId, text: capitalise(answer) })));
      }
      box.append(set);
    }
  }

  // ---------------------------------------------------------------- reading the form

  function intValue(id) {
    const raw = $(id).value.trim();
    if (raw === '') return null;
    const n = Number(raw);
    return Number.isFinite(n) ? n : raw;   // the server names anything that is not a whole number
  }

  function checked(name) {
    return Array.from(form.querySelectorAll('input[name="' + name + '"]:checked')).map((i) => i.value);
  }

  function radio(name) {
    const c = form.querySelector('input[name="' + name + '"]:checked');
    return c ? c.value : null;
  }

  function startBackAnswers() {
    const answers = {};
    let given = 0;
    for (const [id] of START_BACK_ITEMS) {
      const a = radio('sb-' + id);
      if (a) { answers[id] = a; given++; }
    }
    const bother = $('sb-bothersomeness').value;
    if (bother) { answers.bothersomeness = bother; given++; }
    return { answers, given };
  }

  function request() {
    const setting = radio('setting') || 'non_specialist';
    const body = {
      age: intValue('age'),
      duration_weeks: intValue('duration_weeks'),
      sciatica: $('sciatica').checked,
      setting,
      red_flags: checked('red_flags'),
      spa_features: checked('spa_features'),
      hla_b27: $('hla_b27').value
    };
    if (setting === 'specialist') {
      const changes = radio('result_would_change_management');
      if (changes) body.result_would_change_management = changes === 'true';
    }
    const onset = intValue('onset_age');
    if (onset !== null) body.onset_age = onset;
    const sb = startBackAnswers();
    if (sb.given === 9) body.start_back = sb.answers;
    return body;
  }

  function showStartBackProgress() {
    const given = startBackAnswers().given;
    const text = given === 0 ? ''
      : given === 9 ? 'All nine answered: the score is in the result.' : given + ' of 9 answered; the score needs all nine.';
    const note = $('start-back-progress');
    if (note.textContent !== text) note.textContent = text;
  }

  // ---------------------------------------------------------------- asking the server

  function schedule() {
    $('changes').hidden = radio('setting') !== 'specialist';
    showStartBackProgress();
    clearTimeout(timer);
    timer = setTimeout(assess, 120);
  }

  async function assess() {
    const body = request();
    clearFieldErrors();
    if (body.age === null || body.duration_weeks === null) {
      latest = null;
      leafletButton.disabled = true;
      showMessage('Enter the age and the duration to see the recommendation.');
      return;
    }
    const mine = ++sequence;
    if (pending) pending.abort();
    pending = new AbortController();
    let response;
    let payload;
    try {
      response = await fetch('api/assessments', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(body),
        signal: pending.signal
      });
      payload = await response.json();
    } catch (e) {
      if (e.name === 'AbortError') return;
      if (mine === sequence) showMessage('Backcheck could not be reached. Check that it is still running.');
      return;
    }
    if (mine !== sequence) return;
    if (response.ok) {
      latest = payload;
      leafletButton.disabled = false;
      showAssessment(payload);
    } else {
      latest = null;
      leafletButton.disabled = true;
      showProblem(payload);
    }
  }

  // ---------------------------------------------------------------- showing the result

  function clearFieldErrors() {
    for (const e of form.querySelectorAll('.error')) { e.hidden = true; e.textContent = ''; }
    for (const i of form.querySelectorAll('[aria-invalid]')) i.removeAttribute('aria-invalid');
  }

  function showMessage(text) {
    resultBody.replaceChildren(el('p', { class: 'placeholder', text }));
  }

  function showProblem(problem) {
    const field = problem && problem.field;
    const detail = (problem && problem.detail) || 'The answers could not be assessed.';
    const input = field ? $(field) : null;
    const note = field ? $(field + '-error') : null;
    if (input && note) {
      input.setAttribute('aria-invalid', 'true');
      note.textContent = detail.startsWith(field + ': ') ? detail.slice(field.length + 2) : detail;
      note.hidden = false;
    }
    resultBody.replaceChildren(el('p', { class: 'problem', role: 'alert', text: 'Check the answers: ' + detail }));
  }

  function citations(list) {
    const span = el('span', { class: 'cites' });
    for (const c of list) span.append(el('span', { class: 'cite', text: c.source + ' ' + c.locator }));
    return span;
  }

  function statements(title, list, id) {
    if (!list || list.length === 0) return null;
    const ul = el('ul', { class: 'statements' });
    for (const s of list) ul.append(el('li', { 'data-id': s.id }, el('span', { text: s.text + ' ' }), citations(s.citations)));
    return el('section', { class: 'part', id }, el('h3', { text: title }), ul);
  }

  function showAssessment(a) {
    const parts = [];
    const head = el('div', { class: 'verdict verdict-' + a.recommendation, id: 'recommendation', 'data-recommendation': a.recommendation },
      el('p', { class: 'verdict-title', text: HEADINGS[a.recommendation] || a.recommendation }));
    if (a.urgency) head.append(el('p', { class: 'urgency', id: 'urgency', text: 'Urgency: ' + (URGENCY[a.urgency] || a.urgency) }));
    head.append(el('p', { class: 'summary', id: 'summary', text: a.summary }));
    parts.push(head);
    if (a.suspected.length) {
      parts.push(el('p', { text: 'Suspected: ' + a.suspected.map((p) => (PATHOLOGY_NAMES[p] || p).toLowerCase()).join(', ') + '.' }));
    }
    if (a.findings.length > 1) {
      parts.push(el('p', { text: 'Also applies: ' + a.findings.slice(1).map((f) => HEADINGS[f] || f).join('; ') + '.' }));
    }
    parts.push(statements('Why', a.reasons, 'reasons'));
    parts.push(statements('What to do', a.management, 'management'));
    parts.push(statements('Safety net: tell the person', a.safety_net, 'safety-net'));
    if (a.start_back) {
      const sb = a.start_back;
      parts.push(el('p', { id: 'start-back-result',
        text: 'STarT Back: ' + sb.risk + ' risk (total ' + sb.total + ' of 9, distress ' + sb.distress + ' of 5).' }));
    }
    if (a.spondyloarthritis) {
      const spa = a.spondyloarthritis;
      parts.push(el('p', { id: 'spa-result',
        text: 'Axial spondyloarthritis: ' + (SPA_OUTCOMES[spa.outcome] || spa.outcome)
          + (spa.criteria.length ? ' (' + spa.criteria.length + ' criteria counted).' : '.') }));
    }
    if (a.sources.length) {
      const ol = el('ul', { class: 'sources' });
      for (const s of a.sources) {
        const li = el('li', {}, el('span', { class: 'source-id', text: s.id }), ' ' + s.title);
        const meta = [s.publisher, s.year].filter(Boolean).join(', ');
        if (meta) li.append(' (' + meta + ')');
        if (s.url) {
          li.append(' ');
          li.append(el('a', { href: s.url, rel: 'noreferrer noopener external', target: '_blank', text: s.url }));
        }
        ol.append(li);
      }
      parts.push(el('section', { class: 'part', id: 'sources' }, el('h3', { text: 'Sources' }), ol));
    }
    resultBody.replaceChildren(...parts.filter(Boolean));
  }

  // ---------------------------------------------------------------- the leaflet

  function openLeaflet() {
    if (!latest || !latest.patient_information) return;
    const p = latest.patient_information;
    $('leaflet-about').textContent = p.about_your_back_pain;
    $('leaflet-benefits').textContent = p.benefits;
    $('leaflet-risks').textContent = p.risks;
    $('leaflet-alternatives').textContent = p.alternatives;
    $('leaflet-nothing').textContent = p.if_you_do_nothing;
    const list = $('leaflet-safety-list');
    list.replaceChildren(...latest.safety_net.map((s) => el('li', { text: s.text })));
    $('leaflet-safety-net').hidden = latest.safety_net.length === 0;
    $('leaflet-result').textContent = 'Your clinician\u2019s advice today: ' + (HEADINGS[latest.recommendation] || '').toLowerCase() + '.';
    $('app').hidden = true;
    $('leaflet').hidden = false;
    document.body.classList.add('leaflet-open');
    $('leaflet').focus();
  }

  function closeLeaflet() {
    $('leaflet').hidden = true;
    $('app').hidden = false;
    document.body.classList.remove('leaflet-open');
    leafletButton.focus();
  }

  // ---------------------------------------------------------------- pre-filling from a link

  // A CDS Hooks card links here as /?age=48&red_flags=history_of_cancer&sciatica=true (also
  // duration_weeks, setting). Only known values are taken; the query is then dropped from the
  // address bar so the case does not linger in the URL.
  function prefillFromQuery() {
    const query = new URLSearchParams(window.location.search);
    if ([...query.keys()].length === 0) return;
    for (const id of ['age', 'duration_weeks']) {
      const v = query.get(id);
      if (v !== null && /^[0-9]{1,4}$/.test(v)) $(id).value = v;
    }
    if (query.get('sciatica') === 'true') $('sciatica').checked = true;
    const setting = query.get('setting');
    for (const input of form.querySelectorAll('input[name="setting"]')) {
      if (input.value === setting) input.checked = true;
    }
    const flags = new Set((query.get('red_flags') || '').split(',').filter((f) => f !== ''));
    for (const input of form.querySelectorAll('input[name="red_flags"]')) {
      if (flags.has(input.value)) input.checked = true;
    }
    window.history.replaceState(null, '', window.location.pathname);
  }

  // ---------------------------------------------------------------- wiring

  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  form.addEventListener('reset', () => setTimeout(schedule, 0));
  $('start-back-clear').addEventListener('click', () => {
    for (const i of form.querySelectorAll('#start-back input[type=radio]')) i.checked = false;
    $('sb-bothersomeness').value = '';
    schedule();
  });
  leafletButton.addEventListener('click', openLeaflet);
  $('close-leaflet').addEventListener('click', closeLeaflet);
  $('print-leaflet').addEventListener('click', () => window.print());
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !$('leaflet').hidden) closeLeaflet();
  });

  buildStartBack();
  Promise.all([buildRedFlags(), buildSpaFeatures()])
    .then(() => { prefillFromQuery(); document.body.dataset.ready = 'true'; schedule(); })
    .catch(() => {
      $('red-flag-groups').replaceChildren(el('p', { class: 'problem', role: 'alert',
        text: 'The red-flag checklist could not be loaded. Reload the page; if it keeps failing, restart Backcheck.' }));
    });
})();
