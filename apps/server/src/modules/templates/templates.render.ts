import type {
  DraftComponent,
  SlotMapping,
  TemplateMapping,
  TemplateParameter,
  TemplateSendComponent,
  TemplateSlot,
  ValueSource,
} from '@kiana/contracts';
import { ValidationError } from '../../errors';
import { componentOf, examplesOf, variablesIn } from '@kiana/contracts';

/** What rendering needs of a template: Meta's components and the parameter format. */
export interface RenderableTemplate {
  name: string;
  language: string;
  parameterFormat: 'POSITIONAL' | 'NAMED';
  components: readonly DraftComponent[];
}

/** The values a mapping reads: the contact's attributes and the import row, if any. */
export interface RenderContext {
  attributes?: Readonly<Record<string, string | number | null | undefined>>;
  row?: Readonly<Record<string, string | null | undefined>>;
}

/** One reason a mapping cannot be sent, with the Meta error it would have caused. */
export interface RenderProblem {
  slot: string;
  code: 'missing' | 'wrong_type' | 'empty' | 'invalid';
  /** 132000 parameter count/name mismatch, 132012 parameter format mismatch, 131008 missing value, 132018 bad text. */
  metaCode: number;
  message: string;
}

/** Thrown when a mapping would make Meta refuse the send; names every bad parameter. */
export class TemplateRenderError extends ValidationError {
  constructor(readonly problems: RenderProblem[]) {
    super(`The template cannot be sent: ${problems.map((p) => p.message).join(' ')}`, problems);
    this.name = 'TemplateRenderError';
  }
}

const mediaFormats: Record<string, 'image' | 'video' | 'document'> = {
  IMAGE: 'image',
  VIDEO: 'video',
  DOCUMENT: 'document',
};
// Meta (132018): text parameters may not contain new lines, tabs or more than 4 consecutive spaces.
const badText = /[\n\r\t]| {5,}/;
const HEADER_MAX = 60;
const COUPON_MAX = 15;

/** Orders a text's variables the way Meta maps parameters: by number, or by first use when named. */
function orderedVariables(
  text: string | undefined,
  format: RenderableTemplate['parameterFormat'],
): string[] {
  const vars = variablesIn(text);
  return format === 'NAMED' ? vars : [...vars].sort((a, b) => Number(a) - Number(b));
}

/** Every slot a send of this template must fill, with the template's example values. */
export function templateSlots(template: RenderableTemplate): TemplateSlot[] {
  const slots: TemplateSlot[] = [];
  const header = componentOf(template.components, 'HEADER');
  const format = (header?.format ?? 'TEXT').toUpperCase();
  const media = mediaFormats[format];
  if (header !== undefined && media !== undefined) {
    const handle = (header.example as { header_handle?: unknown[] } | undefined)
      ?.header_handle?.[0];
    slots.push({
      key: 'header.media',
      kind: 'media',
      media,
      example: typeof handle === 'string' ? handle : null,
    });
  } else if (header !== undefined && format === 'LOCATION') {
    slots.push({ key: 'header.location', kind: 'location', example: null });
  } else if (header !== undefined) {
    const examples = examplesOf(header, 'header');
    for (const v of orderedVariables(header.text, template.parameterFormat)) {
      slots.push({
        key: `header.${v}`,
        kind: 'text',
        variable: v,
        example: examples.get(v) ?? null,
      });
    }
  }
  const body = componentOf(template.components, 'BODY');
  const bodyExamples = examplesOf(body, 'body');
  for (const v of orderedVariables(body?.text, template.parameterFormat)) {
    slots.push({
      key: `body.${v}`,
      kind: 'text',
      variable: v,
      example: bodyExamples.get(v) ?? null,
    });
  }
  (componentOf(template.components, 'BUTTONS')?.buttons ?? []).forEach((b, index) => {
    const example = Array.isArray(b.example) ? (b.example[0] ?? null) : (b.example ?? null);
    const type = b.type.toUpperCase();
    if (type === 'URL' && variablesIn(b.url).length > 0) {
      slots.push({ key: `button.${index}`, kind: 'url_suffix', example });
    } else if (type === 'COPY_CODE') {
      slots.push({ key: `button.${index}`, kind: 'coupon_code', example });
    }
  });
  return slots;
}

