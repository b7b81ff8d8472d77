import { describe, expect, it } from 'vitest';
import type { DraftComponent } from '@kiana/contracts';
import { parametersFor, textParameters, withParameters } from './template-parameters';

const components: DraftComponent[] = [
  { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['A-1'] } },
  {
    type: 'BODY',
    text: 'Hi {{1}}, it ships {{2}}.',
    example: { body_text: [['Ana', 'today']] },
  },
  { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Track', url: 'https://x.test/{{1}}' }] },
];

describe('template parameters in the inbox', () => {
  it('asks for every header and body parameter, not the button suffix', () => {
    expect(textParameters(components).map((s) => s.key)).toEqual(['header.1', 'body.1', 'body.2']);
  });

  it('shows typed values in the preview and keeps the rest visible to fill', () => {
    const filled = withParameters(components, { 'body.1': 'Ada' });
    expect(filled[1]?.text).toBe('Hi Ada, it ships {{2}}.');
    expect(filled[1]?.example).toBeUndefined();
    // Nothing typed for the header: its example stays for the preview.
    expect(filled[0]).toEqual(components[0]);
  });

  it('sends exactly the parameters of the chosen template', () => {
    const slots = textParameters(components);
    expect(parametersFor(slots, { 'body.1': 'Ada', 'body.9': 'stale' })).toEqual({
      'header.1': '',
      'body.1': 'Ada',
      'body.2': '',
    });
  });
});
