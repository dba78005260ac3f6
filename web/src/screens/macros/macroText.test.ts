import { describe, expect, it } from 'vitest';
import type { Macro } from '../../api/macros';
import { describeChange, matchMacros } from './macroText';

const m = (name: string, description = '') => ({ id: 1, name, description }) as Macro;

describe('matchMacros', () => {
  it('keeps macros holding every word, in any case and script', () => {
    const list = [m('Where is my parcel — tracking link'), m('पार्सल ट्रैकिंग', 'कूरियर'), m('ಪಾರ್ಸೆಲ್ ಎಲ್ಲಿದೆ')];
    expect(matchMacros(list, 'PARCEL link').map((x) => x.name)).toEqual(['Where is my parcel — tracking link']);
    expect(matchMacros(list, 'कूरियर').map((x) => x.name)).toEqual(['पार्सल ट्रैकिंग']);
    expect(matchMacros(list, 'ಪಾರ್ಸೆಲ್')).toHaveLength(1);
    expect(matchMacros(list, '  ')).toHaveLength(3);
  });
});

describe('describeChange', () => {
  const t = (key: string, v?: Record<string, unknown>) =>
    v ? `${key}(${Object.values(v).join('|')})` : key;
  const names = { agentName: (id: number | null) => (id === 5 ? 'Meera' : null), groupName: () => 'Shipping' };
  it('names statuses, agents and groups', () => {
    expect(describeChange('status', ['open', 'solved'], t, names)).toBe(
      'macros.change(macros.fields.status|status.open|status.solved)',
    );
    expect(describeChange('assignee_id', [null, 5], t, names)).toBe(
      'macros.change(macros.fields.assignee_id|macros.nothing|Meera)',
    );
    expect(describeChange('tags', [[], ['a', 'b']], t, names)).toBe('macros.change(macros.fields.tags|macros.nothing|a, b)');
  });
});
