import { describe, expect, it } from 'vitest';
import { insertMention, matchAgents, mentionQueryAt, mentionSegments } from './mentions';

describe('mentions', () => {
  it('finds the name being typed after @, only at a word start and on one line', () => {
    expect(mentionQueryAt('Ask @Me', 7)).toEqual({ start: 4, query: 'Me' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('mail ravi@example.in', 20)).toBeNull();
    expect(mentionQueryAt('@Meera\nnext', 11)).toBeNull();
    expect(mentionQueryAt('@ Meera', 7)).toBeNull();
  });

  it('matches any word of a name, ignoring case', () => {
    const agents = [{ name: 'Meera Rao' }, { name: 'Arjun Shetty' }, { name: 'ದೀಪಾ ಹೆಗಡೆ' }];
    expect(matchAgents(agents, 'rao', 'en').map((a) => a.name)).toEqual(['Meera Rao']);
    expect(matchAgents(agents, 'ದೀ', 'kn').map((a) => a.name)).toEqual(['ದೀಪಾ ಹೆಗಡೆ']);
    expect(matchAgents(agents, '', 'en')).toHaveLength(3);
  });

  it('inserts @Name and a space, replacing what was typed', () => {
    expect(insertMention('Ask @me about it', 4, 7, 'Meera Rao')).toEqual({
      text: 'Ask @Meera Rao about it',
      caret: 15,
    });
  });

  it('cuts text into plain and mention segments, longest name first', () => {
    const names = ['Meera', 'Meera Rao', 'Arjun Shetty'];
    expect(mentionSegments('@Meera Rao, call <b>@Arjun Shetty</b>.', names)).toEqual([
      { text: '@Meera Rao', mention: 'Meera Rao' },
      { text: ', call <b>' },
      { text: '@Arjun Shetty', mention: 'Arjun Shetty' },
      { text: '</b>.' },
    ]);
    expect(mentionSegments('write to meera@Meera.in or @Meeras', names)).toEqual([
      { text: 'write to meera@Meera.in or @Meeras' },
    ]);
  });
});
