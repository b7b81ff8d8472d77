import type { DraftButton, DraftComponent } from '@kiana/contracts';
import { variablesIn } from './template-examples';

/** The builder's form state. */
export interface BuilderState {
  parameterFormat: 'POSITIONAL' | 'NAMED';
  headerKind: 'NONE' | 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'LOCATION';
  headerText: string;
  headerExample: string;
  /** The uploaded sample of a media header: Meta's handle and what the preview shows. */
  media: HeaderMedia | null;
  body: string;
  bodyExamples: Record<string, string>;
  footer: string;
  buttons: {
    type: 'QUICK_REPLY' | 'URL' | 'PHONE_NUMBER' | 'COPY_CODE';
    text: string;
    value: string;
    example: string;
  }[];
}

/** A media header sample uploaded through `POST /templates/header-examples`. */
export interface HeaderMedia {
  /** The sample as the server stored it; sent with the submission so it can be removed. */
  exampleId: string;
  handle: string;
  format: 'IMAGE' | 'VIDEO' | 'DOCUMENT';
  fileName: string;
  /** An object or data URL of the file, for the preview. */
  previewUrl: string;
}

export const emptyBuilder: BuilderState = {
  parameterFormat: 'POSITIONAL',
  headerKind: 'NONE',
  headerText: '',
  headerExample: '',
  media: null,
  body: '',
  bodyExamples: {},
  footer: '',
  buttons: [],
};

function textExample(
  format: BuilderState['parameterFormat'],
  where: 'body' | 'header',
  vars: string[],
  value: (v: string) => string,
) {
  if (vars.length === 0) return undefined;
  if (format === 'NAMED') {
    return {
      [`${where}_text_named_params`]: vars.map((v) => ({ param_name: v, example: value(v) })),
    };
  }
  return where === 'body' ? { body_text: [vars.map(value)] } : { header_text: vars.map(value) };
}

/** Meta's components (upper-case types) from the form state. */
export function toComponents(s: BuilderState): DraftComponent[] {
  const out: DraftComponent[] = [];
  if (s.headerKind === 'TEXT') {
    const example = textExample(
      s.parameterFormat,
      'header',
      variablesIn(s.headerText),
      () => s.headerExample,
    );
    out.push({
      type: 'HEADER',
      format: 'TEXT',
      text: s.headerText,
      ...(example === undefined ? {} : { example }),
    });
  } else if (s.headerKind === 'LOCATION') {
    out.push({ type: 'HEADER', format: 'LOCATION' });
  } else if (s.headerKind !== 'NONE') {
    out.push({
      type: 'HEADER',
      format: s.headerKind,
      // A sample uploaded for another format is not sent: Meta refuses the mismatch.
      ...(s.media === null || s.media.format !== s.headerKind
        ? {}
        : { example: { header_handle: [s.media.handle] } }),
    });
  }
  const bodyExample = textExample(
    s.parameterFormat,
    'body',
    variablesIn(s.body),
    (v) => s.bodyExamples[v] ?? '',
  );
  out.push({
    type: 'BODY',
    text: s.body,
    ...(bodyExample === undefined ? {} : { example: bodyExample }),
  });
  if (s.footer !== '') out.push({ type: 'FOOTER', text: s.footer });
  if (s.buttons.length > 0) {
    const buttons: DraftButton[] = s.buttons.map((b) => {
      if (b.type === 'URL') {
        return {
          type: 'URL',
          text: b.text,
          url: b.value,
          ...(variablesIn(b.value).length > 0 ? { example: [b.example] } : {}),
        };
      }
      if (b.type === 'PHONE_NUMBER')
        return { type: 'PHONE_NUMBER', text: b.text, phone_number: b.value };
      if (b.type === 'COPY_CODE') return { type: 'COPY_CODE', example: b.value };
      return { type: 'QUICK_REPLY', text: b.text };
    });
    out.push({ type: 'BUTTONS', buttons });
  }
  return out;
}
