// The "customer phone": a tiny page to chat with the business as a simulated customer.
// Plain HTML and vanilla JS over the /_sim/ API; everything user-supplied goes through
// textContent, never innerHTML.

/** The page's HTML. */
export const phonePageHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Customer phone · WhatsApp simulator</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#e5ddd5;display:flex;justify-content:center}
.phone{width:380px;max-width:100%;height:100vh;display:flex;flex-direction:column;background:#efeae2}
header{background:#075e54;color:#fff;padding:10px;display:flex;gap:6px;flex-wrap:wrap}
header select{flex:1;min-width:0}
#chat{flex:1;overflow-y:auto;padding:10px;display:flex;flex-direction:column;gap:6px}
.msg{max-width:80%;padding:6px 9px;border-radius:8px;white-space:pre-wrap;box-shadow:0 1px 1px #0002}
.in{align-self:flex-end;background:#d9fdd3}.out{align-self:flex-start;background:#fff}
.meta{font-size:11px;color:#667;margin-top:3px}
.btns{display:flex;flex-wrap:wrap;gap:4px;margin-top:5px}
.btns button{border:1px solid #0a7cff55;background:#fff;color:#0a7cff;border-radius:14px;padding:3px 9px;cursor:pointer}
form{display:flex;gap:6px;padding:8px;background:#f0f0f0}form input{flex:1;padding:8px;border-radius:18px;border:1px solid #ccc}
.tools{display:flex;gap:6px;padding:0 8px 8px;background:#f0f0f0}.tools button{font-size:12px}
</style></head>
<body><div class="phone">
<header><select id="customer" aria-label="Customer"></select><select id="number" aria-label="Business number"></select></header>
<div id="chat" aria-live="polite"></div>
<form id="send"><input id="text" placeholder="Message" autocomplete="off" aria-label="Message"><button>Send</button></form>
<div class="tools"><button id="stop" type="button">Send STOP</button><button id="optout" type="button">Stop promotions (app)</button><button id="resume" type="button">Resume promotions</button></div>
</div>
<script>
const $ = (id) => document.getElementById(id);
const api = async (method, path, body) => {
  const res = await fetch(path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  return res.json();
};
const waId = () => $('customer').value;
const phoneId = () => $('number').value;
async function load() {
  const [customers, numbers] = await Promise.all([api('GET', '/_sim/customers'), api('GET', '/_sim/numbers')]);
  for (const c of customers.data) $('customer').add(new Option(c.name + ' (+' + c.waId + ')', c.waId));
  for (const n of numbers.data) $('number').add(new Option(n.verifiedName + ' ' + n.displayPhoneNumber, n.id));
  refresh();
  setInterval(refresh, 1000);
}
async function inbound(draft) {
  await api('POST', '/_sim/customers/' + waId() + '/messages', { ...draft, phoneNumberId: phoneId() });
  refresh();
}
function tap(entry, b) {
  const context = { id: entry.id };
  if (b.kind === 'quick_reply') return inbound({ type: 'button', context, button: { payload: b.id, text: b.title } });
  return inbound({ type: 'interactive', context, interactive: { type: b.kind, [b.kind]: { id: b.id, title: b.title } } });
}
let last = '';
async function refresh() {
  if (!waId()) return;
  const conv = await api('GET', '/_sim/customers/' + waId() + '/conversation');
  const key = JSON.stringify(conv.data);
  if (key === last) return;
  last = key;
  const chat = $('chat');
  chat.replaceChildren();
  for (const e of conv.data) {
    const div = document.createElement('div');
    div.className = 'msg ' + (e.direction === 'inbound' ? 'in' : 'out');
    div.textContent = e.text;
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = new Date(e.at).toLocaleTimeString() + (e.status ? ' · ' + e.status : '');
    div.append(meta);
    if (e.buttons && e.buttons.length) {
      const btns = document.createElement('div');
      btns.className = 'btns';
      for (const b of e.buttons) {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = b.title;
        button.onclick = () => tap(e, b);
        btns.append(button);
      }
      div.append(btns);
    }
    chat.append(div);
  }
  chat.scrollTop = chat.scrollHeight;
}
$('customer').onchange = () => { last = ''; refresh(); };
$('send').onsubmit = (ev) => {
  ev.preventDefault();
  const body = $('text').value.trim();
  if (!body) return;
  $('text').value = '';
  inbound({ type: 'text', text: { body } });
};
$('stop').onclick = () => inbound({ type: 'text', text: { body: 'STOP' } });
$('optout').onclick = () => api('POST', '/_sim/customers/' + waId() + '/preferences', { value: 'stop', phoneNumberId: phoneId() });
$('resume').onclick = () => api('POST', '/_sim/customers/' + waId() + '/preferences', { value: 'resume', phoneNumberId: phoneId() });
load();
</script></body></html>`;