function resolve(source: ValueSource, context: RenderContext): string | undefined {
  const raw =
    source.from === 'fixed'
      ? source.value
      : source.from === 'attribute'
        ? context.attributes?.[source.key]
        : context.row?.[source.key];
  if (raw === null || raw === undefined) return undefined;
  const text = String(raw).trim();
  return text === '' ? undefined : text;
}

function describeSource(source: ValueSource): string {
  if (source.from === 'fixed') return 'the fixed text';
  return source.from === 'attribute'
    ? `contact attribute “${source.key}”`
    : `column “${source.key}”`;
}

const allowedTypes: Record<TemplateSlot['kind'], SlotMapping['type'][]> = {
  text: ['text', 'currency', 'date_time'],
  media: ['media'],
  location: ['location'],
  url_suffix: ['text'],
  coupon_code: ['coupon_code', 'text'],
};

/**
 * Turns a template and a mapping into the exact `components` of a template send. Pure: the
 * same inputs give the same output. Refuses, naming each parameter, any mapping that Meta
 * would answer with 132000 (a parameter missing) or 132012 (a parameter of the wrong kind),
 * and values that are empty or that Meta refuses in text parameters.
 */
export function renderTemplateComponents(
  template: RenderableTemplate,
  mapping: TemplateMapping,
  context: RenderContext = {},
): TemplateSendComponent[] {
  const problems: RenderProblem[] = [];
  const header: TemplateParameter[] = [];
  const body: TemplateParameter[] = [];
  const buttons: TemplateSendComponent[] = [];
  const named = template.parameterFormat === 'NAMED';
  let headerLength = (componentOf(template.components, 'HEADER')?.text ?? '').replace(
    /\{\{[^}]*\}\}/g,
    '',
  ).length;

  for (const slot of templateSlots(template)) {
    const m = mapping[slot.key];
    const label =
      slot.kind === 'text'
        ? `{{${slot.variable ?? ''}}} in the ${slot.key.split('.')[0] ?? ''}`
        : slotLabel(slot);
    if (m === undefined) {
      problems.push({
        slot: slot.key,
        code: 'missing',
        metaCode: 132000,
        message: `Nothing is mapped to ${label}.`,
      });
      continue;
    }
    const headerText = slot.key.startsWith('header.') && slot.kind === 'text';
    if (!allowedTypes[slot.kind].includes(m.type) || (headerText && m.type !== 'text')) {
      problems.push({
        slot: slot.key,
        code: 'wrong_type',
        metaCode: 132012,
        message: `${capitalise(label)} takes ${headerText ? 'text' : allowedTypes[slot.kind].join(' or ')}, not ${m.type}.`,
      });
      continue;
    }
    const fail = (code: RenderProblem['code'], metaCode: number, message: string): void => {
      problems.push({
        slot: slot.key,
        code,
        metaCode,
        message: `${capitalise(label)}: ${message}`,
      });
    };
    const param = parameterOf(slot, m, context, fail);
    if (param === undefined) continue;
    if (slot.kind === 'text') {
      const withName =
        named && slot.variable !== undefined ? { ...param, parameter_name: slot.variable } : param;
      if (slot.key.startsWith('header.')) {
        headerLength += param.type === 'text' ? param.text.length : 0;
        if (headerLength > HEADER_MAX)
          fail('invalid', 132005, `the header would be longer than ${HEADER_MAX} characters.`);
        header.push(withName as TemplateParameter);
      } else {
        body.push(withName as TemplateParameter);
      }
    } else if (slot.kind === 'media' || slot.kind === 'location') {
      header.push(param);
    } else {
      const index = slot.key.split('.')[1] ?? '0';
      buttons.push({
        type: 'button',
        sub_type: slot.kind === 'url_suffix' ? 'url' : 'copy_code',
        index,
        parameters: [param],
      });
    }
  }
  if (problems.length > 0) throw new TemplateRenderError(problems);
  const out: TemplateSendComponent[] = [];
  if (header.length > 0) out.push({ type: 'header', parameters: header });
  if (body.length > 0) out.push({ type: 'body', parameters: body });
  return [...out, ...buttons];
}

