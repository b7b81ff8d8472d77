import { describe, expect, it } from 'vitest';
import type { CannedReply } from '@kiana/contracts';
import { cannedQuery, fillPlaceholders, matchCanned } from './canned';

const reply = (shortcut: string, text: string): CannedReply => ({
  id: shortcut,
  shortcut,
  text,
  updatedAt: 0,
});
const contact = {
  id: 'c',
  name: 'Ada Lovelace',
  profileName: 'ada',
  phoneE164: '+16505550101',
  username: null,
};

describe('canned replies in the composer', () => {
  it('searches only while the text is a slash and one word', () => {
    expect(cannedQuery('/')).toBe('');
    expect(cannedQuery('/Tha')).toBe('tha');
    expect(cannedQuery('hello /tha')).toBeNull();
    expect(cannedQuery('/thanks and more')).toBeNull();
  });

  it('lists shortcuts starting with the query before those containing it', () => {
    const list = [reply('hours', 'We open at 9'), reply('thanks', 'Thank you'), reply('th', 'x')];
    expect(matchCanned(list, 'th').map((c) => c.shortcut)).toEqual(['thanks', 'th']);
    expect(matchCanned(list, 'open').map((c) => c.shortcut)).toEqual(['hours']);
  });

  it('fills the placeholders from the contact', () => {
    expect(
      fillPlaceholders(
        'Hi {{contact.first_name}} ({{contact.name}}, {{ contact.phone }}) {{x}}',
        contact,
      ),
    ).toBe('Hi Ada (Ada Lovelace, +16505550101) {{x}}');
    expect(fillPlaceholders('Hi {{contact.name}}', { ...contact, name: null })).toBe('Hi ada');
  });
});
