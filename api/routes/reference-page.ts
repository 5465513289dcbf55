// The interactive API reference: a small page that renders /api/openapi.json and tries GET requests.
// Self-made and self-hosted, so it works on a box with no internet (no CDN, no packaged UI).

export const REFERENCE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Prossima API reference</title>
<link rel="stylesheet" href="/api/docs/reference.css">
</head>
<body>
<header><h1>Prossima API reference</h1>
<p>Generated from <a href="/api/openapi.json">/api/openapi.json</a>. Errors are always
<code>{"error": {"status", "message"}}</code>.</p>
<label>Bearer token (kept in this tab only) <input id="token" type="password" autocomplete="off" size="50"></label>
</header>
<main id="operations"><p>Loading…</p></main>
<script type="module" src="/api/docs/reference.js"></script>
</body>
</html>
`;

export const REFERENCE_CSS = `body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1d2430}
h1{font-size:1.5rem}section{border:1px solid #c9d1dc;border-radius:6px;margin:1rem 0;padding:.5rem 1rem}
h2{font-size:1.05rem;margin:.4rem 0}.method{display:inline-block;min-width:4rem;font-weight:700}
.get{color:#0a6b3a}.post{color:#8a4b00}.put{color:#1c4fa0}.delete{color:#a1222a}
pre{background:#f3f5f8;padding:.5rem;overflow:auto;max-height:20rem;font-size:13px}
table{border-collapse:collapse}td,th{border-bottom:1px solid #e1e6ee;padding:.2rem .6rem;text-align:left;vertical-align:top}
details{margin:.3rem 0}input{font:inherit}button{font:inherit;padding:.2rem .8rem}`;

export const REFERENCE_JS = `const el = (tag, attrs = {}, children = []) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
};
const text = (tag, value, attrs) => el(tag, attrs, [String(value ?? '')]);
const json = (value) => JSON.stringify(value, null, 2);
const tokenInput = document.getElementById('token');
tokenInput.value = sessionStorage.getItem('prossima-token') ?? '';
tokenInput.addEventListener('change', () => sessionStorage.setItem('prossima-token', tokenInput.value));

const resolve = (doc, schema) => {
  const ref = schema?.$ref;
  return ref ? doc.components.schemas[ref.split('/').pop()] : schema;
};

function tryIt(path, params) {
  const form = el('form');
  const inputs = new Map();
  for (const p of params.filter((p) => p.in === 'path' || p.in === 'query')) {
    const input = el('input', { name: p.name, value: p.example ?? p.schema?.example ?? '' });
    inputs.set(p, input);
    form.append(el('label', {}, [p.name + ' ', input]), ' ');
  }
  const out = el('pre');
  form.append(el('button', { type: 'submit' }, ['Send GET']), out);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let url = path;
    const query = new URLSearchParams();
    for (const [p, input] of inputs) {
      if (p.in === 'path') url = url.replace('{' + p.name + '}', encodeURIComponent(input.value));
      else if (input.value !== '') query.set(p.name, input.value);
    }
    if ([...query].length > 0) url += '?' + query;
    const headers = tokenInput.value ? { Authorization: 'Bearer ' + tokenInput.value } : {};
    out.textContent = 'GET ' + url + ' …';
    try {
      const response = await fetch(url, { headers });
      const body = await response.text();
      let shown = body;
      try { shown = json(JSON.parse(body)); } catch {}
      out.textContent = 'GET ' + url + '\\n' + response.status + ' ' + response.statusText + '\\n\\n' + shown.slice(0, 20000);
    } catch (error) {
      out.textContent = String(error);
    }
  });
  return el('details', {}, [text('summary', 'Try it'), form]);
}

function operation(doc, path, method, op) {
  const params = op.parameters ?? [];
  const section = el('section', { id: op.operationId ?? method + path });
  section.append(el('h2', {}, [text('span', method.toUpperCase(), { class: 'method ' + method }), ' ', text('code', path)]));
  if (op.summary) section.append(text('p', op.summary));
  for (const para of (op.description ?? '').split('\\n\\n')) if (para) section.append(text('p', para));
  if (params.length > 0) {
    const rows = params.map((p) => el('tr', {}, [text('td', p.name), text('td', p.in), text('td', p.required ? 'required' : 'optional'), text('td', p.schema?.pattern ?? p.schema?.type ?? ''), text('td', p.description ?? p.schema?.description ?? '')]));
    section.append(el('table', {}, [el('tr', {}, ['name', 'in', '', 'format', 'meaning'].map((h) => text('th', h))), ...rows]));
  }
  const body = op.requestBody?.content?.['application/json'];
  if (body) section.append(el('details', {}, [text('summary', 'Request body'), text('pre', json(body.example ?? resolve(doc, body.schema)))]));
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    const content = Object.values(response.content ?? {})[0];
    const shown = content?.example !== undefined ? content.example : resolve(doc, content?.schema);
    section.append(el('details', {}, [text('summary', status + ' — ' + response.description), text('pre', typeof shown === 'string' ? shown : json(shown ?? ''))]));
  }
  const streams = Object.values(op.responses ?? {}).some((r) => r.content?.['text/event-stream']);
  if (method === 'get' && !streams) section.append(tryIt(path, params));
  return section;
}

const doc = await (await fetch('/api/openapi.json')).json();
const main = document.getElementById('operations');
main.replaceChildren();
for (const [path, item] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(item)) main.append(operation(doc, path, method, op));
}
`;