function slotLabel(slot: TemplateSlot): string {
  if (slot.kind === 'media') return `the ${slot.media ?? 'media'} header`;
  if (slot.kind === 'location') return 'the location header';
  const n = Number(slot.key.split('.')[1] ?? 0) + 1;
  return slot.kind === 'url_suffix'
    ? `the URL ending of button ${n}`
    : `the offer code of button ${n}`;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

type Fail = (code: RenderProblem['code'], metaCode: number, message: string) => void;

function parameterOf(
  slot: TemplateSlot,
  m: SlotMapping,
  ctx: RenderContext,
  fail: Fail,
): TemplateParameter | undefined {
  const need = (source: ValueSource): string | undefined => {
    const v = resolve(source, ctx);
    if (v === undefined) fail('empty', 131008, `${describeSource(source)} has no value.`);
    return v;
  };
  switch (m.type) {
    case 'text': {
      const text = need(m.value);
      if (text === undefined) return undefined;
      if (slot.kind === 'url_suffix') {
        if (/\s/.test(text))
          return void fail('invalid', 132000, `“${text}” contains spaces, which cannot end a URL.`);
      } else if (slot.kind === 'coupon_code') {
        return coupon(text, fail);
      } else if (badText.test(text)) {
        return void fail(
          'invalid',
          132018,
          'the value contains a new line, a tab or more than four spaces in a row.',
        );
      }
      return { type: 'text', text };
    }
    case 'coupon_code': {
      const text = need(m.value);
      return text === undefined ? undefined : coupon(text, fail);
    }
    case 'currency': {
      const amountText = need(m.amount);
      if (amountText === undefined) return undefined;
      const amount = Number(amountText.replace(/[,\s]/g, ''));
      if (!Number.isFinite(amount))
        return void fail('invalid', 132012, `“${amountText}” is not an amount.`);
      const fallback =
        (m.fallback === undefined ? undefined : resolve(m.fallback, ctx)) ??
        `${m.code} ${amount.toFixed(2)}`;
      return {
        type: 'currency',
        currency: {
          fallback_value: fallback,
          code: m.code,
          amount_1000: Math.round(amount * 1000),
        },
      };
    }
    case 'date_time': {
      const text = need(m.value);
      return text === undefined
        ? undefined
        : { type: 'date_time', date_time: { fallback_value: text } };
    }
    case 'media': {
      if (m.media !== slot.media) {
        return void fail(
          'wrong_type',
          132012,
          `the header is ${slot.media ?? '?'}, the mapping gives ${m.media}.`,
        );
      }
      if ((m.id === undefined) === (m.link === undefined)) {
        return void fail(
          'invalid',
          132012,
          'give either an uploaded media id or a link, not both or neither.',
        );
      }
      const value = need((m.id ?? m.link) as ValueSource);
      if (value === undefined) return undefined;
      if (m.link !== undefined && !/^https?:\/\/\S+$/i.test(value)) {
        return void fail('invalid', 132012, `“${value}” is not a web address.`);
      }
      const object = m.id !== undefined ? { id: value } : { link: value };
      const withName =
        m.media === 'document' && m.filename !== undefined
          ? { ...object, filename: m.filename }
          : object;
      if (m.media === 'image') return { type: 'image', image: withName };
      if (m.media === 'video') return { type: 'video', video: withName };
      return { type: 'document', document: withName };
    }
    case 'location':
      return {
        type: 'location',
        location: {
          latitude: m.latitude,
          longitude: m.longitude,
          ...(m.name === undefined ? {} : { name: m.name }),
          ...(m.address === undefined ? {} : { address: m.address }),
        },
      };
  }
}

function coupon(text: string, fail: Fail): TemplateParameter | undefined {
  if (text.length > COUPON_MAX || !/^[A-Za-z0-9_-]+$/.test(text)) {
    return void fail(
      'invalid',
      132000,
      `“${text}” is not an offer code (up to ${COUPON_MAX} letters and digits).`,
    );
  }
  return { type: 'coupon_code', coupon_code: text };
}
