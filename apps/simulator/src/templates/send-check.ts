import type { TemplateParameter, TemplateSendComponent } from '@kiana/contracts';
import { MetaError } from '../graph/errors';
import type { TemplateDef } from '../state/model';
import { buttonsOf, component, variablesIn } from './variables';

// Checks a template send against the stored template as Meta does (NOTES §1.2, §4.3):
// missing/unapproved → 132001, paused → 132015, disabled → 132016, wrong parameter count or
// names → 132000, a parameter of the wrong kind → 132012.

const mediaFormats: Record<string, TemplateParameter['type']> = {
  IMAGE: 'image',
  VIDEO: 'video',
  DOCUMENT: 'document',
  LOCATION: 'location',
};
const bodyTypes = new Set(['text', 'currency', 'date_time']);
const buttonSubtypes: Record<string, string> = {
  QUICK_REPLY: 'quick_reply',
  URL: 'url',
  COPY_CODE: 'copy_code',
  FLOW: 'flow',
  CATALOG: 'catalog',
  MPM: 'mpm',
  OTP: 'url',
};

/** Throws the Meta error a send of `tpl` with these components gets, if any. */
export function checkTemplateSend(
  tpl: TemplateDef | undefined,
  name: string,
  language: string,
  components: TemplateSendComponent[],
): asserts tpl is TemplateDef {
  if (tpl === undefined)
    throw new MetaError(132001, `template name (${name}) does not exist in ${language}`);
  if (tpl.status === 'PAUSED')
    throw new MetaError(132015, `Template ${name} is paused due to low quality.`);
  if (tpl.status === 'DISABLED') throw new MetaError(132016, `Template ${name} has been disabled.`);
  if (tpl.status !== 'APPROVED') {
    throw new MetaError(
      132001,
      `template name (${name}) does not exist in ${language} or is not approved`,
    );
  }
  const sent = (type: string): TemplateParameter[] =>
    components.filter((c) => c.type === type).flatMap((c) => c.parameters ?? []);
  checkHeader(tpl, sent('header'));
  checkBody(tpl, sent('body'));
  checkButtons(
    tpl,
    components.filter((c) => c.type === 'button'),
  );
}

function checkHeader(tpl: TemplateDef, params: TemplateParameter[]): void {
  const header = component(tpl, 'HEADER');
  const format = header?.format;
  const media = format !== undefined ? mediaFormats[format] : undefined;
  if (media !== undefined) {
    if (params.length !== 1) throw countError('header', 1, params.length);
    if (params[0]?.type !== media) {
      throw new MetaError(
        132012,
        `header: expected ${media} parameter, received ${params[0]?.type ?? 'none'}`,
      );
    }
    return;
  }
  const expected = format === 'TEXT' ? variablesIn(header?.text) : [];
  checkTexts('header', tpl, expected, params);
}

function checkBody(tpl: TemplateDef, params: TemplateParameter[]): void {
  checkTexts('body', tpl, variablesIn(component(tpl, 'BODY')?.text), params);
}

function checkTexts(
  where: string,
  tpl: TemplateDef,
  expected: string[],
  params: TemplateParameter[],
): void {
  if (params.length !== expected.length) throw countError(where, expected.length, params.length);
  for (const p of params) {
    if (!bodyTypes.has(p.type))
      throw new MetaError(132012, `${where}: ${p.type} parameters are not allowed here`);
  }
  if (tpl.parameterFormat !== 'NAMED') return;
  const names = params.map((p) => ('parameter_name' in p ? p.parameter_name : undefined));
  const missing = expected.filter((n) => !names.includes(n));
  if (missing.length > 0) {
    throw new MetaError(132000, `${where}: missing named parameters: ${missing.join(', ')}`);
  }
}

function checkButtons(tpl: TemplateDef, sent: TemplateSendComponent[]): void {
  const buttons = buttonsOf(tpl);
  for (const comp of sent) {
    const index = Number(comp.index);
    const def = buttons[index];
    if (def === undefined || buttonSubtypes[def.type] !== comp.sub_type?.toLowerCase()) {
      throw new MetaError(
        132000,
        `button at index ${String(comp.index)} of sub_type ${comp.sub_type ?? '?'} does not exist`,
      );
    }
  }
  for (const def of buttons) {
    const comp = sent.find((c) => Number(c.index) === def.index);
    const params = comp?.parameters ?? [];
    if (def.type === 'URL' && variablesIn(def.url).length > 0) {
      if (params.length !== 1 || params[0]?.type !== 'text')
        throw countError(`button ${def.index} (url suffix)`, 1, params.length);
    }
    if (def.type === 'COPY_CODE' && (params.length !== 1 || params[0]?.type !== 'coupon_code')) {
      throw countError(`button ${def.index} (coupon_code)`, 1, params.length);
    }
    if (
      def.type === 'QUICK_REPLY' &&
      params.some((p) => p.type !== 'payload' && p.type !== 'text')
    ) {
      throw new MetaError(132012, `button ${def.index}: quick_reply takes a payload parameter`);
    }
  }
}

function countError(where: string, expected: number, received: number): MetaError {
  return new MetaError(
    132000,
    `${where}: number of localizable_params (${received}) does not match the expected number of params (${expected})`,
  );
}
