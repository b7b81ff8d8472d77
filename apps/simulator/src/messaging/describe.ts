import type { SendMessageRequest, TemplateParameter } from '@kiana/contracts';
import type { TemplateDef } from '../state/model';
import type { ConversationEntry, SentMessage } from '../state/store';
import { buttonsOf, component, fillVariables, variablesIn } from '../templates/variables';

// How an outbound message looks on the customer phone page.

/** A chat entry for an accepted outbound message. */
export function describeOutbound(
  msg: SentMessage,
  template: TemplateDef | undefined,
  phoneNumberId: string,
): ConversationEntry {
  const base = {
    id: msg.id,
    direction: 'outbound' as const,
    phoneNumberId,
    at: msg.received_at,
    type: msg.type,
  };
  const body = msg.payload;
  if (body.type === 'template' && template !== undefined) {
    const quick = buttonsOf(template)
      .filter((b) => b.type === 'QUICK_REPLY' && b.text !== undefined)
      .map((b) => ({ id: b.text ?? '', title: b.text ?? '', kind: 'quick_reply' as const }));
    return { ...base, text: renderTemplate(template, body), buttons: quick };
  }
  if (body.type === 'interactive') {
    const action = body.interactive.action as {
      buttons?: { reply: { id: string; title: string } }[];
      sections?: { rows?: { id: string; title: string }[] }[];
    };
    const buttons = [
      ...(action.buttons ?? []).map((b) => ({
        id: b.reply.id,
        title: b.reply.title,
        kind: 'button_reply' as const,
      })),
      ...(action.sections ?? []).flatMap((s) =>
        (s.rows ?? []).map((r) => ({ id: r.id, title: r.title, kind: 'list_reply' as const })),
      ),
    ];
    return { ...base, text: body.interactive.body?.text ?? `[${body.interactive.type}]`, buttons };
  }
  return { ...base, text: plainText(body) };
}

function plainText(body: SendMessageRequest): string {
  switch (body.type) {
    case 'text':
      return body.text.body;
    case 'image':
      return `[image] ${body.image.caption ?? ''}`.trim();
    case 'video':
      return `[video] ${body.video.caption ?? ''}`.trim();
    case 'document':
      return `[document] ${body.document.caption ?? body.document.filename ?? ''}`.trim();
    case 'location':
      return `📍 ${body.location.name ?? `${String(body.location.latitude)}, ${String(body.location.longitude)}`}`;
    case 'reaction':
      return `reacted ${body.reaction.emoji}`;
    default:
      return `[${body.type}]`;
  }
}

function renderTemplate(
  tpl: TemplateDef,
  body: Extract<SendMessageRequest, { type: 'template' }>,
): string {
  const params = (type: string): TemplateParameter[] =>
    (body.template.components ?? [])
      .filter((c) => c.type === type)
      .flatMap((c) => c.parameters ?? []);
  const fill = (text: string | undefined, ps: TemplateParameter[]): string => {
    if (text === undefined) return '';
    const names = variablesIn(text);
    const values: Record<string, string> = {};
    ps.forEach((p, i) => {
      const key =
        'parameter_name' in p && typeof p.parameter_name === 'string' ? p.parameter_name : names[i];
      if (key !== undefined) values[key] = paramText(p);
    });
    return fillVariables(text, values);
  };
  const header = component(tpl, 'HEADER');
  const headerText =
    header?.format === 'TEXT'
      ? fill(header.text, params('header'))
      : header?.format !== undefined
        ? `[${header.format.toLowerCase()}]`
        : '';
  const lines = [
    headerText,
    fill(component(tpl, 'BODY')?.text, params('body')),
    component(tpl, 'FOOTER')?.text ?? '',
  ];
  return lines.filter((l) => l !== '').join('\n');
}

function paramText(p: TemplateParameter): string {
  switch (p.type) {
    case 'text':
      return p.text;
    case 'currency':
      return p.currency.fallback_value;
    case 'date_time':
      return p.date_time.fallback_value;
    default:
      return `[${p.type}]`;
  }
}
