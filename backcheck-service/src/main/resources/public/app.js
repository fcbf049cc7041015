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
    out_of_scope: 'Outside the guidance\u2019s age range',
    screening_incomplete: 'Screening incomplete',
    assess_further: 'Assess further for a serious cause'
  };

  // The screening answers a group can have, as the page offers them.
  const ANSWERS = [
    ['not_asked', 'Not asked'],
    ['absent', 'Asked: none present'],
    ['present', 'Present']
  ];

  // A code label from a record link: what RecordedCondition accepts.
  const CODE_LABEL = /^[A-Za-z0-9 .\-]{1,40}$/;

  // The label a link gives an entry found by words in the record rather than by a code.
  const FREE_TEXT = 'free text';

  // How an overruled record entry reads, beside the entry and in the note, by the answer chosen.
  const OVERRULED = {
    absent: ['none present', 'on asking: none present'],
    not_asked: ['not asked', 'not asked: set aside by the clinician']
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
  const verdict = $('verdict');
  const details = $('result-details');
  const copyButton = $('copy-note');
  const leafletButton = $('open-leaflet');
  let latest = null;      // the last assessment shown
  let sequence = 0;       // answers arrive in order of asking; older ones are dropped
  let pending = null;     // the request in flight
  let timer = null;
  const flagsById = new Map();   // the red-flag vocabulary, by id
  const groupIds = [];           // the red-flag groups, in checklist order
  // Entries from the patient's record: {id, code, pathology, riskFactor, freeText, meaning}. A coded
  // entry of a red flag pre-sets its group to present and is sent while the group stays present; the
  // clinician may overrule it (none present, not asked), and it is then left out. Words matched in the
  // record (code "free text") are prompts only: never sent, they set nothing.
  let recorded = [];
  let unreadableRecords = 0;     // record entries in the link the page could not read
  let leafletPrinted = false;    // printed in this session (until Start again)
  const folded = new Map();      // the open or closed state the clinician chose for each result section

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

  function pathologyName(id) {
    return PATHOLOGY_NAMES[id] || capitalise(id.replace(/_/g, ' '));
  }

  // One fieldset per red-flag group: the screening answer (not asked, none present, present), the
  // group's red flags, and its risk factors apart (they never make the group present).
  async function buildRedFlags() {
    const flags = await getJson('api/red-flags');
    const groups = $('red-flag-groups');
    groups.textContent = '';
    const byPathology = new Map();
    for (const flag of flags) {
      flagsById.set(flag.id, flag);
      if (!byPathology.has(flag.pathology)) byPathology.set(flag.pathology, []);
      byPathology.get(flag.pathology).push(flag);
    }
    for (const [pathology, list] of byPathology) {
      groupIds.push(pathology);
      const set = el('fieldset', { class: 'nested group group-' + pathology, id: 'group-' + pathology,
        'data-group': pathology, 'data-answer': 'not_asked', 'aria-describedby': 'screening.' + pathology + '-error' },
        el('legend', { text: pathologyName(pathology) }));
      const answers = el('div', { class: 'answers', id: 'screening.' + pathology, role: 'radiogroup',
        'aria-label': 'Screening answer: ' + pathologyName(pathology).toLowerCase() });
      for (const [value, label] of ANSWERS) {
        const id = 'scr-' + pathology + '-' + value;
        const input = el('input', { type: 'radio', id, name: 'screening-' + pathology, value });
        if (value === 'not_asked') { input.checked = true; input.defaultChecked = true; }
        answers.append(el('span', { class: 'answer answer-' + value }, input, el('label', { for: id, text: label })));
      }
      set.append(answers);
      set.append(el('p', { class: 'note group-hint', id: 'hint-' + pathology, hidden: '' }));
      set.append(el('p', { class: 'error', id: 'screening.' + pathology + '-error', hidden: '' }));
      const redFlags = list.filter((f) => f.grade !== 'risk_factor');
      const risks = list.filter((f) => f.grade === 'risk_factor');
      const flagSet = el('fieldset', { class: 'flags', id: 'flags-' + pathology },
        el('legend', { text: 'Red flags: tick each one present' }));
      for (const flag of redFlags) flagSet.append(checkbox('red_flags', flag.id, flag.label, 'rf-'));
      set.append(flagSet);
      if (risks.length) {
        const riskSet = el('fieldset', { class: 'risks', id: 'risks-' + pathology },
          el('legend', { text: 'Risk factors (raise vigilance, not a reason to scan on their own)' }));
        for (const flag of risks) riskSet.append(checkbox('risk_factors', flag.id, flag.label, 'rf-'));
        set.append(riskSet);
      }
      groups.append(set);
    }
  }

  // The coded red-flag entries of the record for one group: they stand for present until overruled.
  function recordedFlags(pathology) {
    return recorded.filter((c) => c.pathology === pathology && !c.riskFactor && !c.freeText);
  }

  // A coded red-flag entry the clinician overruled: its group is answered other than present.
  function overruledAnswer(c) {
    const answer = radio('screening-' + c.pathology) || 'not_asked';
    return !c.riskFactor && !c.freeText && answer !== 'present' ? answer : null;
  }

  // The record entries sent with the case: coded ones, a red flag's only while its group is present.
  function sentRecords() {
    return recorded.filter((c) => !c.freeText && (c.riskFactor || overruledAnswer(c) === null));
  }

  // Keeps one group's answer consistent with its ticks: a ticked red flag makes the group present and
  // locks the other answers; unticking the last one returns the group to not asked (or, when the
  // record pre-set it, to present or to the answer that overruled the record), so that "none present"
  // is only ever the clinician's own answer. A record entry pre-sets present but locks nothing: the
  // clinician who examines the patient may overrule it. A group answered none present folds its red
  // flags away.
  function syncGroup(pathology) {
    const set = $('group-' + pathology);
    const ticked = set.querySelectorAll('input[name="red_flags"]:checked').length > 0;
    const fromRecord = recordedFlags(pathology);
    const radioOf = (value) => $('scr-' + pathology + '-' + value);
    if (ticked) radioOf('present').checked = true;
    else if (set.dataset.forced === 'true' && radioOf('present').checked) {
      radioOf(fromRecord.length ? (set.dataset.overruled || 'present') : 'not_asked').checked = true;
    }
    set.dataset.forced = String(ticked);
    radioOf('not_asked').disabled = ticked;
    radioOf('absent').disabled = ticked;
    const answer = radio('screening-' + pathology) || 'not_asked';
    set.dataset.answer = answer;
    if (!ticked && fromRecord.length) set.dataset.overruled = answer === 'present' ? '' : answer;
    $('flags-' + pathology).hidden = answer === 'absent';
    const hint = $('hint-' + pathology);
    const codes = fromRecord.map((c) => c.code).join(', ');
    const sentences = [];
    if (fromRecord.length && answer === 'present') {
      sentences.push('Present in the patient\u2019s record (' + codes + ').'
        + (ticked ? '' : ' If on asking it is not, choose Asked: none present.'));
    } else if (fromRecord.length) {
      sentences.push('The record shows ' + codes + '; overruled by you: ' + OVERRULED[answer][0] + '.');
    } else if (ticked) {
      sentences.push('Present: a red flag is ticked. Untick it to change the answer.');
    } else if (answer === 'present') {
      sentences.push('Tick which red flag is present.');
    }
    const words = recorded.filter((c) => c.pathology === pathology && c.freeText);
    if (words.length) {
      sentences.push('Words in the record mention ' + words.map((c) => c.meaning.toLowerCase()).join('; ')
        + ': ask about it.');
    }
    const riskRecords = recorded.filter((c) => c.pathology === pathology && c.riskFactor && !c.freeText);
    if (riskRecords.length) {
      sentences.push('Risk factor in the record: '
        + riskRecords.map((c) => c.code + ' (' + c.meaning.toLowerCase() + ')').join('; ') + '.');
    }
    const text = sentences.join(' ');
    if (hint.textContent !== text) hint.textContent = text;
    hint.hidden = text === '';
  }

  function syncGroups() {
    for (const g of groupIds) syncGroup(g);
    markOverruled();
    const answered = groupIds.filter((g) => radio('screening-' + g) !== 'not_asked').length;
    $('screen-progress').textContent = groupIds.length
      ? answered + ' of ' + groupIds.length + ' groups answered' + (answered === groupIds.length ? ': the screen is complete.' : '.')
      : '';
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

  // The answered groups only: a group left out counts as not asked.
  function screeningAnswers() {
    const answers = {};
    for (const g of groupIds) {
      const a = radio('screening-' + g);
      if (a === 'absent' || a === 'present') answers[g] = a;
    }
    return answers;
  }

  function request() {
    const setting = radio('setting') || 'non_specialist';
    const body = {
      age: intValue('age'),
      duration_weeks: intValue('duration_weeks'),
      sciatica: $('sciatica').checked,
      setting,
      red_flags: checked('red_flags').concat(checked('risk_factors')),
      screening: screeningAnswers(),
      recorded: sentRecords().map((c) => ({ id: c.id, code: c.code })),
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
    syncGroups();
    $('changes').hidden = radio('setting') !== 'specialist';
    showStartBackProgress();
    clearTimeout(timer);
    timer = setTimeout(assess, 120);
  }

  async function assess() {
    const body = request();
    clearFieldErrors();
    if (body.age === null || body.duration_weeks === null) {
      ++sequence;
      if (pending) pending.abort();
      showNothing('Enter the age and the duration to see the recommendation.');
      return;
    }
    // Present, but which red flag? The group's own hint asks; nothing is assessed until it is ticked
    // (a coded record entry of the group answers it).
    const unticked = groupIds.filter((g) => body.screening[g] === 'present' && $('group-' + g).dataset.forced !== 'true'
      && recordedFlags(g).length === 0);
    if (unticked.length) {
      ++sequence;
      if (pending) pending.abort();
      showNothing('Tick which red flag is present: ' + names(unticked) + '.');
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
      if (mine === sequence) showNothing('Backcheck could not be reached. Check that it is still running.');
      return;
    }
    if (mine !== sequence) return;
    if (response.ok) {
      latest = payload;
      leafletButton.disabled = !payload.patient_information;
      showAssessment(payload);
    } else {
      showNothing(null);
      showProblem(payload);
    }
  }

  // ---------------------------------------------------------------- showing the result

  function clearFieldErrors() {
    for (const e of form.querySelectorAll('.error')) { e.hidden = true; e.textContent = ''; }
    for (const i of form.querySelectorAll('[aria-invalid]')) i.removeAttribute('aria-invalid');
    for (const g of form.querySelectorAll('.group.invalid')) g.classList.remove('invalid');
  }

  // No assessment to show: a message in the summary, nothing below it, nothing to hand out or copy.
  function showNothing(text) {
    latest = null;
    leafletButton.disabled = true;
    copyButton.disabled = true;
    setCopyStatus('');
    $('note-details').hidden = true;
    $('note-text').value = '';
    details.replaceChildren();
    if (text !== null) verdict.replaceChildren(el('p', { class: 'placeholder', text }));
  }

  // A field id in a problem, as a person reads it: screening.cancer is the cancer group.
  function fieldName(field) {
    const m = /^screening\.([a-z_]+)$/.exec(field || '');
    return m ? pathologyName(m[1]) : field;
  }

  function showProblem(problem) {
    const field = problem && problem.field;
    const detail = (problem && problem.detail) || 'The answers could not be assessed.';
    const local = field && detail.startsWith(field + ': ') ? detail.slice(field.length + 2) : detail;
    const input = field ? $(field) : null;
    const note = field ? $(field + '-error') : null;
    if (input && note) {
      input.setAttribute('aria-invalid', 'true');
      const group = input.closest('.group');
      if (group) group.classList.add('invalid');
      note.textContent = capitalise(local);
      note.hidden = false;
    }
    const where = field && field !== '(body)' ? fieldName(field) + ': ' + local : detail;
    verdict.replaceChildren(el('p', { class: 'problem', role: 'alert', text: 'Check the answers: ' + where }));
  }

  function citations(list) {
    const span = el('span', { class: 'cites' });
    for (const c of list) span.append(el('span', { class: 'cite', text: c.source + ' ' + c.locator }));
    return span;
  }

  // A folded section of the result. It keeps the state the clinician gave it while the answers change.
  function fold(id, title, openByDefault, ...content) {
    const d = el('details', { class: 'part', id });
    d.open = folded.has(id) ? folded.get(id) : openByDefault;
    d.append(el('summary', {}, el('h3', { text: title })), ...content);
    d.addEventListener('toggle', () => folded.set(id, d.open));
    return d;
  }

  function statements(title, list, id, openByDefault) {
    if (!list || list.length === 0) return null;
    const ul = el('ul', { class: 'statements' });
    for (const s of list) ul.append(el('li', { 'data-id': s.id }, el('span', { text: s.text + ' ' }), citations(s.citations)));
    return fold(id, title, openByDefault, ul);
  }

  function names(ids) {
    return ids.map((p) => pathologyName(p).toLowerCase()).join(', ');
  }

  // The screen's state under the summary: which groups are still to ask, each a link to its group.
  function screenStatus(a) {
    if (a.screening === 'complete') {
      return el('p', { class: 'screen-status complete', id: 'screen-status', text: 'Red-flag screen: every group asked.' });
    }
    // Under a "Screening incomplete" heading the status need not say it again; under any other it must.
    const p = el('p', { class: 'screen-status incomplete', id: 'screen-status' });
    if (a.recommendation !== 'screening_incomplete') p.append(el('strong', { text: 'Screening incomplete. ' }));
    p.append('Still to ask about: ');
    a.not_asked.forEach((g, i) => {
      if (i > 0) p.append(i === a.not_asked.length - 1 ? ' and ' : ', ');
      p.append(el('a', { href: '#group-' + g, 'data-group': g, text: pathologyName(g).toLowerCase() }));
    });
    p.append('.');
    return p;
  }

  function showAssessment(a) {
    const head = el('div', { class: 'verdict verdict-' + a.recommendation, id: 'recommendation', 'data-recommendation': a.recommendation },
      el('p', { class: 'verdict-title', id: 'verdict-title', text: HEADINGS[a.recommendation] || a.recommendation }));
    if (a.urgency) head.append(el('p', { class: 'urgency', id: 'urgency', text: 'Urgency: ' + (URGENCY[a.urgency] || a.urgency) }));
    head.append(el('p', { class: 'summary', id: 'summary', text: a.summary }));
    verdict.replaceChildren(head);

    const parts = [screenStatus(a)];
    if (a.suspected.length) parts.push(el('p', { id: 'suspected', text: 'Suspected: ' + names(a.suspected) + '.' }));
    if (a.findings.length > 1) {
      parts.push(el('p', { text: 'Also applies: ' + a.findings.slice(1).map((f) => HEADINGS[f] || f).join('; ') + '.' }));
    }
    if (a.risk_factors && a.risk_factors.length) {
      parts.push(el('p', { id: 'risk-factors', text: 'Risk factors: '
        + a.risk_factors.map((r) => (flagsById.get(r) ? flagsById.get(r).label : r).replace(/ \(on its own.*\)$/, '').toLowerCase()).join('; ')
        + '. They raise vigilance; on their own they are not a reason to scan.' }));
    }
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
    const child = a.safety_net.some((s) => s.id.startsWith('safety_child'));
    // The safety net stays open: it is what the clinician says to every patient before they leave.
    parts.push(statements(child ? 'Safety net: tell the parent or carer' : 'Safety net: tell the person', a.safety_net, 'safety-net', true));
    // What to do is open too when it cannot wait: an emergency or same-day referral is acted on now.
    parts.push(statements('What to do', a.management, 'management', a.urgency === 'emergency' || a.urgency === 'same_day' || a.urgency === 'urgent'));
    parts.push(statements('Why', a.reasons, 'reasons', false));
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
      parts.push(fold('sources', 'Sources', false, ol));
    }
    details.replaceChildren(...parts.filter(Boolean));
    showNote();
  }

  // ---------------------------------------------------------------- the consultation note

  // The server's note, then what only the page knows: each record entry the clinician overruled, the
  // safety-net advice as shown, and whether the leaflet was opened for printing (the page cannot know
  // that the printing itself was done).
  function noteText() {
    if (!latest || !latest.consultation_note) return '';
    const lines = [latest.consultation_note.replace(/\s+$/, '')];
    for (const c of recorded) {
      const answer = overruledAnswer(c);
      if (answer) {
        lines.push('Record showed ' + c.code + ' (' + c.meaning.toLowerCase() + '); ' + OVERRULED[answer][1] + '.');
      }
    }
    if (latest.safety_net && latest.safety_net.length) {
      lines.push('Safety-net advice given:');
      for (const s of latest.safety_net) lines.push('- ' + s.text);
    }
    lines.push(leafletPrinted ? 'Patient leaflet opened for printing.' : 'Patient leaflet: not given.');
    return lines.join('\n') + '\n';
  }

  function showNote() {
    const text = noteText();
    const area = $('note-text');
    if (area.value !== text) {
      area.value = text;
      setCopyStatus('');
    }
    area.rows = Math.min(24, Math.max(4, text.split('\n').length));
    $('note-details').hidden = text === '';
    copyButton.disabled = text === '';
  }

  function setCopyStatus(text, how) {
    const status = $('copy-status');
    status.textContent = text;
    if (how) status.dataset.how = how; else delete status.dataset.how;
  }

  // The clipboard API where the browser allows it; otherwise the note is opened and selected in its
  // read-only box, copied with the older command where that works, or left selected for Ctrl+C.
  async function copyNote() {
    const text = noteText();
    if (!text) return;
    if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
      try {
        await navigator.clipboard.writeText(text);
        setCopyStatus('Copied', 'clipboard');
        return;
      } catch (e) {
        // refused (no permission, or the page is not focused): fall back to selecting the text
      }
    }
    const area = $('note-text');
    $('note-details').open = true;
    area.focus();
    area.select();
    area.setSelectionRange(0, area.value.length);
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch (e) {
      copied = false;
    }
    if (copied) setCopyStatus('Copied', 'selected-copied');
    else setCopyStatus('The note is selected: press Ctrl+C (\u2318C on a Mac) to copy it.', 'selected');
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
    // A screen still in progress is no advice to hand a patient: the leaflet then says nothing of it.
    const advice = latest.recommendation === 'screening_incomplete' ? ''
      : 'Your clinician\u2019s advice today: ' + (HEADINGS[latest.recommendation] || '').toLowerCase() + '.';
    $('leaflet-result').textContent = advice;
    $('leaflet-result').hidden = advice === '';
    $('app').hidden = true;
    $('leaflet').hidden = false;
    document.body.classList.add('leaflet-open');
    $('leaflet').focus();
  }

  function closeLeaflet() {
    $('leaflet').hidden = true;
    $('app').hidden = false;
    document.body.classList.remove('leaflet-open');
    showNote();
    leafletButton.focus();
  }

  // ---------------------------------------------------------------- pre-filling from a link

  // A CDS Hooks card links here as
  //   /?age=71&sciatica=true&record=history_of_cancer%3AICD-10+C50.9&record=cauda_equina%3AICD-10+G83.4
  // (also duration_weeks, setting). Only known values are taken. Symptoms are never pre-ticked:
  // a record entry (a red-flag or group id and its code label) is shown as what it is, sent as
  // recorded, and pre-sets its group to present, which the clinician may overrule. An entry labelled
  // "free text" (words matched in the record, not a code) is shown as a prompt to ask, and neither
  // sent nor pre-set. The query is then dropped from the address bar so the case does not linger in
  // the URL.
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
    let unreadable = 0;
    const seen = new Set();
    for (const entry of query.getAll('record').slice(0, 50)) {
      const colon = entry.indexOf(':');
      const id = colon > 0 ? entry.slice(0, colon).trim() : '';
      const code = colon > 0 ? entry.slice(colon + 1).trim() : '';
      const flag = flagsById.get(id);
      const pathology = flag ? flag.pathology : (groupIds.includes(id) ? id : null);
      if (!pathology || !CODE_LABEL.test(code)) { unreadable++; continue; }
      if (seen.has(id + ':' + code)) continue;
      seen.add(id + ':' + code);
      recorded.push({ id, code, pathology, riskFactor: Boolean(flag && flag.grade === 'risk_factor'),
        freeText: code.toLowerCase() === FREE_TEXT, meaning: flag ? flag.label : pathologyName(id) });
    }
    for (const g of groupIds) {
      if (recordedFlags(g).length) $('scr-' + g + '-present').checked = true;
    }
    unreadableRecords = unreadable;
    showRecord();
    window.history.replaceState(null, '', window.location.pathname);
  }

  function showRecord() {
    const unreadable = unreadableRecords;
    const list = $('record-list');
    list.replaceChildren(...recorded.map((c, i) => c.freeText
      ? el('li', { class: 'record-words', 'data-id': c.id, 'data-code': c.code, 'data-index': String(i) },
        el('strong', { text: 'Words in the record mention: ' }), c.meaning + ' \u2014 check')
      : el('li', { class: 'record-code', 'data-id': c.id, 'data-code': c.code, 'data-index': String(i) },
        el('strong', { text: 'From the patient\u2019s record: ' }), c.code + ' \u2014 ' + c.meaning,
        el('span', { class: 'overruled', hidden: '' }))));
    if (unreadable) {
      list.append(el('li', { class: 'problem', id: 'record-unreadable', text: unreadable === 1
        ? 'The link carried one record entry Backcheck could not read: check the record yourself.'
        : 'The link carried ' + unreadable + ' record entries Backcheck could not read: check the record yourself.' }));
    }
    $('record').hidden = list.children.length === 0;
    markOverruled();
  }

  // Beside each coded entry the clinician overruled, what they answered; gone when they answer present again.
  function markOverruled() {
    for (const li of $('record-list').querySelectorAll('li.record-code')) {
      const c = recorded[Number(li.dataset.index)];
      const answer = c ? overruledAnswer(c) : null;
      const mark = li.querySelector('.overruled');
      const text = answer ? ' \u2014 overruled by you: ' + OVERRULED[answer][0] : '';
      if (mark.textContent !== text) mark.textContent = text;
      mark.hidden = text === '';
      li.classList.toggle('is-overruled', Boolean(answer));
    }
  }

  // ---------------------------------------------------------------- wiring

  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  // Start again is a new case: the record from the link, the leaflet and the folds go with it.
  form.addEventListener('reset', () => setTimeout(() => {
    recorded = [];
    unreadableRecords = 0;
    showRecord();
    leafletPrinted = false;
    folded.clear();
    for (const g of form.querySelectorAll('.group')) { g.dataset.forced = 'false'; g.dataset.overruled = ''; }
    schedule();
  }, 0));
  $('start-back-clear').addEventListener('click', () => {
    for (const i of form.querySelectorAll('#start-back input[type=radio]')) i.checked = false;
    $('sb-bothersomeness').value = '';
    schedule();
  });
  // A link to a group still to ask moves the keyboard there too.
  details.addEventListener('click', (e) => {
    const link = e.target.closest('a[data-group]');
    if (!link) return;
    e.preventDefault();
    const target = $('scr-' + link.dataset.group + '-not_asked');
    $('group-' + link.dataset.group).scrollIntoView({ block: 'start' });
    if (target) target.focus({ preventScroll: true });
  });
  leafletButton.addEventListener('click', openLeaflet);
  copyButton.addEventListener('click', copyNote);
  $('close-leaflet').addEventListener('click', closeLeaflet);
  $('print-leaflet').addEventListener('click', () => { leafletPrinted = true; window.print(); });
  window.addEventListener('beforeprint', () => { if (!$('leaflet').hidden) leafletPrinted = true; });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !$('leaflet').hidden) closeLeaflet();
  });
  // At phone width the summary sticks to the bottom of the screen: keep what gets focus clear of it.
  if (window.ResizeObserver) {
    new ResizeObserver(() => {
      document.documentElement.style.setProperty('--verdict-height', $('verdict-bar').offsetHeight + 'px');
    }).observe($('verdict-bar'));
  }

  buildStartBack();
  Promise.all([buildRedFlags(), buildSpaFeatures()])
    .then(() => { prefillFromQuery(); document.body.dataset.ready = 'true'; schedule(); })
    .catch(() => {
      $('red-flag-groups').replaceChildren(el('p', { class: 'problem', role: 'alert',
        text: 'The red-flag checklist could not be loaded. Reload the page; if it keeps failing, restart Backcheck.' }));
    });
})();
